package org.socialmaturity.assessments.company;

import java.time.LocalDate;
import java.util.Map;

import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.socialmaturity.http.validation.IsoDate;

/**
 * The target's shape (what is present, what reads as a date); whether it can be reached (phase and levels in range,
 * dimensions of the questionnaire, a date not yet past) is the company's rule, checked all at once.
 */
@Schema(name = "TargetRequest", description = "The maturity a company aims at, and by when")
public record TargetRequest(
        @Schema(description = "The phase to reach, 1-4", example = "3", required = true)
        @NotNull(message = "is required") Integer phase,
        @Schema(description = "Optionally, a whole level (1-4) to reach in some dimensions, by dimension id",
                example = "{\"LISTENING\":3,\"SOCIAL_CRM\":2}")
        Map<String, Integer> dimensions,
        @Schema(description = "The date to reach it by (ISO-8601), today or later", example = "2027-06-30",
                required = true)
        @NotNull(message = "is required") @IsoDate(message = "must be an ISO-8601 date, such as 2027-06-30")
        String due) {

    Map<String, Integer> dimensionLevels() {
        return dimensions == null ? Map.of() : dimensions;
    }

    LocalDate dueDate() {
        return LocalDate.parse(due);
    }
}
