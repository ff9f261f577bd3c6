package org.socialmaturity.gateway;

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

    public static Future<Buffer> read(HttpServerRequest request, int limit) {
        String declared = request.getHeader("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.strip()) > limit) {
                    return Future.failedFuture(new TooLarge(limit));
                }
            } catch (NumberFormatException e) {
                return Future.failedFuture(new IllegalArgumentException("Content-Length is not a number"));
            }
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
