package org.socialmaturity.contracts.company;

import java.time.Instant;

/** A partner registered one of its client companies. */
public record CompanyRegistered(
        String companyId,
        String partnerId,
        String name,
        String sector,
        String country,
        int employees,
        Instant registeredAt) {
}
