package org.socialmaturity.eventstore;

import java.util.OptionalLong;

/**
 * Where one event processor of this replica stands: the lowest global index its claimed segments have handled, the
 * head of the store, how many events it is behind, and how many wait in its dead-letter queue (shared by replicas).
 */
public record ProcessorProgress(
        String processor,
        boolean running,
        boolean error,
        int claimedSegments,
        OptionalLong position,
        long head,
        long deadLetters) {

    /** Events between the slowest claimed segment and the head; the whole store before the first event is handled. */
    public long lag() {
        return Math.max(0, head - position.orElse(-1));
    }

    String describe() {
        String state = error ? "error" : running ? "running" : "stopped";
        return state + ", " + claimedSegments + " segment(s) claimed, position "
                + (position.isPresent() ? position.getAsLong() : "none") + ", lag " + lag() + ", dead letters "
                + deadLetters;
    }
}
