package org.socialmaturity.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.socialmaturity.contracts.proof.Checkpoint;
import org.socialmaturity.contracts.proof.Dossier;
import org.socialmaturity.contracts.proof.HashChain;
import org.socialmaturity.contracts.proof.SigningKey;
import org.socialmaturity.contracts.proof.StoredCommit;
import org.socialmaturity.contracts.proof.StoredCommit.StoredEvent;

/** The chain part of a dossier, on commits made by hand: what leads to a signed checkpoint, and what cannot. */
class ChainProofTest {

    private final SigningKey key = SigningKey.throwaway();

    @Test
    void aCompanyCommitLedByOtherCommitsToASignedCheckpointIsAnchored() {
        StoredCommit company = commit(0, "company-1", HashChain.GENESIS, null);
        StoredCommit other = commit(1, "other-1", company.hash(), null);
        Findings findings = new Findings();

        int anchors = new ChainProof(findings).check(dossier(List.of(company), List.of(other), other), key.publicKey());

        assertEquals(List.of(), findings.problems);
        assertEquals(1, anchors);
    }

    @Test
    void aVoidBetweenACompanyCommitAndTheCheckpointLeavesItUnproved() {
        StoredCommit company = commit(0, "company-1", HashChain.GENESIS, null);
        StoredCommit lost = commit(1, "lost-1", company.hash(), null);
        StoredCommit voided = new StoredCommit(1, 1, "void/1", null, null, null, null, 0L, List.of(), lost.hash(),
                company.hash(), null);
        voided = linked(voided);
        // The writer after the void named the lost commit's hash: it binds nothing before the void.
        StoredCommit after = commit(2, "other-2", lost.hash(), null);
        Findings findings = new Findings();

        new ChainProof(findings).check(dossier(List.of(company), List.of(voided, after), after), key.publicKey());

        assertTrue(findings.problems.stream().anyMatch(p -> p.startsWith("global indexes 1 to 1 are a void")),
                String.valueOf(findings.problems));
        assertTrue(findings.problems.contains("the commit at global index 0 is not connected to a signed checkpoint"),
                String.valueOf(findings.problems));
    }

    @Test
    void aCompanyCommitChangedAfterItWasWrittenIsReportedAtItsIndex() {
        StoredCommit company = commit(0, "company-1", HashChain.GENESIS, null);
        StoredCommit other = commit(1, "other-1", company.hash(), null);
        StoredCommit changed = new StoredCommit(0, 0, company.key(), company.aggregateId(), "Company", 0L, 0L, 0L,
                List.of(event("company-1", "{\"changed\":true}")), null, company.prev(), company.hash());
        Findings findings = new Findings();

        new ChainProof(findings).check(dossier(List.of(changed), List.of(other), other), key.publicKey());

        assertEquals("the commit at global index 0 does not match its hash: its content was changed after it was "
                + "written", findings.problems.get(0));
    }

    @Test
    void commitsReorderedInTheStoreAreReportedWhereTheChainBreaks() {
        StoredCommit company = commit(0, "company-1", HashChain.GENESIS, null);
        StoredCommit first = commit(1, "other-1", company.hash(), null);
        StoredCommit second = commit(2, "other-2", first.hash(), null);
        // Each other's content under their own bounds, hashes kept: what a reordering has to look like.
        StoredCommit secondAtOne = new StoredCommit(1, 1, second.key(), second.aggregateId(), "Company", 0L, 0L, 0L,
                second.events(), null, second.prev(), second.hash());
        StoredCommit firstAtTwo = new StoredCommit(2, 2, first.key(), first.aggregateId(), "Company", 0L, 0L, 0L,
                first.events(), null, first.prev(), first.hash());
        Findings findings = new Findings();

        new ChainProof(findings).check(dossier(List.of(company), List.of(secondAtOne, firstAtTwo), second),
                key.publicKey());

        assertTrue(findings.problems.contains("the link at global index 1 does not bind its content hash to the hash "
                + "before it"), String.valueOf(findings.problems));
        assertTrue(findings.problems.contains("the commit at global index 0 is not connected to a signed checkpoint"),
                String.valueOf(findings.problems));
    }

    private Dossier dossier(List<StoredCommit> commits, List<StoredCommit> others, StoredCommit head) {
        Checkpoint checkpoint = Checkpoint.sign(key, head.last(), head.hash(), Instant.now());
        return new Dossier(Dossier.FORMAT, "c", "p", "Company", Instant.now().toString(), head.last(), key.keyId(),
                key.publicKeyBase64(), List.of(checkpoint), commits, others.stream().map(StoredCommit::toLink).toList(),
                List.of(), null, null);
    }

    private static StoredCommit commit(long index, String aggregate, String prev, String standsFor) {
        return linked(new StoredCommit(index, index, aggregate + "/0", aggregate, "Company", 0L, 0L, 0L,
                List.of(event(aggregate, "{}")), standsFor, prev, null));
    }

    private static StoredCommit linked(StoredCommit commit) {
        return new StoredCommit(commit.first(), commit.last(), commit.key(), commit.aggregateId(),
                commit.aggregateType(), commit.firstSequence(), commit.lastSequence(), commit.committedAt(),
                commit.events(), commit.standsFor(), commit.prev(), commit.expectedHash());
    }

    private static StoredEvent event(String aggregate, String payload) {
        return new StoredEvent(aggregate + "-e", 0, "2026-11-26T00:00:00Z", "x.Y", null, payload, "{}");
    }
}
