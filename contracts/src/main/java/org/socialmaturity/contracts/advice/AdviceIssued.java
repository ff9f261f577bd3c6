package org.socialmaturity.contracts.advice;

import java.time.Instant;
import java.util.List;

/**
 * Advice was issued to a company because of a phase or quadrant change. Items are catalogue codes; their texts
 * live in the advice catalogue in every language. {@code dimensions} are the dimensions the advice is about (the
 * weakest below the next phase, or those that fell). {@code causeEventId} and {@code causeIndex} (its global index)
 * make issuing idempotent.
 */
public record AdviceIssued(
        String adviceId,
        String companyId,
        String partnerId,
        Trigger trigger,
        List<String> itemCodes,
        List<String> dimensions,
        String causeEventId,
        long causeIndex,
        Instant issuedAt) {

    /** The aggregate the company's advice is appended to: its events are the advice the company was issued. */
    public static String streamIdOf(String companyId) {
        return "advice:" + companyId;
    }

    /** What caused the advice: {@code type} is PHASE_ENTERED, PHASE_DROPPED or QUADRANT_CHANGED. */
    public record Trigger(String type, String from, String to) {
    }
}
