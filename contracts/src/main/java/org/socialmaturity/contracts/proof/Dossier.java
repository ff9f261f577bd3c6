package org.socialmaturity.contracts.proof;

import static org.socialmaturity.contracts.maturity.MaturityRules.oneDecimal;
import static org.socialmaturity.contracts.maturity.MaturityRules.twoDecimals;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.socialmaturity.contracts.advice.AdviceIssued;
import org.socialmaturity.contracts.maturity.MaturityRules.DimensionScore;
import org.socialmaturity.contracts.maturity.MaturityRules.Maturity;
import org.socialmaturity.contracts.maturity.Quadrant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A company's self-contained, signed dossier: its events as stored, with their hashes; the links that connect each of
 * its commits to a signed checkpoint of the whole store (other companies' commits by content hash only); the key that
 * signed; copies of the documents its answers attached as evidence; and what the platform derived from the events (maturity now, trajectory, transitions, advice). Whoever
 * holds it can check it offline, and recompute the derived part from the events with the same rules.
 *
 * <p>Instants are ISO-8601 text and numbers are plain, so that the JSON reads and signs the same in any runtime.
 *
 * @param cut       the global index of the last event the derived part was built from: later events of a commit that
 *                  straddles it are in {@code commits} (a commit is proved whole) but not in what was derived; advice
 *                  issued for a change at or before it is included whatever its own index
 * @param signature Ed25519 signature of the dossier's canonical JSON without it ({@link DossierSignature})
 */
public record Dossier(
        String format,
        String companyId,
        String partnerId,
        String companyName,
        String generatedAt,
        long cut,
        String keyId,
        String publicKey,
        List<Checkpoint> checkpoints,
        List<StoredCommit> commits,
        List<ChainLink> links,
        List<AttachmentCopy> attachments,
        Derived derived,
        String signature) {

    /**
     * Format 2 (2026-11-27): the derived advice carries its trigger as an object with phases as numbers, and phase
     * transitions name phases as numbers. Format 1 said both as text.
     */
    public static final String FORMAT = "social-maturity-dossier/2";
    public static final String FORMAT_1 = "social-maturity-dossier/1";

    public Dossier withSignature(String value) {
        return new Dossier(format, companyId, partnerId, companyName, generatedAt, cut, keyId, publicKey, checkpoints,
                commits, links, attachments, derived, value);
    }

    /** A copy of a document an answer attached as evidence, which the answer names by its SHA-256. */
    public record AttachmentCopy(String sha256, String mediaType, String contentBase64) {
    }

    /**
     * What the platform's read models say about the company, as its API answers them; and, for each answer, the
     * personal data its event holds sealed, revealed ({@code "erased"} once its person was erased).
     */
    public record Derived(
            Figures maturity,
            List<Point> trajectory,
            List<PhaseChange> phaseTransitions,
            List<QuadrantChange> quadrantTransitions,
            List<IssuedAdvice> advice,
            List<Revealed> personalData) {
    }

    /**
     * Who gave an answer and the note they wrote (or why the question does not apply), in clear or {@code "erased"};
     * the event holds them sealed.
     */
    public record Revealed(String eventId, String actor, String note,
                           @JsonInclude(JsonInclude.Include.NON_NULL) String reason) {
    }

    /**
     * A maturity as the API shows it: index, investment and innovation to one decimal, dimension scores to two.
     * Null phase and quadrant before the first answer.
     */
    public record Figures(
            String questionnaireVersion,
            boolean determinate,
            Integer phase,
            String quadrant,
            Double index,
            Double investment,
            Double innovation,
            Map<String, Double> dimensionScores,
            List<String> holdingBack,
            int answered,
            int required) {

        public static Figures of(Maturity maturity) {
            Map<String, Double> scores = new LinkedHashMap<>();
            for (DimensionScore dimension : maturity.dimensions()) {
                scores.put(dimension.id(), dimension.score() == null ? null : twoDecimals(dimension.score()));
            }
            return new Figures(maturity.questionnaireVersion(), maturity.determinate(), maturity.phase(),
                    maturity.quadrant().name(), oneDecimal(maturity.index()), oneDecimal(maturity.investment()),
                    oneDecimal(maturity.innovation()), scores, maturity.holdingBack(), maturity.answered(),
                    maturity.required());
        }

        /** Before the first answer: nothing is known yet. */
        public static Figures unknown(String questionnaireVersion, int required) {
            return new Figures(questionnaireVersion, false, null, null, null, null, null, Map.of(), List.of(), 0,
                    required);
        }
    }


    /**
     * The maturity after one recorded answer, and the answers to other questionnaire versions it leaves out
     * ({@code version/questionId}; none in a dossier made before versions were data).
     */
    public record Point(long globalIndex, String eventId, String at, String questionId, int level, double index,
                        int phase, String quadrant, boolean determinate, List<String> notCarried) {

        public Point {
            notCarried = notCarried == null ? List.of() : List.copyOf(notCarried);
        }

        public static Point of(long globalIndex, String eventId, Instant at, String questionId, int level,
                               Maturity maturity) {
            return new Point(globalIndex, eventId, at.toString(), questionId, level, oneDecimal(maturity.index()),
                    maturity.phase(), maturity.quadrant().name(), maturity.determinate(), maturity.notCarried());
        }
    }

    /** A determinate phase change, and the answer that caused it; {@code from} is null for the first phase. */
    public record PhaseChange(String at, Integer from, int to, String causeEventId) {
    }

    /** A determinate quadrant change, and the answer that caused it; {@code from} is null for the first quadrant. */
    public record QuadrantChange(String at, Quadrant from, Quadrant to, String causeEventId) {
    }

    /** Advice issued to the company: the catalogue codes, what triggered it, and the change that caused it. */
    public record IssuedAdvice(String adviceId, String issuedAt, AdviceIssued.Trigger trigger, List<String> itemCodes,
                               List<String> dimensions, String causeEventId) {
    }
}
