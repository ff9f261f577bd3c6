package org.socialmaturity.assessments.company;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.socialmaturity.contracts.questionnaire.Dimension;
import org.socialmaturity.contracts.questionnaire.Questionnaire;
import org.socialmaturity.web.ApiProblem;
import org.socialmaturity.web.Violation;

@Schema(name = "TargetRequest", description = "The maturity a company aims at, and by when")
public record TargetRequest(
        @Schema(description = "The phase to reach, 1-4", example = "3", required = true) Integer phase,
        @Schema(description = "Optionally, a whole level (1-4) to reach in some dimensions, by dimension id",
                example = "{\"LISTENING\":3,\"SOCIAL_CRM\":2}") Map<String, Integer> dimensions,
        @Schema(description = "The date to reach it by (ISO-8601), today or later", example = "2027-06-30",
                required = true) String due) {

    /** The target, checked; {@code today} in UTC. @throws ApiProblem naming every field that breaks a rule */
    Valid validated(Questionnaire questionnaire, LocalDate today) {
        List<Violation> violations = new ArrayList<>();
        if (phase == null) {
            violations.add(new Violation("phase", "is required"));
        } else if (phase < 1 || phase > 4) {
            violations.add(new Violation("phase", "must be between 1 and 4"));
        }
        List<String> known = questionnaire.dimensions().stream().map(Dimension::id).toList();
        Map<String, Integer> levels = new LinkedHashMap<>();
        if (dimensions != null) {
            dimensions.forEach((id, level) -> {
                if (!known.contains(id)) {
                    violations.add(new Violation("dimensions." + id, "is not a dimension of questionnaire "
                            + questionnaire.version() + ": one of " + known));
                } else if (level == null || level < 1 || level > 4) {
                    violations.add(new Violation("dimensions." + id, "must be a level between 1 and 4"));
                } else {
                    levels.put(id, level);
                }
            });
        }
        LocalDate dueDate = null;
        if (due == null) {
            violations.add(new Violation("due", "is required"));
        } else {
            try {
                dueDate = LocalDate.parse(due);
                if (dueDate.isBefore(today)) {
                    violations.add(new Violation("due", "must be today or later"));
                }
            } catch (DateTimeParseException e) {
                violations.add(new Violation("due", "must be an ISO-8601 date, such as 2027-06-30"));
            }
        }
        if (!violations.isEmpty()) {
            throw ApiProblem.invalid(violations);
        }
        return new Valid(phase, levels, dueDate);
    }

    record Valid(int phase, Map<String, Integer> dimensions, LocalDate due) {
    }
}
