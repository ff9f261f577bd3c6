package org.socialmaturity.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the HTTP benchmarks share: a call that must answer a given status, and the id in a JSON answer. */
final class BenchHttp {

    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");

    private BenchHttp() {
    }

    /**
     * Headers of a direct call to a service as a partner. Services started by ./platform answer the gateway only, so
     * the call carries the gateway's secret: PLATFORM_GATEWAY_SECRET, or the one ./platform generated under
     * PLATFORM_DATA (default data/).
     */
    static String[] asPartner(String partner) {
        String secret = System.getenv("PLATFORM_GATEWAY_SECRET");
        if (secret == null) {
            Path file = Path.of(System.getenv().getOrDefault("PLATFORM_DATA", "data"), "run", "gateway-secret");
            try {
                secret = Files.exists(file) ? Files.readString(file).strip() : null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return secret == null ? new String[] {"X-Partner-Id", partner}
                : new String[] {"X-Partner-Id", partner, "X-Gateway-Secret", secret};
    }

    static String send(HttpClient http, HttpRequest request, int expected) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(request.uri() + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    static String id(String json) {
        Matcher m = ID.matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no id in " + json);
        }
        return m.group(1);
    }
}
