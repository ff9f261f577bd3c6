package org.socialmaturity.recommendations.webhook;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLException;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;
import org.socialmaturity.recommendations.webhook.Delivery.Attempt;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.tracing.TracingPolicy;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

/**
 * Sends due deliveries, apart from event processing so that a slow or dead endpoint never holds up a processor:
 * each attempt runs on a bounded pool with a timeout; a failure is retried with exponential back-off until the
 * attempts run out. Every attempt is recorded. A delivery is claimed before it is sent, so two replicas never send it
 * at once (a new delivery is enqueued claimed by the replica that sends it first); a replica that dies mid-attempt
 * leaves the claim to expire and the delivery to be retried (at least once).
 */
@Singleton
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);

    private final WebhookRepository webhooks;
    private final WebhookSettings settings;
    private final MeterRegistry meters;
    private final ExecutorService senders;
    private final Semaphore slots;
    private final HttpClient http;
    /** Attempts under way per partner: one partner's slow endpoint may hold only a share of the senders. */
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final int partnerShare;
    private final Tracer tracer;

    WebhookDispatcher(WebhookRepository webhooks, WebhookSettings settings, MeterRegistry meters, Vertx vertx,
                      OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("social-maturity-webhooks");
        this.webhooks = webhooks;
        this.settings = settings;
        this.meters = meters;
        this.senders = Executors.newFixedThreadPool(settings.concurrency(), r -> {
            Thread thread = new Thread(r, "webhook-sender");
            thread.setDaemon(true);
            return thread;
        });
        this.slots = new Semaphore(settings.concurrency());
        this.partnerShare = Math.max(1, settings.concurrency() / 4);
        // Vert.x's client, because it connects to an address given apart from the host it names (Host header, TLS
        // server name and certificate check): the address this replica checked, not what a second lookup returns.
        // Its event loop, not the blocked senders, reads the answers.
        // Untraced: a partner's endpoint gets no trace context of ours, and its URL (tokens in its query, perhaps) is
        // in no span; the attempt has a span of its own (attemptInTurn).
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setTracingPolicy(TracingPolicy.IGNORE)
                .setConnectTimeout((int) settings.timeout().toMillis())
                .setVerifyHost(true)
                .setIdleTimeout((int) settings.timeout().toSeconds() + 1), new PoolOptions().setHttp1MaxSize(settings.concurrency()));
    }

    void start(@Observes StartupEvent event) {
        Gauge.builder("platform.webhooks.outbox.depth", webhooks, WebhookRepository::pending)
                .description("Webhook deliveries not yet delivered nor given up").register(meters);
    }

    /**
     * Deletes the finished deliveries past their retention: the outbox holds what is pending and recent. A job of its
     * own: the first prune after an upgrade may delete years of deliveries, and the poll must not wait for it.
     */
    @Scheduled(identity = "webhook-prune", every = "${platform.webhooks.prune-interval}",
            delayed = "${platform.webhooks.prune-interval}", concurrentExecution = ConcurrentExecution.SKIP)
    void prune() {
        try {
            long pruned = webhooks.prune(Instant.now().minus(settings.deliveryRetention()));
            if (pruned > 0) {
                LOG.infof("Deleted %d webhook deliveries finished more than %s ago", pruned,
                        settings.deliveryRetention());
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "Pruning webhook deliveries failed; trying again in %s", settings.pruneInterval());
        }
    }

    void stop(@Observes ShutdownEvent event) {
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
        // In the trace of the event that caused it, when tracing is on: the delivery's request is part of that story.
        senders.execute(Context.current().wrap(() -> attemptInTurn(delivery, Optional.of(subscription))));
    }

    /** Hands every due delivery to a sender, as far as there are free ones. */
    @Scheduled(identity = "webhook-poll", every = "${platform.webhooks.poll-interval}",
            concurrentExecution = ConcurrentExecution.SKIP)
    void dispatchDue() {
        try {
            Instant now = Instant.now();
            for (String id : webhooks.due(now, settings.concurrency() * 4, busyPartners())) {
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
                        attemptInTurn(claimed.get(), webhooks.subscription(claimed.get().partnerId(),
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

    private Set<String> busyPartners() {
        Set<String> busy = new java.util.HashSet<>();
        inFlight.forEach((partner, count) -> {
            if (count.get() >= partnerShare) {
                busy.add(partner);
            }
        });
        return busy;
    }

    /** Attempts the delivery unless its partner's endpoint already has its share of the senders; then gives it back. */
    private void attemptInTurn(Delivery delivery, Optional<Subscription> subscription) {
        AtomicInteger partnerAttempts = inFlight.computeIfAbsent(delivery.partnerId(), p -> new AtomicInteger());
        if (partnerAttempts.incrementAndGet() > partnerShare) {
            partnerAttempts.decrementAndGet();
            webhooks.release(delivery.id());
            count("deferred");
            return;
        }
        // A span of its own in the trace of the event that caused the delivery (when tracing is on).
        Span span = tracer.spanBuilder("Webhook delivery " + delivery.eventType()).setSpanKind(SpanKind.CLIENT)
                .setAttribute("platform.webhook.delivery_id", delivery.id())
                .setAttribute("platform.webhook.subscription_id", delivery.subscriptionId())
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            attempt(delivery, subscription);
        } finally {
            span.end();
            partnerAttempts.decrementAndGet();
        }
    }

    private void attempt(Delivery delivery, Optional<Subscription> subscription) {
        Instant start = Instant.now();
        if (subscription.isEmpty()) {
            webhooks.recordAttempt(delivery.id(), new Attempt(start, null, "subscription deleted", 0),
                    Delivery.Status.FAILED, start);
            count("unsubscribed");
            return;
        }
        String secret;
        try {
            secret = webhooks.secretOf(subscription.get());
        } catch (IllegalStateException unreadable) {
            LOG.errorf(unreadable, "Giving up delivery %s", delivery.id());
            webhooks.recordAttempt(delivery.id(), new Attempt(start, null, "the subscription's secret can no longer "
                    + "be read (the platform's key changed): subscribe again", 0), Delivery.Status.FAILED, start);
            count("failed");
            return;
        }
        Integer status = null;
        String error = null;
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        AtomicBoolean timedOut = new AtomicBoolean();
        try {
            URI url = URI.create(subscription.get().url());
            boolean https = "https".equalsIgnoreCase(url.getScheme());
            int port = url.getPort() != -1 ? url.getPort() : https ? 443 : 80;
            InetAddress address = EndpointAddresses.checked(url.getHost(), settings.allowPrivateAddresses());
            RequestOptions request = new RequestOptions()
                    .setMethod(HttpMethod.POST)
                    .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                    .setHost(url.getHost())
                    .setPort(port)
                    .setSsl(https)
                    .setURI((url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                            + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()))
                    .setFollowRedirects(false)
                    .putHeader("Content-Type", "application/json")
                    .putHeader("X-Event-Id", delivery.eventId())
                    .putHeader("X-Event-Type", delivery.eventType())
                    .putHeader("X-Delivery-Attempt", String.valueOf(delivery.attempts().size() + 1))
                    .putHeader(WebhookSignature.HEADER, WebhookSignature.of(secret, delivery.body()));
            // The whole exchange (connect, headers, body) is bounded: an endpoint that trickles its answer is cut off.
            status = http.request(request)
                    .compose(open -> {
                        sent.set(open);
                        if (timedOut.get()) {
                            // The attempt was given up while this connection was being made: send nothing.
                            open.reset();
                            return io.vertx.core.Future.failedFuture("given up");
                        }
                        return open.send(Buffer.buffer(delivery.body(), StandardCharsets.UTF_8.name()));
                    })
                    .compose(response -> {
                        response.handler(ignored -> {
                        });
                        return response.end().map(done -> response.statusCode());
                    })
                    .toCompletionStage().toCompletableFuture()
                    .get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        } catch (TimeoutException e) {
            timedOut.set(true);
            error = "no complete answer within " + settings.timeout().toMillis() + " ms";
            HttpClientRequest open = sent.get();
            if (open != null) {
                open.reset();
            }
        } catch (ExecutionException e) {
            error = publicReason(e.getCause());
        } catch (Exception e) {
            error = publicReason(e);
        }
        Instant end = Instant.now();
        Attempt attempt = new Attempt(start, status, error, Duration.between(start, end).toMillis());
        int attempts = delivery.attempts().size() + 1;
        if (status != null && status >= 200 && status < 300) {
            webhooks.recordAttempt(delivery.id(), attempt, Delivery.Status.DELIVERED, end);
            count("delivered");
        } else if (attempts >= settings.maxAttempts()) {
            webhooks.recordAttempt(delivery.id(), attempt, Delivery.Status.FAILED, end);
            count("failed");
            LOG.warnf("Gave up webhook delivery %s after %d attempts", delivery.id(), attempts);
        } else {
            Duration backoff = settings.initialBackoff().multipliedBy(1L << Math.min(attempts - 1, 20));
            webhooks.recordAttempt(delivery.id(), attempt, Delivery.Status.PENDING, end.plus(backoff));
            count("retried");
        }
    }

    /**
     * What a partner reads in its delivery log about a failed attempt: what went wrong from its side of the wire,
     * never the platform's exception text (class names, internal addresses, resolver details).
     */
    static String publicReason(Throwable failure) {
        if (failure instanceof EndpointAddresses.Refused refused) {
            return refused.getMessage();
        }
        if (failure instanceof UnknownHostException) {
            return "the endpoint's host name does not resolve";
        }
        if (failure instanceof ConnectException) {
            return "could not connect to the endpoint";
        }
        if (failure instanceof SSLException) {
            return "the TLS handshake with the endpoint failed";
        }
        if (failure instanceof IllegalArgumentException) {
            return "the endpoint URL cannot be used";
        }
        return "the connection to the endpoint failed before a complete answer";
    }

    private void count(String outcome) {
        meters.counter("platform.webhooks.deliveries", "outcome", outcome).increment();
    }

}
