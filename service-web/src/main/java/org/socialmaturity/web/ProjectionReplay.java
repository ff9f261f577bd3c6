package org.socialmaturity.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;
import org.socialmaturity.eventstore.AxonRuntime;

/**
 * Rebuilds a projection from the first event: the processor stops, its tokens go back to the tail (its
 * {@code @ResetHandler} clears the read model) and it starts again, replaying. Side effects stay exactly-once
 * because they are keyed by their cause, not by the processor's position.
 */
@Singleton
public class ProjectionReplay {

    private static final Logger LOG = Logger.getLogger(ProjectionReplay.class);

    private final AxonRuntime axon;
    private final Map<String, Started> started = new ConcurrentHashMap<>();

    ProjectionReplay(AxonRuntime axon) {
        this.axon = axon;
    }

    public ReplayStatus start(String processorName) {
        StreamingEventProcessor processor = processor(processorName);
        long head = axon.storageEngine().headIndex();
        processor.shutDown();
        try {
            processor.resetTokens();
        } catch (UnableToClaimTokenException e) {
            processor.start();
            throw new ApiProblem(409, "replay-refused", "Replay refused", "Cannot replay " + processorName
                    + ": another replica holds one of its segments; scale the service to one replica and try again",
                    List.of());
        }
        started.put(processorName, new Started(Instant.now(), head));
        processor.start();
        LOG.infof("Replaying %s from the first event up to global index %d", processorName, head);
        return status(processorName);
    }

    public ReplayStatus status(String processorName) {
        StreamingEventProcessor processor = processor(processorName);
        Started start = started.get(processorName);
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        OptionalLong position = segments.values().stream().map(EventTrackerStatus::getCurrentPosition)
                .filter(OptionalLong::isPresent).mapToLong(OptionalLong::getAsLong).min();
        long total = start == null ? axon.storageEngine().headIndex() + 1 : start.head() + 1;
        long processed = Math.min(total, position.orElse(-1) + 1);
        // Axon keeps calling a processor "replaying" until it handles an event past the reset point, which may
        // never come: the replay is done once it has handled everything that was there when it started.
        String state = start == null ? "IDLE" : processed < total ? "REPLAYING" : "DONE";
        return new ReplayStatus(processorName, state, processed, total, start == null ? null : start.at(),
                segments.size());
    }

    private StreamingEventProcessor processor(String name) {
        return axon.configuration().eventProcessingConfiguration()
                .eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalArgumentException("No streaming processor " + name));
    }

    private record Started(Instant at, long head) {
    }

    @Schema(name = "ReplayStatus", description = "processed of total events; total is the head of the store when "
            + "the replay started")
    public record ReplayStatus(
            @Schema(example = "maturity-timeline") String processor,
            @Schema(description = "IDLE, REPLAYING or DONE", example = "REPLAYING") String state,
            @Schema(example = "5300") long processed,
            @Schema(example = "12000") long total,
            @Schema(example = "2026-11-23T10:00:00Z") Instant startedAt,
            @Schema(description = "Segments this replica has claimed", example = "1") int claimedSegments) {

        public static final String EXAMPLE = "{\"processor\":\"maturity-timeline\",\"state\":\"REPLAYING\","
                + "\"processed\":5300,\"total\":12000,\"startedAt\":\"2026-11-23T10:00:00Z\",\"claimedSegments\":1}";
    }
}
