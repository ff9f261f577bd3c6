package org.socialmaturity.gateway.routing;

import java.net.ConnectException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

import org.socialmaturity.http.AdminKey;
import org.socialmaturity.http.CorrelationId;
import org.socialmaturity.gateway.Problems;
import org.socialmaturity.http.ApiProblem;
import org.socialmaturity.gateway.partner.ApiKey;
import org.socialmaturity.gateway.routing.RouteTable.Route;

import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;

/**
 * What the gateway changes on the way through: the caller's identity headers go, the gateway's own come in, the
 * body is the one already read within the limit; a service that cannot be reached becomes a 503 problem and one
 * that stays silent too long a 504.
 */
final class Forwarding implements ProxyInterceptor {

    static final String PARTNER_ID = "X-Partner-Id";
    static final String GATEWAY_SECRET = "X-Gateway-Secret";

    /**
     * Never from the caller: identity is the gateway's to state, and credentials stop here. The caller's trace context
     * too: the gateway's own span continues it, and the client that forwards adds that span's context (a copy of the
     * caller's would come first and hide the gateway from the trace).
     */
    private static final List<String> STRIPPED = List.of(PARTNER_ID, GATEWAY_SECRET, ApiKey.HEADER, "Authorization",
            "Cookie", "Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "traceparent",
            "tracestate", "baggage");

    private final Route route;
    private final String partnerId;
    private final String requestId;
    private final String secret;
    private final Buffer body;

    Forwarding(Route route, String partnerId, String requestId, String secret, Buffer body) {
        this.route = route;
        this.partnerId = partnerId;
        this.requestId = requestId;
        this.secret = secret;
        this.body = body;
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        MultiMap headers = context.request().headers();
        STRIPPED.forEach(headers::remove);
        if (!route.operator()) {
            headers.remove(AdminKey.HEADER);
            headers.set(PARTNER_ID, partnerId);
        }
        if (secret != null) {
            headers.set(GATEWAY_SECRET, secret);
        }
        headers.set(CorrelationId.HEADER, requestId);
        var caller = context.request().proxiedRequest().remoteAddress();
        if (caller != null) {
            headers.set("X-Forwarded-For", caller.hostAddress());
        }
        boolean hadBody = context.request().proxiedRequest().headers().contains("Content-Length")
                || context.request().proxiedRequest().headers().contains("Transfer-Encoding");
        context.request().setBody(hadBody || body.length() > 0 ? Body.body(body) : null);
        return context.sendRequest().recover(failure -> Future.succeededFuture(unavailable(context, failure)));
    }

    @Override
    public Future<Void> handleProxyResponse(ProxyContext context) {
        MultiMap headers = context.response().headers();
        headers.set(CorrelationId.HEADER, requestId);
        String location = headers.get("Location");
        if (location != null) {
            // The service names itself in absolute locations; the caller only knows the gateway.
            headers.set("Location", URI.create(location).getRawPath());
        }
        Future<Void> sent = context.sendResponse();
        HttpServerResponse out = context.request().proxiedRequest().response();
        // Only a chunked answer can have its head written before its body (an HTTP/1.0 caller gets it whole).
        if (route.streaming() && !out.headWritten() && !out.ended() && out.isChunked()) {
            // Vert.x writes a head with the first chunk of body, and a stream's first event may be hours away: the
            // caller learns at once that its stream is open.
            out.writeHead();
        }
        return sent;
    }

    private ProxyResponse unavailable(ProxyContext context, Throwable failure) {
        String service = route.service().displayName();
        String message = failure.getMessage() == null ? "" : failure.getMessage().toLowerCase(Locale.ROOT);
        // Waiting for a connection (pooled or new) means nothing was sent: unavailable, not silent.
        boolean connecting = failure instanceof ConnectTimeoutException || failure instanceof ConnectException
                || message.contains("getting a connection") || message.contains("connection pool");
        boolean silent = !connecting && (failure instanceof TimeoutException || message.contains("timeout"));
        int status = silent ? 504 : 503;
        boolean noStreamLeft = route.streaming() && message.contains("connection pool");
        String detail = silent ? service + " did not answer in time; the request may or may not have been applied"
                : noStreamLeft ? "The gateway holds as many advice streams as it can; retry later"
                : service + " cannot be reached; retry shortly";
        Buffer problem = Problems.body(new ApiProblem(status, silent ? "upstream-timeout" : "unavailable",
                silent ? "Gateway timeout" : "Service unavailable", detail),
                context.request().proxiedRequest().path(), requestId);
        ProxyResponse response = context.request().release().response()
                .setStatusCode(status)
                .setBody(Body.body(problem));
        response.headers().set("Content-Type", Problems.PROBLEM_JSON).set(CorrelationId.HEADER, requestId);
        if (!silent) {
            response.headers().set("Retry-After", "5");
        }
        return response;
    }
}
