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

/** What the HTTP benchmarks share: a call that must answer a given status, fields of a JSON answer, partner headers. */
final class BenchHttp {

    private BenchHttp() {
    }

    /**
     * The gateway's secret, which services started by ./platform require of every caller: PLATFORM_GATEWAY_SECRET, or
     * the one ./platform generated under PLATFORM_DATA (default data/). Read once, not on every request timed.
     */
    private static final String GATEWAY_SECRET = gatewaySecret();

    private static String gatewaySecret() {
        String secret = System.getenv("PLATFORM_GATEWAY_SECRET");
        if (secret != null) {
            return secret;
        }
        Path file = Path.of(System.getenv().getOrDefault("PLATFORM_DATA", "data"), "run", "gateway-secret");
        try {
            return Files.exists(file) ? Files.readString(file).strip() : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Headers of a direct call to a service as a partner, with the gateway's secret when there is one. */
    static String[] asPartner(String partner) {
        return GATEWAY_SECRET == null ? new String[] {"X-Partner-Id", partner}
                : new String[] {"X-Partner-Id", partner, "X-Gateway-Secret", GATEWAY_SECRET};
    }

    static String send(HttpClient http, HttpRequest request, int expected) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(request.uri() + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    static String id(String json) {
        return field(json, "id");
    }

    /** A string member of a JSON answer, found by name (the benchmarks need a few, not a JSON library). */
    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\":\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }
}
