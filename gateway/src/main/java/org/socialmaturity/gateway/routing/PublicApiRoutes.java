package org.socialmaturity.gateway.routing;

import java.net.URI;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.socialmaturity.http.AdminKey;
import org.socialmaturity.gateway.BoundedBody;
import org.socialmaturity.http.CorrelationId;
import org.socialmaturity.gateway.FailedAuthentications;
import org.socialmaturity.gateway.GatewaySettings;
import org.socialmaturity.gateway.Problems;
import org.socialmaturity.http.ApiProblem;
import org.socialmaturity.gateway.partner.ApiKey;
import org.socialmaturity.gateway.partner.PartnerAdminGuard;
import org.socialmaturity.gateway.partner.PartnerRepository;
import org.socialmaturity.gateway.routing.RouteTable.Route;

import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.HttpProxy;

/**
 * Every public {@code /api/v1/**} call except partner administration (the gateway's own resource): correlation id, authentication (a partner's
 * key, or the operator's for replays), the key's rate limit, the body limit, then the service the route table names,
 * through the Vert.x reverse proxy with the partner's identity set by the gateway alone.
 */
@ApplicationScoped
public class PublicApiRoutes {

    private static final Logger LOG = Logger.getLogger(PublicApiRoutes.class);

    private final PartnerRepository partners;
    private final AdminKey adminKey;
    private final FailedAuthentications failures;
    private final TokenBuckets buckets;
    private final GatewaySettings settings;
    private final Vertx vertx;
    private final Map<Service, SocketAddress> origins = new EnumMap<>(Service.class);
    private static final int CALL_CONNECTIONS = 64;
    private static final int CALL_WAIT_QUEUE = 1024;

    private HttpClient client;
    private HttpClient streamClient;

    PublicApiRoutes(PartnerRepository partners, AdminKey adminKey, FailedAuthentications failures, TokenBuckets buckets,
                    GatewaySettings settings, Vertx vertx) {
        this.partners = partners;
        this.adminKey = adminKey;
        this.failures = failures;
        this.buckets = buckets;
        this.settings = settings;
        this.vertx = vertx;
        origins.put(Service.ASSESSMENT, address("assessment", settings.upstream().assessment()));
        origins.put(Service.SCORING, address("scoring", settings.upstream().scoring()));
        origins.put(Service.RECOMMENDATION, address("recommendation", settings.upstream().recommendation()));
    }

    private static SocketAddress address(String name, String url) {
        URI uri = URI.create(url);
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("platform.gateway.upstream." + name + " must be an http://host:port URL, not " + url);
        }
        return SocketAddress.inetSocketAddress(uri.getPort() == -1 ? 80 : uri.getPort(), uri.getHost());
    }

    void register(@Observes Router router) {
        HttpClientOptions options = new HttpClientOptions()
                .setConnectTimeout((int) settings.connectTimeout().toMillis())
                .setKeepAlive(true);
        // A request that finds the pool busy waits at most the connect timeout (then 503), and only so many wait.
        client = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(CALL_CONNECTIONS)
                .setMaxWaitQueueSize(CALL_WAIT_QUEUE));
        // Streams hold their connection for hours: a pool of their own, where a stream that finds none free is
        // refused at once rather than queued behind streams that may never end.
        streamClient = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(settings.streamConnections())
                .setMaxWaitQueueSize(0));
        router.route("/api/v1/*").order(-5).handler(this::handle);
    }

    void close(@Observes ShutdownEvent shutdown) {
        if (client != null) {
            client.close();
            streamClient.close();
        }
    }

    private void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (PartnerAdminGuard.guards(context.normalizedPath())) {
            context.next(); // the gateway's own resource, behind its guard
            return;
        }
        request.pause();
        String requestId = Problems.requestId(request);
        CorrelationId.recordOnSpan(requestId);
        String path = request.path();
        if (!RouteTable.isPlain(path)) {
            Problems.refuse(request, requestId, new ApiProblem(400, "validation", "The request is invalid",
                    "The path must not contain dot segments, empty segments or encoded slashes, dots or backslashes"));
            return;
        }
        if (failures.refusedAsThrottled(request, requestId)) {
            return;
        }
        Optional<Route> route = RouteTable.route(path);
        if (route.isPresent() && route.get().operator()) {
            Optional<ApiProblem> refusal = adminKey.refusal(request.getHeader(AdminKey.HEADER));
            if (refusal.isPresent()) {
                Problems.refuse(request, requestId, refusal.get());
                return;
            }
            failures.succeeded(request);
            limitThenForward(request, requestId, route.get(), "operator", null);
            return;
        }
        Optional<ApiKey> key = ApiKey.parse(request.getHeader(ApiKey.HEADER));
        if (key.isEmpty()) {
            Problems.refuse(request, requestId, ApiProblem.unauthorized(request.getHeader(ApiKey.HEADER) == null
                    ? "Send your partner key in " + ApiKey.HEADER : "The " + ApiKey.HEADER + " is not a valid key"));
            return;
        }
        vertx.executeBlocking(() -> partners.authenticate(key.get()), false).onComplete(authenticated -> {
            if (authenticated.failed()) {
                failures.succeeded(request); // not the caller's failure
                LOG.errorf(authenticated.cause(), "Key lookup failed for request %s", requestId);
                Problems.refuse(request, requestId, new ApiProblem(503, "unavailable", "Service unavailable",
                        "Partner keys cannot be checked right now; retry shortly"));
            } else if (authenticated.result().isEmpty()) {
                Problems.refuse(request, requestId, ApiProblem.unauthorized("The " + ApiKey.HEADER + " is unknown or revoked"));
            } else if (route.isEmpty()) {
                failures.succeeded(request);
                // Authenticated first, so that the set of paths is not an oracle for anonymous callers.
                TokenBuckets.Decision decision = buckets.take(key.get().keyId());
                if (decision.allowed()) {
                    Problems.refuse(request, requestId, new ApiProblem(404, "not-found", "Not found", "No operation at " + path));
                } else {
                    tooMany(request, requestId, decision);
                }
            } else {
                failures.succeeded(request);
                if (route.get().streaming()) {
                    closeWhenRevoked(request, key.get());
                }
                limitThenForward(request, requestId, route.get(), key.get().keyId(), authenticated.result().get());
            }
        });
    }

    /**
     * A stream outlives the check of its key: the key is checked again every {@code stream-key-recheck}, and the
     * stream closed once it is revoked (or its partner removed). The check stops with the stream.
     */
    private void closeWhenRevoked(HttpServerRequest request, ApiKey key) {
        vertx.setPeriodic(settings.streamKeyRecheck().toMillis(), timer -> {
            if (request.response().closed() || request.response().ended()) {
                vertx.cancelTimer(timer);
                return;
            }
            vertx.executeBlocking(() -> partners.authenticate(key), false).onSuccess(partner -> {
                if (partner.isEmpty()) {
                    vertx.cancelTimer(timer);
                    LOG.infof("Closing an advice stream of key %s: the key was revoked", key.keyId());
                    request.connection().close();
                }
            });
        });
    }

    private void limitThenForward(HttpServerRequest request, String requestId, Route route, String bucket,
                                  String partnerId) {
        TokenBuckets.Decision decision = buckets.take(bucket);
        if (!decision.allowed()) {
            tooMany(request, requestId, decision);
            return;
        }
        BoundedBody.read(request, settings.maxBodyBytes()).onComplete(read -> {
            if (read.failed()) {
                BoundedBody.refuse(request, requestId, read.cause());
                return;
            }
            forward(request, requestId, route, partnerId, read.result());
        });
    }

    private void forward(HttpServerRequest request, String requestId, Route route, String partnerId, Buffer body) {
        HttpProxy proxy = HttpProxy.reverseProxy(route.streaming() ? streamClient : client);
        proxy.origin(new Upstream(origins.get(route.service()), settings.connectTimeout().toMillis(),
                route.streaming() ? 0 : settings.upstreamTimeout().toMillis()));
        proxy.addInterceptor(new Forwarding(route, partnerId, requestId, settings.secret().orElse(null), body));
        proxy.handle(request);
    }

    private static void tooMany(HttpServerRequest request, String requestId, TokenBuckets.Decision decision) {
        Problems.refuseUntil(request, requestId, decision.retryAfterSeconds(), new ApiProblem(429, "rate-limited", "Too many requests",
                "This key's rate limit is reached; retry after " + decision.retryAfterSeconds() + " s"));
    }
}
