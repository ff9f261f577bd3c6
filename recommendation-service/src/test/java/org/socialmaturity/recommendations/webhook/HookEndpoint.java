package org.socialmaturity.recommendations.webhook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.ToIntFunction;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;

/** A real HTTP endpoint on a free port for a partner's webhooks: answers each POST with the status the test decides. */
final class HookEndpoint implements AutoCloseable {

    private final HttpServer server;

    HookEndpoint(ToIntFunction<Request> answer) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.applyAsInt(new Request(exchange.getRequestHeaders(), body)), -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** One POST as it arrived. */
    record Request(Headers headers, String body) {
    }
}
