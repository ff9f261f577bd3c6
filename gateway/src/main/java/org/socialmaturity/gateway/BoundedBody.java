package org.socialmaturity.gateway;

import java.util.Optional;

import org.socialmaturity.http.ApiProblem;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * Reads a request body up to a limit. A declared Content-Length over the limit fails at once; a chunked body fails
 * as soon as it passes the limit, so an oversized body is never held in memory.
 */
public final class BoundedBody {

    /** The failure of a body over the limit. */
    public static final class TooLarge extends RuntimeException {
        public TooLarge(int limit) {
            super("The request body is larger than " + limit + " bytes", null, false, false);
        }
    }

    private BoundedBody() {
    }

    /** Answers a body that could not be read: 413 (closing the connection, the rest is not read) or 400. */
    public static void refuse(HttpServerRequest request, String requestId, Throwable failure) {
        if (failure instanceof TooLarge) {
            request.response().putHeader("Connection", "close");
            Problems.refuse(request, requestId, new ApiProblem(413, "payload-too-large", "Request body too large",
                    failure.getMessage()));
        } else {
            Problems.refuse(request, requestId, new ApiProblem(400, "validation", "The request is invalid",
                    failure.getMessage()));
        }
    }

    /**
     * Why the body the request declares cannot be taken, before any of it is read: larger than the limit
     * ({@link TooLarge}), or a Content-Length that is not a number; empty when it may be read (or declares nothing).
     */
    public static Optional<RuntimeException> refusalOfDeclared(HttpServerRequest request, int limit) {
        String declared = request.getHeader("Content-Length");
        if (declared == null) {
            return Optional.empty();
        }
        try {
            return Long.parseLong(declared.strip()) > limit ? Optional.of(new TooLarge(limit)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.of(new IllegalArgumentException("Content-Length is not a number"));
        }
    }

    public static Future<Buffer> read(HttpServerRequest request, int limit) {
        Optional<RuntimeException> refused = refusalOfDeclared(request, limit);
        if (refused.isPresent()) {
            return Future.failedFuture(refused.get());
        }
        if (request.isEnded()) {
            return Future.succeededFuture(Buffer.buffer());
        }
        Promise<Buffer> read = Promise.promise();
        Buffer body = Buffer.buffer();
        request.handler(chunk -> {
            if (body.length() + chunk.length() > limit) {
                request.handler(null);
                read.tryFail(new TooLarge(limit));
            } else {
                body.appendBuffer(chunk);
            }
        });
        request.exceptionHandler(read::tryFail);
        request.endHandler(end -> read.tryComplete(body));
        if ("100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
            // The caller holds the body back until told to send it (curl does for bodies over 1 KiB).
            request.response().writeContinue();
        }
        request.resume();
        return read.future();
    }
}
