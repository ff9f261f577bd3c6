package org.socialmaturity.assessments.company;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RegisterCompany(
        @TargetAggregateIdentifier String companyId,
        String partnerId,
        String name,
        String sector,
        String country,
        int employees) {
}
