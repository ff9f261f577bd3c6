package org.socialmaturity.assessments.company;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.socialmaturity.contracts.company.CompanyRegistered;

@Schema(name = "Company", description = "A registered client company")
public record CompanyResponse(
        @Schema(description = "Opaque id", example = "5f0c3e9a-3d7e-4d0c-9f4e-2d8f1c6b7a10") String id,
        @Schema(example = "Aerolíneas del Sur S.A.") String name,
        @Schema(example = "airlines") String sector,
        @Schema(example = "ES") String country,
        @Schema(example = "1200") int employees,
        @Schema(description = "When it was registered (UTC)", example = "2026-11-23T09:15:00Z") Instant registeredAt) {

    static final String EXAMPLE = "{\"id\":\"5f0c3e9a-3d7e-4d0c-9f4e-2d8f1c6b7a10\",\"name\":\"Aerolíneas del Sur S.A.\","
            + "\"sector\":\"airlines\",\"country\":\"ES\",\"employees\":1200,\"registeredAt\":\"2026-11-23T09:15:00Z\"}";

    static CompanyResponse of(CompanyRegistered registration) {
        return new CompanyResponse(registration.companyId(), registration.name(), registration.sector(),
                registration.country(), registration.employees(), registration.registeredAt());
    }

    boolean sameRegistrationAs(CompanyRequest request) {
        return name.equals(request.name()) && sector.equals(request.sector()) && country.equals(request.country())
                && employees == request.employees();
    }
}
