package org.socialmaturity.assessments.company;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.socialmaturity.http.validation.PlainText;
import org.socialmaturity.web.CountryCode;

@Schema(name = "CompanyRegistration", description = "A client company to register")
public record CompanyRequest(
        @Schema(description = "Legal or trading name, 1-200 characters", example = "Aerolíneas del Sur S.A.",
                required = true) @PlainText(max = 200) String name,
        @Schema(description = "Business sector, 1-100 characters", example = "airlines", required = true)
        @PlainText(max = 100) String sector,
        @Schema(description = "ISO 3166-1 alpha-2 country code", example = "ES", required = true)
        @NotNull(message = "is required") @CountryCode String country,
        @Schema(description = "Number of employees, 1 or more", example = "1200", required = true)
        @NotNull(message = "is required")
        @Min(value = 1, message = "must be between 1 and " + CompanyRequest.MAX_EMPLOYEES)
        @Max(value = CompanyRequest.MAX_EMPLOYEES, message = "must be between 1 and " + CompanyRequest.MAX_EMPLOYEES)
        Integer employees) {

    static final int MAX_EMPLOYEES = 10_000_000;

    /** Names are kept as written, without the spaces around them. */
    public CompanyRequest {
        name = PlainText.Validator.stripped(name);
        sector = PlainText.Validator.stripped(sector);
    }
}
