package org.socialmaturity.gateway.routing;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.socialmaturity.gateway.GatewaySettings;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

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

    private final int capacity;
    private final double perSecond;
    private final Cache<String, Bucket> buckets;

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
        // A bucket untouched long enough to refill is the same as none: forgotten, so that many callers (one per
        // client address) cannot fill memory.
        this.buckets = Caffeine.newBuilder()
                .expireAfterAccess(Duration.ofNanos((long) Math.ceil(capacity / perSecond * 1e9)))
                .build();
    }

    public Decision take(String key) {
        return take(key, System.nanoTime());
    }

    Decision take(String key, long nowNanos) {
        return decide(key, nowNanos, true);
    }

    /** Gives back a token taken for a request that turned out not to count (up to the capacity). */
    public void refund(String key) {
        Bucket bucket = buckets.getIfPresent(key);
        if (bucket != null) {
            synchronized (bucket) {
                bucket.tokens = Math.min(capacity, bucket.tokens + 1);
            }
        }
    }

    private Decision decide(String key, long nowNanos, boolean spend) {
        Bucket bucket = buckets.get(key, k -> new Bucket(capacity, nowNanos));
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
}
