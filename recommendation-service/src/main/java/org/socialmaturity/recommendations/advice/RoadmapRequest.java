package org.socialmaturity.recommendations.advice;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.socialmaturity.contracts.advice.RoadmapStatus;
import org.socialmaturity.web.ApiProblem;
import org.socialmaturity.web.Violation;

@Schema(name = "RoadmapRequest", description = "Who owns an item of advice, by when, and where it stands")
public record RoadmapRequest(
        @Schema(description = "Where the item stands", required = true,
                enumeration = {"OPEN", "IN_PROGRESS", "DONE", "WONT_DO"}, example = "IN_PROGRESS") String status,
        @Schema(description = "Who owns it (a name or an e-mail address, at most 200 characters; personal data, "
                + "erasable); omitted: nobody", example = "lucia@cliente.example") String owner,
        @Schema(description = "The date it is due (ISO-8601); omitted: none", example = "2027-03-31") String due) {

    static final int OWNER_MAX = 200;

    /** The assignment, checked. @throws ApiProblem naming every field that breaks a rule */
    Valid validated() {
        List<Violation> violations = new ArrayList<>();
        RoadmapStatus checkedStatus = null;
        if (status == null) {
            violations.add(new Violation("status", "is required"));
        } else {
            try {
                checkedStatus = RoadmapStatus.valueOf(status);
            } catch (IllegalArgumentException e) {
                violations.add(new Violation("status", "must be one of " + Arrays.toString(RoadmapStatus.values())));
            }
        }
        if (owner != null && owner.isBlank()) {
            violations.add(new Violation("owner", "must not be blank (omit it for nobody)"));
        } else if (owner != null && owner.length() > OWNER_MAX) {
            violations.add(new Violation("owner", "must be at most " + OWNER_MAX + " characters"));
        }
        LocalDate dueDate = null;
        if (due != null) {
            try {
                dueDate = LocalDate.parse(due);
            } catch (DateTimeParseException e) {
                violations.add(new Violation("due", "must be an ISO-8601 date, such as 2027-03-31"));
            }
        }
        if (!violations.isEmpty()) {
            throw ApiProblem.invalid(violations);
        }
        return new Valid(checkedStatus, owner == null ? null : owner.strip(), dueDate);
    }

    record Valid(RoadmapStatus status, String owner, LocalDate due) {
    }
}
