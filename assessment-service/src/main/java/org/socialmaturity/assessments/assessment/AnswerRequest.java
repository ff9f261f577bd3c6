package org.socialmaturity.assessments.assessment;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.socialmaturity.contracts.assessment.Evidence;
import org.socialmaturity.contracts.assessment.RawAnswer;
import org.socialmaturity.contracts.rules.BrokenRule;
import org.socialmaturity.contracts.rules.InvalidInput;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of {@code PUT /assessments/{id}/answers/{questionId}}. Read from the JSON tree rather than bound, so
 * that a field of the wrong type (a number sent as a string, say) is refused instead of silently coerced.
 */
@Schema(name = "Answer", description = "{\"optionId\": ...} for a CHOICE question, {\"value\": ...} for a NUMBER question; "
        + "an optional note and optional evidence. Or {\"notApplicable\": true, \"reason\": ...} for a question the "
        + "version marks optionalInScope")
public record AnswerRequest(
        @Schema(description = "The chosen option (CHOICE questions)", example = "social-media-manager") String optionId,
        @Schema(description = "The number (NUMBER questions), within the question's min and max", example = "2.5")
        java.math.BigDecimal value,
        @Schema(description = "A free-text note for auditors, at most 2000 characters",
                example = "Confirmed with the head of customer care") String note,
        @Schema(description = "At most " + EvidenceRequest.MAX_ITEMS + " items backing the answer: a link, or a small "
                + "attachment kept by its SHA-256") List<EvidenceRequest> evidence,
        @Schema(description = "True: the question does not apply to the company (only where the question is "
                + "optionalInScope); then reason is required and nothing else is sent", example = "true")
        Boolean notApplicable,
        @Schema(description = "Why the question does not apply, at most 2000 characters",
                example = "The company keeps no CRM") String reason) {

    static final int MAX_NOTE_LENGTH = 2000;
    private static final Set<String> FIELDS = Set.of("optionId", "value", "note", "evidence", "notApplicable",
            "reason");

    /** The answer as read, and the attachments its evidence names, to be kept before it is recorded. */
    public record Parsed(RawAnswer answer, List<EvidenceRequest.Upload> uploads) {
    }

    public static Parsed parse(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw new InvalidInput("body", "is required: {\"optionId\": ...} or {\"value\": ...}");
        }
        if (!body.isObject()) {
            throw new InvalidInput("body", "must be a JSON object");
        }
        List<BrokenRule> violations = new ArrayList<>();
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                violations.add(new BrokenRule(name, "is not a field of an answer (optionId, value, note, evidence, "
                        + "notApplicable, reason)"));
            }
        }
        String optionId = text(body, "optionId", violations);
        String note = text(body, "note", violations);
        if (note != null && note.length() > MAX_NOTE_LENGTH) {
            violations.add(new BrokenRule("note", "must be at most " + MAX_NOTE_LENGTH + " characters"));
        }
        JsonNode value = body.get("value");
        if (value != null && !value.isNull() && !value.isNumber()) {
            violations.add(new BrokenRule("value", "must be a number"));
        } else if (value != null && value.isNumber() && !Double.isFinite(value.doubleValue())) {
            // Jackson reads a literal beyond the double range, such as 1e309, as Infinity.
            violations.add(new BrokenRule("value", "must be a finite number (at most 1.7976931348623157E308 in size)"));
        }
        List<EvidenceRequest.Upload> uploads = new ArrayList<>();
        List<Evidence> evidence = EvidenceRequest.parse(body.get("evidence"), violations, uploads);
        JsonNode notApplicable = body.get("notApplicable");
        String reason = text(body, "reason", violations);
        if (notApplicable != null && !notApplicable.isNull() && !notApplicable.isBoolean()) {
            violations.add(new BrokenRule("notApplicable", "must be true or false"));
        } else if (notApplicable != null && notApplicable.asBoolean()) {
            for (String other : List.of("optionId", "value", "note", "evidence")) {
                // An empty evidence list says nothing: generated clients send one by default.
                if (body.hasNonNull(other) && !(body.get(other).isArray() && body.get(other).isEmpty())) {
                    violations.add(new BrokenRule(other, "must be absent when the question does not apply"));
                }
            }
            if (reason == null || reason.isBlank()) {
                violations.add(new BrokenRule("reason", "is required when the question does not apply"));
            } else if (reason.length() > MAX_NOTE_LENGTH) {
                violations.add(new BrokenRule("reason", "must be at most " + MAX_NOTE_LENGTH + " characters"));
            }
            if (!violations.isEmpty()) {
                throw new InvalidInput(violations);
            }
            return new Parsed(RawAnswer.notApplicable(reason), uploads);
        } else if (reason != null) {
            violations.add(new BrokenRule("reason", "must be absent unless notApplicable is true"));
        }
        if (optionId == null && (value == null || value.isNull()) && violations.isEmpty()) {
            violations.add(new BrokenRule("body", "must hold optionId (CHOICE question) or value (NUMBER question), or "
                    + "notApplicable with a reason"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInput(violations);
        }
        return new Parsed(new RawAnswer(optionId, value == null || value.isNull() ? null : value.decimalValue(), note,
                evidence), uploads);
    }

    static String text(JsonNode body, String field, List<BrokenRule> violations) {
        return text(body, field, field, violations);
    }

    static String text(JsonNode body, String field, String path, List<BrokenRule> violations) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            violations.add(new BrokenRule(path, "must be a string"));
            return null;
        }
        return node.textValue();
    }
}
