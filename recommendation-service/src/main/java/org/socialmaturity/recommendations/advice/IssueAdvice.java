package org.socialmaturity.recommendations.advice;

import java.time.Instant;
import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.socialmaturity.contracts.advice.AdviceIssued.Trigger;

/** Issue advice to a company for the change {@code causeEventId} at global index {@code causeIndex}. */
public record IssueAdvice(
        @TargetAggregateIdentifier String adviceStreamId,
        String companyId,
        String partnerId,
        Trigger trigger,
        List<String> itemCodes,
        List<String> dimensions,
        String causeEventId,
        long causeIndex,
        Instant issuedAt) {
}
