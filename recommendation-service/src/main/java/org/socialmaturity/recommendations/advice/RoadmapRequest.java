package org.socialmaturity.recommendations.advice;

import java.time.LocalDate;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.socialmaturity.contracts.advice.RoadmapStatus;
import org.socialmaturity.http.validation.EnumName;
import org.socialmaturity.http.validation.IsoDate;

@Schema(name = "RoadmapRequest", description = "Who owns an item of advice, by when, and where it stands")
public record RoadmapRequest(
        @Schema(description = "Where the item stands", required = true,
                enumeration = {"OPEN", "IN_PROGRESS", "DONE", "WONT_DO"}, example = "IN_PROGRESS")
        @NotNull(message = "is required") @EnumName(RoadmapStatus.class) String status,
        @Schema(description = "Who owns it (a name or an e-mail address, at most 200 characters; personal data, "
                + "erasable); omitted: nobody", example = "lucia@cliente.example")
        @Pattern(regexp = "(?sU).*\\S.*", message = "must not be blank (omit it for nobody)")
        @Size(max = RoadmapRequest.OWNER_MAX, message = "must be at most " + RoadmapRequest.OWNER_MAX + " characters")
        String owner,
        @Schema(description = "The date it is due (ISO-8601); omitted: none", example = "2027-03-31") @IsoDate
        String due) {

    static final int OWNER_MAX = 200;

    /** The assignment this request makes, once its constraints hold. */
    Requested requested() {
        return new Requested(RoadmapStatus.valueOf(status), owner == null ? null : owner.strip(),
                due == null ? null : LocalDate.parse(due));
    }

    record Requested(RoadmapStatus status, String owner, LocalDate due) {
    }
}
