package org.socialmaturity.gateway.routing;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.socialmaturity.gateway.GatewaySettings;

/**
 * A token bucket per key (an API key's id, a client address), in this replica's memory: a burst of
 * {@code capacity}, then {@code perSecond}. With n gateway replicas a key may get up to n times the rate; the limit
 * protects the services, not a billing plan.
 */
@ApplicationScoped
public class TokenBuckets {

    /** Whether the request may pass, and if not, in how many whole seconds a token will be there. */
    public record Decision(boolean allowed, long retryAfterSeconds) {
    }

    private static final class Bucket {
        private double tokens;
        private long refilledAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }
    }

    private static final int MAX_BUCKETS = 100_000;

    private final int capacity;
    private final double perSecond;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    @Inject
    TokenBuckets(GatewaySettings settings) {
        this(settings.rateLimit().capacity(), settings.rateLimit().perSecond());
    }

    public TokenBuckets(int capacity, double perSecond) {
        if (capacity < 1 || perSecond <= 0) {
            throw new IllegalArgumentException("A token bucket needs capacity >= 1 and per-second > 0, not " + capacity
                    + " and " + perSecond);
        }
        this.capacity = capacity;
        this.perSecond = perSecond;
    }

    public Decision take(String key) {
        return take(key, System.nanoTime());
    }

    Decision take(String key, long nowNanos) {
        return decide(key, nowNanos, true);
    }

    /** Gives back a token taken for a request that turned out not to count (up to the capacity). */
    public void refund(String key) {
        Bucket bucket = buckets.get(key);
        if (bucket != null) {
            synchronized (bucket) {
                bucket.tokens = Math.min(capacity, bucket.tokens + 1);
            }
        }
    }

    private Decision decide(String key, long nowNanos, boolean spend) {
        if (buckets.size() > MAX_BUCKETS) {
            forgetFullBuckets(nowNanos);
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(capacity, nowNanos));
        synchronized (bucket) {
            double elapsedSeconds = Math.max(0, nowNanos - bucket.refilledAt) / 1e9;
            bucket.tokens = Math.min(capacity, bucket.tokens + elapsedSeconds * perSecond);
            bucket.refilledAt = nowNanos;
            if (bucket.tokens >= 1) {
                if (spend) {
                    bucket.tokens -= 1;
                }
                return new Decision(true, 0);
            }
            return new Decision(false, Math.max(1, (long) Math.ceil((1 - bucket.tokens) / perSecond)));
        }
    }

    /** A bucket refilled to its capacity is the same as no bucket: dropped, so that many callers cannot fill memory. */
    private void forgetFullBuckets(long nowNanos) {
        double secondsToFill = capacity / perSecond;
        buckets.entrySet().removeIf(entry -> {
            synchronized (entry.getValue()) {
                return (nowNanos - entry.getValue().refilledAt) / 1e9 >= secondsToFill;
            }
        });
    }
}
