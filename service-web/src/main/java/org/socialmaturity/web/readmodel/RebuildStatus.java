package org.socialmaturity.web.readmodel;

import java.time.Duration;
import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.socialmaturity.web.readmodel.ReadModelGenerations.Finished;
import org.socialmaturity.web.readmodel.ReadModelGenerations.Rebuild;

@Schema(name = "RebuildStatus", description = "A read model's rebuild: REBUILDING while the next generation is built "
        + "beside the current one (partners keep reading the current one), then DONE (it became current) or "
        + "CANCELLED; IDLE when none was ever run")
public record RebuildStatus(
        @Schema(example = "maturity-timeline") String readModel,
        @Schema(example = "REBUILDING") RebuildState state,
        @Schema(description = "The generation partners read now", example = "3") int currentGeneration,
        @Schema(description = "The generation being built, or the last one built", example = "4") Integer generation,
        @Schema(description = "Events the rebuild has read", example = "530000") long processed,
        @Schema(description = "Events it must read: the store up to its head now (it goes on with new ones)",
                example = "1000000") long total,
        @Schema(description = "Average rate since the rebuild started", example = "24500.0") double eventsPerSecond,
        @Schema(description = "Seconds left at that rate; null when unknown or done", example = "19.2") Double eta,
        @Schema(example = "2026-11-26T10:00:00Z") Instant startedAt,
        @Schema(example = "2026-11-26T10:00:41Z") Instant finishedAt) {

    public static final String EXAMPLE = "{\"readModel\":\"maturity-timeline\",\"state\":\"REBUILDING\","
            + "\"currentGeneration\":3,\"generation\":4,\"processed\":530000,\"total\":1000000,"
            + "\"eventsPerSecond\":24500.0,\"eta\":19.2,\"startedAt\":\"2026-11-26T10:00:00Z\",\"finishedAt\":null}";

    public static final String CANCELLED_EXAMPLE = "{\"readModel\":\"maturity-timeline\",\"state\":\"CANCELLED\","
            + "\"currentGeneration\":3,\"generation\":4,\"processed\":530000,\"total\":530000,"
            + "\"eventsPerSecond\":24500.0,\"eta\":null,\"startedAt\":\"2026-11-26T10:00:00Z\","
            + "\"finishedAt\":\"2026-11-26T10:00:22Z\"}";

    static RebuildStatus idle(String readModel, int current, long head) {
        return new RebuildStatus(readModel, RebuildState.IDLE, current, null, 0, head + 1, 0, null, null, null);
    }

    static RebuildStatus running(String readModel, int current, Rebuild next, long position, long head, Instant now) {
        long processed = position + 1;
        long total = Math.max(head + 1, processed);
        double rate = rate(processed, next.startedAt(), now);
        Double eta = rate > 0 ? Math.round((total - processed) / rate * 10) / 10.0 : null;
        return new RebuildStatus(readModel, RebuildState.REBUILDING, current, next.generation(), processed, total, rate, eta,
                next.startedAt(), null);
    }

    static RebuildStatus finished(String readModel, int current, Finished last) {
        return new RebuildStatus(readModel, last.state(), current, last.generation(), last.processed(),
                last.processed(), rate(last.processed(), last.startedAt(), last.finishedAt()), null, last.startedAt(),
                last.finishedAt());
    }

    private static double rate(long events, Instant from, Instant to) {
        long millis = Math.max(1, Duration.between(from, to).toMillis());
        return Math.round(events * 10_000.0 / millis) / 10.0;
    }
}
