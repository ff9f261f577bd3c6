package org.socialmaturity.recommendations.advice;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Singleton;

import org.socialmaturity.http.ApiProblem;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Open advice streams on this replica, per partner and in all: each holds a connection and a poll for as long as
 * the partner keeps it, so one partner opening streams without end would take them from everyone else.
 */
@Singleton
public class StreamQuota {

    /** {@code platform.streams.*}: how many advice streams may be open. */
    @ConfigMapping(prefix = "platform.streams")
    public interface Limits {

        /** Per partner, on each replica. */
        @WithDefault("5")
        int perPartner();

        /** On each replica, all partners together. */
        @WithDefault("200")
        int perReplica();
    }

    private final Limits limits;
    private final Map<String, AtomicInteger> byPartner = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();

    StreamQuota(Limits limits) {
        this.limits = limits;
    }

    /**
     * Counts a stream the partner opens; {@link #close} must follow when it ends.
     *
     * @throws ApiProblem 429 when the partner has its most streams open here, 503 when this replica has
     */
    public void open(String partnerId) {
        AtomicInteger partner = byPartner.computeIfAbsent(partnerId, p -> new AtomicInteger());
        if (partner.incrementAndGet() > limits.perPartner()) {
            partner.decrementAndGet();
            throw new ApiProblem(429, "too-many-streams", "Too many open streams",
                    "A partner may keep at most " + limits.perPartner() + " advice streams open; close one first",
                    java.util.List.of()).with("limit", limits.perPartner());
        }
        if (open.incrementAndGet() > limits.perReplica()) {
            open.decrementAndGet();
            partner.decrementAndGet();
            throw new ApiProblem(503, "streams-exhausted", "No stream available",
                    "This replica holds all the advice streams it may; retry shortly", java.util.List.of());
        }
    }

    public void close(String partnerId) {
        open.decrementAndGet();
        byPartner.computeIfPresent(partnerId, (p, count) -> count.decrementAndGet() <= 0 ? null : count);
    }
}
