package org.socialmaturity.recommendations.webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;
import org.socialmaturity.recommendations.webhook.Delivery.Attempt;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Sends due deliveries, apart from event processing so that a slow or dead endpoint never holds up a processor:
 * each attempt runs on a bounded pool with a timeout; a failure is retried with exponential back-off until the
 * attempts run out. Every attempt is recorded. A delivery is claimed before it is sent, so two replicas never send it
 * at once (a new delivery is enqueued claimed by the replica that sends it first); a replica that dies mid-attempt
 * leaves the claim to expire and the delivery to be retried (at least once).
 */
@Singleton
public class WebhookDispatcher {

    public static final String SIGNATURE = "X-Signature";
    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);

    private final Webhooks webhooks;
    private final WebhookSettings settings;
    private final MeterRegistry meters;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "webhook-poller");
        thread.setDaemon(true);
        return thread;
    });
    private final ExecutorService senders;
    private final Semaphore slots;
    private final HttpClient http;

    WebhookDispatcher(Webhooks webhooks, WebhookSettings settings, MeterRegistry meters) {
        this.webhooks = webhooks;
        this.settings = settings;
        this.meters = meters;
        this.senders = Executors.newFixedThreadPool(settings.concurrency(), r -> {
            Thread thread = new Thread(r, "webhook-sender");
            thread.setDaemon(true);
            return thread;
        });
        this.slots = new Semaphore(settings.concurrency());
        // The client keeps its own executor: with the senders' (each blocked in a send) its responses would queue
        // behind the very sends that wait for them.
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    void start(@Observes StartupEvent event) {
        Gauge.builder("platform.webhooks.outbox.depth", webhooks, Webhooks::pending)
                .description("Webhook deliveries not yet delivered nor given up").register(meters);
        poller.scheduleWithFixedDelay(this::dispatchDue, 0, settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        poller.shutdownNow();
        senders.shutdownNow();
    }

    /** Until when a delivery claimed now is this replica's: long enough for its attempt to time out. */
    Instant claimUntil(Instant now) {
        return now.plus(settings.timeout().multipliedBy(3));
    }

    /**
     * Sends a delivery this replica enqueued claimed, without waiting for a poll, to the subscription it was just
     * read for.
     */
    void sendClaimed(Delivery delivery, Subscription subscription) {
        senders.execute(() -> attempt(delivery, Optional.of(subscription)));
    }

    private void dispatchDue() {
        try {
            Instant now = Instant.now();
            for (String id : webhooks.due(now, settings.concurrency() * 4)) {
                if (!slots.tryAcquire()) {
                    return;
                }
                Optional<Delivery> claimed = webhooks.claim(id, now, claimUntil(now));
                if (claimed.isEmpty()) {
                    slots.release();
                    continue;
                }
                senders.execute(() -> {
                    try {
                        attempt(claimed.get(), webhooks.subscription(claimed.get().partnerId(),
                                claimed.get().subscriptionId()));
                    } finally {
                        slots.release();
                    }
                });
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "Webhook dispatch failed; retrying in %s", settings.pollInterval());
        }
    }

    private void attempt(Delivery delivery, Optional<Subscription> subscription) {
        Instant start = Instant.now();
        if (subscription.isEmpty()) {
            webhooks.recordAttempt(delivery.id(), new Attempt(start, null, "subscription deleted", 0),
                    Delivery.FAILED, start);
            count("unsubscribed");
            return;
        }
        Integer status = null;
        String error = null;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(subscription.get().url()))
                    .timeout(settings.timeout())
                    .header("Content-Type", "application/json")
                    .header("X-Event-Id", delivery.eventId())
                    .header("X-Event-Type", delivery.eventType())
                    .header("X-Delivery-Attempt", String.valueOf(delivery.attempts().size() + 1))
                    .header(SIGNATURE, "sha256=" + sign(subscription.get().secret(), delivery.body()))
                    .POST(HttpRequest.BodyPublishers.ofString(delivery.body(), StandardCharsets.UTF_8))
                    .build();
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        } catch (Exception e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        Instant end = Instant.now();
        Attempt attempt = new Attempt(start, status, error, Duration.between(start, end).toMillis());
        int attempts = delivery.attempts().size() + 1;
        if (status != null && status >= 200 && status < 300) {
            webhooks.recordAttempt(delivery.id(), attempt, Delivery.DELIVERED, end);
            count("delivered");
        } else if (attempts >= settings.maxAttempts()) {
            webhooks.recordAttempt(delivery.id(), attempt, Delivery.FAILED, end);
            count("failed");
            LOG.warnf("Gave up webhook delivery %s after %d attempts", delivery.id(), attempts);
        } else {
            Duration backoff = settings.initialBackoff().multipliedBy(1L << Math.min(attempts - 1, 20));
            webhooks.recordAttempt(delivery.id(), attempt, Delivery.PENDING, end.plus(backoff));
            count("retried");
        }
    }

    private void count(String outcome) {
        meters.counter("platform.webhooks.deliveries", "outcome", outcome).increment();
    }

    /** Hex HMAC-SHA256 of the exact body with the subscription's secret. */
    public static String sign(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
