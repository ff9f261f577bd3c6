package org.socialmaturity.gateway;

import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.socialmaturity.http.ApiProblem;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Every refusal the gateway makes outside the public API's own routes answers {@code application/problem+json} too:
 * a request line or headers over the published limits (414, 431), a path nobody serves (404), a method a static
 * resource does not take (405), and anything that fails unexpectedly (500, with the request id to quote). A path
 * Vert.x cannot percent-decode is refused before routing, with its own bare 400.
 * <p>
 * Vert.x answers an over-long request line or header block itself, with an empty body, before any route runs, and
 * Quarkus offers no hook there. So its limits are set far above ours ({@code quarkus.http.limits.*}, 64 KB) and the
 * published limits are checked here, first of all routes; only a request beyond Vert.x's limit gets its bare answer.
 */
@ApplicationScoped
public class Refusals {

    /** Longest request target (path and query) a partner may send. */
    public static final int MAX_URI_CHARS = 8 * 1024;
    /** Most bytes of header names and values (plus separators) a partner may send. */
    public static final int MAX_HEADER_BYTES = 16 * 1024;

    private static final Logger LOG = Logger.getLogger(Refusals.class);
    // Before every route (the public API's handler has order -5); Quarkus's filters (headers, CORS) run earlier.
    private static final int FIRST = -100;
    private static final Map<Integer, String> DETAILS = Map.of(
            400, "The request could not be understood: check the path's percent-encoding and the headers",
            404, "Nothing is served at this path; the public API is under /api/v1",
            405, "This method is not allowed here",
            413, "The request body is too large",
            414, "The request line is longer than " + MAX_URI_CHARS + " characters",
            431, "The request headers are larger than " + MAX_HEADER_BYTES + " bytes");

    // The types the gateway's other refusals already use for these statuses.
    private static final Map<Integer, String> TYPES = Map.of(400, "validation", 413, "payload-too-large",
            500, "internal");

    void register(@Observes Router router) {
        router.route().order(FIRST).handler(this::withinLimits).failureHandler(this::failed);
        for (int status : new int[] {400, 404, 405, 413, 414, 431, 500}) {
            router.errorHandler(status, this::failed);
        }
    }

    private void withinLimits(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.uri().length() > MAX_URI_CHARS) {
            refuse(request, 414);
        } else if (headerBytes(request) > MAX_HEADER_BYTES) {
            refuse(request, 431);
        } else {
            context.next();
        }
    }

    private static long headerBytes(HttpServerRequest request) {
        long bytes = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            bytes += header.getKey().length() + header.getValue().length() + 4; // ": " and CRLF
        }
        return bytes;
    }

    private void failed(RoutingContext context) {
        int status = context.statusCode() >= 400 ? context.statusCode() : 500;
        if (status >= 500) {
            LOG.errorf(context.failure(), "Unexpected failure of %s %s", context.request().method(),
                    context.request().path());
        }
        refuse(context.request(), status);
    }

    private static void refuse(HttpServerRequest request, int status) {
        if (request.response().headWritten()) {
            // Too late for a problem: the caller must not wait for the rest of an answer that will not come.
            request.connection().close();
            return;
        }
        HttpResponseStatus known = HttpResponseStatus.valueOf(status);
        String title = known.reasonPhrase();
        String type = TYPES.getOrDefault(status, title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
        String detail = DETAILS.getOrDefault(status, status >= 500
                ? "The request failed unexpectedly; quote the request id to support" : title);
        Problems.refuse(request, Problems.requestId(request), new ApiProblem(status, type, title, detail));
    }
}
