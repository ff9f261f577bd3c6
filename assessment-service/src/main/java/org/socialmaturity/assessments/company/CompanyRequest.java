package org.socialmaturity.assessments.company;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.socialmaturity.web.ApiProblem;
import org.socialmaturity.web.Countries;
import org.socialmaturity.web.Violation;

@Schema(name = "CompanyRegistration", description = "A client company to register")
public record CompanyRequest(
        @Schema(description = "Legal or trading name, 1-200 characters", example = "Aerolíneas del Sur S.A.",
                required = true) String name,
        @Schema(description = "Business sector, 1-100 characters", example = "airlines", required = true)
        String sector,
        @Schema(description = "ISO 3166-1 alpha-2 country code", example = "ES", required = true) String country,
        @Schema(description = "Number of employees, 1 or more", example = "1200", required = true)
        Integer employees) {

    static final int MAX_EMPLOYEES = 10_000_000;

    /** @throws ApiProblem naming every field that breaks a rule */
    CompanyRequest validated() {
        List<Violation> violations = new ArrayList<>();
        text("name", name, 200, violations);
        text("sector", sector, 100, violations);
        if (country == null) {
            violations.add(new Violation("country", "is required"));
        } else if (!Countries.isCode(country)) {
            violations.add(new Violation("country", Countries.RULE));
        }
        if (employees == null) {
            violations.add(new Violation("employees", "is required"));
        } else if (employees < 1 || employees > MAX_EMPLOYEES) {
            violations.add(new Violation("employees", "must be between 1 and " + MAX_EMPLOYEES));
        }
        if (!violations.isEmpty()) {
            throw ApiProblem.invalid(violations);
        }
        return new CompanyRequest(name.strip(), sector.strip(), country, employees);
    }

    private static void text(String field, String value, int max, List<Violation> violations) {
        if (value == null || value.isBlank()) {
            violations.add(new Violation(field, "is required"));
        } else if (value.strip().length() > max) {
            violations.add(new Violation(field, "must be at most " + max + " characters"));
        } else if (value.chars().anyMatch(Character::isISOControl)) {
            violations.add(new Violation(field, "must not contain control characters"));
        }
    }
}
