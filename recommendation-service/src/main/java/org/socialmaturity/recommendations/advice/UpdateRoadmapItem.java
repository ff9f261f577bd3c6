package org.socialmaturity.recommendations.advice;

import java.time.Instant;
import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.socialmaturity.contracts.advice.RoadmapStatus;

/** Assign an item of a company's advice: {@code owner} already sealed, as it is stored. */
public record UpdateRoadmapItem(
        @TargetAggregateIdentifier String adviceStreamId,
        String companyId,
        String partnerId,
        String itemCode,
        String owner,
        LocalDate due,
        RoadmapStatus status,
        Instant updatedAt) {
}
