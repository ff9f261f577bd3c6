package org.socialmaturity.contracts.advice;

import java.time.Instant;
import java.util.List;

import org.socialmaturity.contracts.maturity.Quadrant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

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

    /**
     * What caused the advice: a phase change ({@code PHASE_ENTERED} or {@code PHASE_DROPPED}, phases as numbers, the
     * quadrants null) or a quadrant change ({@code QUADRANT_CHANGED}, the phases null). {@code from} is null for the
     * company's first phase or quadrant.
     */
    public record Trigger(String type, Integer fromPhase, Integer toPhase, Quadrant fromQuadrant, Quadrant toQuadrant) {

        public static final String PHASE_ENTERED = "PHASE_ENTERED";
        public static final String PHASE_DROPPED = "PHASE_DROPPED";
        public static final String QUADRANT_CHANGED = "QUADRANT_CHANGED";

        /** A phase change: a drop when the company held a higher phase before. */
        public static Trigger phaseChange(Integer fromPhase, int toPhase) {
            boolean dropped = fromPhase != null && toPhase < fromPhase;
            return new Trigger(dropped ? PHASE_DROPPED : PHASE_ENTERED, fromPhase, toPhase, null, null);
        }

        public static Trigger quadrantChange(Quadrant fromQuadrant, Quadrant toQuadrant) {
            return new Trigger(QUADRANT_CHANGED, null, null, fromQuadrant, toQuadrant);
        }

        /**
         * A trigger as JSON holds it, today's shape or the earlier one: until 2026-11-27 a trigger said {@code from}
         * and {@code to} as text for both kinds of change ({@code "2"} for a phase, {@code "OBSERVERS"} for a
         * quadrant). Stored events and read-model documents keep the shape they were written in, so every reader
         * (the services' events and read models, the offline verifier) reads both through here.
         */
        @JsonCreator
        static Trigger read(@JsonProperty("type") String type, @JsonProperty("fromPhase") Integer fromPhase,
                            @JsonProperty("toPhase") Integer toPhase,
                            @JsonProperty("fromQuadrant") Quadrant fromQuadrant,
                            @JsonProperty("toQuadrant") Quadrant toQuadrant,
                            @JsonProperty("from") String earlierFrom, @JsonProperty("to") String earlierTo) {
            if (earlierTo == null) {
                return new Trigger(type, fromPhase, toPhase, fromQuadrant, toQuadrant);
            }
            if (QUADRANT_CHANGED.equals(type)) {
                return quadrantChange(earlierFrom == null ? null : Quadrant.valueOf(earlierFrom),
                        Quadrant.valueOf(earlierTo));
            }
            return new Trigger(type, earlierFrom == null ? null : Integer.valueOf(earlierFrom),
                    Integer.valueOf(earlierTo), null, null);
        }
    }
}
