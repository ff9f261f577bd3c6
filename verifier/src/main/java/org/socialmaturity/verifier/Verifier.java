package org.socialmaturity.verifier;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Arrays;

import org.socialmaturity.contracts.proof.Dossier;
import org.socialmaturity.contracts.proof.DossierSignature;
import org.socialmaturity.contracts.proof.SigningKey;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Checks a company dossier offline: {@code java -jar verifier.jar dossier.json [--public-key KEY]}. Prints OK with
 * what it recomputed, or every mismatch with its global index; exits 0 when the dossier verifies, 1 when it does not,
 * 2 when it cannot be read. Needs no network: the rules and questionnaire versions are built in.
 */
public final class Verifier {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private Verifier() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    static int run(String[] args, PrintStream out) {
        if (args.length != 1 && !(args.length == 3 && "--public-key".equals(args[1]))) {
            out.println("usage: java -jar verifier.jar dossier.json [--public-key <base64 X.509 key, or a file "
                    + "holding it>]");
            return 2;
        }
        try {
            byte[] dossier = Files.readAllBytes(Path.of(args[0]));
            PublicKey pinned = args.length == 3 ? SigningKey.publicKey(keyText(args[2])) : null;
            Verdict verdict = verify(dossier, pinned);
            verdict.print(out);
            return verdict.ok() ? 0 : 1;
        } catch (IOException | IllegalArgumentException e) {
            out.println("Cannot read: " + e.getMessage());
            return 2;
        }
    }

    private static String keyText(String argument) throws IOException {
        Path file = Path.of(argument);
        return Files.isRegularFile(file) ? Files.readString(file).trim() : argument;
    }

    /**
     * Checks a dossier's JSON.
     *
     * @param pinned the platform's published key; null to trust the key the dossier carries (then a forger could
     *               have signed it, which the verdict says)
     */
    public static Verdict verify(byte[] json, PublicKey pinned) throws IOException {
        Findings findings = new Findings();
        JsonNode tree = JSON.readTree(json);
        if (Dossier.FORMAT_1.equals(tree.path("format").asText())) {
            findings.problem("a dossier of format 1 (made before 2026-11-27, when its advice named phases as text): "
                    + "this verifier reads format 2; ask the platform for the company's dossier again, or check this "
                    + "one with the verifier of that date (commit 07f5c8a)");
            return new Verdict(null, findings, null);
        }
        Dossier dossier = JSON.treeToValue(tree, Dossier.class);
        if (!Dossier.FORMAT.equals(dossier.format())) {
            findings.problem("not a dossier of format " + Dossier.FORMAT + ": " + dossier.format());
            return new Verdict(dossier, findings, null);
        }
        if (dossier.publicKey() == null || dossier.keyId() == null || dossier.commits() == null
                || dossier.links() == null || dossier.checkpoints() == null || dossier.derived() == null) {
            findings.problem("the dossier lacks its key, commits, links, checkpoints or derived part");
            return new Verdict(dossier, findings, null);
        }
        PublicKey key = SigningKey.publicKey(dossier.publicKey());
        if (!SigningKey.keyIdOf(key).equals(dossier.keyId())) {
            findings.problem("the dossier's key id " + dossier.keyId() + " is not its public key's "
                    + SigningKey.keyIdOf(key));
        }
        if (pinned == null) {
            findings.fact("signed by key " + dossier.keyId() + ", taken from the dossier: pass the platform's "
                    + "published key with --public-key to rule out a dossier forged whole");
        } else if (!Arrays.equals(pinned.getEncoded(), key.getEncoded())) {
            findings.problem("signed by key " + dossier.keyId() + ", not by the pinned key "
                    + SigningKey.keyIdOf(pinned));
        } else {
            findings.fact("signed by the pinned key " + dossier.keyId());
        }
        if (!SigningKey.verifies(key, DossierSignature.canonical(tree), dossier.signature())) {
            findings.problem("the dossier's signature does not verify: it was changed after the platform signed it");
        }
        int anchors = new ChainProof(findings).check(dossier, key);
        findings.fact(dossier.commits().size() + " commits of the company, " + dossier.links().size()
                + " links of other commits, anchored to " + anchors + " signed checkpoint(s)");
        Dossier.Figures recomputed = new Recomputation(findings).check(dossier);
        return new Verdict(dossier, findings, recomputed);
    }

    /** The outcome: the problems found (none when the dossier verifies) and what was recomputed. */
    public record Verdict(Dossier dossier, Findings findings, Dossier.Figures recomputed) {

        public boolean ok() {
            return findings.problems.isEmpty();
        }

        public java.util.List<String> problems() {
            return findings.problems;
        }

        public java.util.List<String> facts() {
            return findings.facts;
        }

        void print(PrintStream out) {
            out.println((ok() ? "OK" : "FAILED") + (dossier == null ? ": not a dossier this verifier reads"
                    : ": dossier of " + dossier.companyName() + " (" + dossier.companyId() + "), made "
                    + dossier.generatedAt()));
            findings.problems.forEach(p -> out.println("  MISMATCH " + p));
            findings.facts.forEach(f -> out.println("  " + f));
        }
    }
}
