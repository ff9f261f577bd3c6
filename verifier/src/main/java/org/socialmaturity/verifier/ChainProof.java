package org.socialmaturity.verifier;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.socialmaturity.contracts.proof.ChainLink;
import org.socialmaturity.contracts.proof.Checkpoint;
import org.socialmaturity.contracts.proof.Dossier;
import org.socialmaturity.contracts.proof.HashChain;
import org.socialmaturity.contracts.proof.StoredCommit;

/**
 * The chain part of a dossier: every commit of the company must hold the hash of its content, and lead, through the
 * links after it (each following the one before), to a checkpoint the platform's key signed. Whatever was changed,
 * removed or reordered in the store before the dossier was made shows at the first index where this fails.
 */
final class ChainProof {

    private final Findings findings;

    ChainProof(Findings findings) {
        this.findings = findings;
    }

    /** @return how many signed checkpoints anchor the company's commits */
    int check(Dossier dossier, PublicKey key) {
        Map<Long, Checkpoint> signedHeads = new HashMap<>();
        for (Checkpoint checkpoint : dossier.checkpoints()) {
            if (checkpoint.signedBy(key)) {
                signedHeads.put(checkpoint.headIndex(), checkpoint);
            } else {
                findings.problem("the checkpoint of global index " + checkpoint.headIndex() + " signed at "
                        + checkpoint.signedAt() + " is not signed by key " + dossier.keyId());
            }
        }
        List<Step> steps = new ArrayList<>();
        for (StoredCommit commit : dossier.commits()) {
            steps.add(new Step(commit.toLink(), commit));
            if (commit.unchained()) {
                findings.problem("the commit at global index " + commit.first() + " predates the hash chain: it "
                        + "cannot be verified");
            } else if (!commit.hash().equals(commit.expectedHash())) {
                findings.problem("the commit at global index " + commit.first() + " does not match its hash: its "
                        + "content was changed after it was written");
            }
        }
        for (ChainLink link : dossier.links()) {
            steps.add(new Step(link, null));
            if (!link.consistent()) {
                findings.problem("the link at global index " + link.first() + " does not bind its content hash to "
                        + "the hash before it");
            }
        }
        steps.sort(Comparator.comparingLong(s -> s.link().first()));
        return walk(steps, signedHeads);
    }

    private int walk(List<Step> steps, Map<Long, Checkpoint> signedHeads) {
        int anchors = 0;
        List<Step> unanchored = new ArrayList<>();
        Step before = null;
        for (Step step : steps) {
            ChainLink link = step.link();
            boolean contiguous = before != null && link.first() == before.link().last() + 1;
            if (before != null && link.first() <= before.link().last()) {
                findings.problem("global index " + link.first() + " appears twice in the dossier");
            }
            if (contiguous && !HashChain.follows(link.prev(), before.link().hash(), before.link().voided(),
                    before.link().standsFor())) {
                findings.problem("the commit at global index " + link.first() + " does not follow the one at "
                        + before.link().first() + ": commits were removed, reordered or replaced there");
                unanchored(unanchored);
            } else if (contiguous && before.link().voided() && !unanchored.isEmpty()) {
                // The commit after a void names the lost commit's hash or none: it binds nothing before the void.
                findings.problem("global indexes " + before.link().first() + " to " + before.link().last()
                        + " are a void (a commit lost before it was durable) between the company's commit at "
                        + unanchored.get(0).link().first() + " and a signed checkpoint: the chain cannot prove it "
                        + "through the void");
                unanchored(unanchored);
            } else if (!contiguous) {
                if (!unanchored.isEmpty()) {
                    findings.problem("global indexes " + (before.link().last() + 1) + " to " + (link.first() - 1)
                            + " are missing between the company's commit at " + unanchored.get(0).link().first()
                            + " and a signed checkpoint: their commits were removed");
                }
                unanchored(unanchored);
            }
            if (step.commit() != null) {
                unanchored.add(step);
            }
            Checkpoint checkpoint = signedHeads.get(link.last());
            if (checkpoint != null) {
                if (checkpoint.headHash().equals(link.hash())) {
                    if (!unanchored.isEmpty()) {
                        anchors++;
                    }
                    unanchored.clear();
                } else {
                    findings.problem("the checkpoint signed at " + checkpoint.signedAt() + " names hash "
                            + checkpoint.headHash() + " at global index " + checkpoint.headIndex()
                            + ", the dossier's chain gives " + link.hash());
                }
            }
            before = step;
        }
        unanchored(unanchored);
        return anchors;
    }

    private void unanchored(List<Step> commits) {
        for (Step step : commits) {
            findings.problem("the commit at global index " + step.link().first() + " is not connected to a signed "
                    + "checkpoint");
        }
        commits.clear();
    }

    /** One commit of the chain, with its content when it is the company's. */
    private record Step(ChainLink link, StoredCommit commit) {
    }
}
