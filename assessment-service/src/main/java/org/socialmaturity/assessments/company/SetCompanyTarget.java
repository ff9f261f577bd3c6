package org.socialmaturity.assessments.company;

import java.time.LocalDate;
import java.util.Map;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record SetCompanyTarget(
        @TargetAggregateIdentifier String companyId,
        String partnerId,
        String targetId,
        int phase,
        Map<String, Integer> dimensionLevels,
        LocalDate due) {
}
