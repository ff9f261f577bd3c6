package org.socialmaturity.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the HTTP benchmarks share: a call that must answer a given status (through the gateway, waiting out its rate
 * limit), fields of a JSON answer, partner headers, a partner with a company and assessments made through the
 * gateway, latency percentiles.
 */
final class BenchHttp {

    /** Long enough for any one call of a loaded platform; a benchmark's run stays bounded in time. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /** How long in all a call waits out 429s before it gives up, as a partner portal would. */
    private static final Duration RATE_LIMIT_PATIENCE = Duration.ofSeconds(30);

    private static final LongAdder RATE_LIMIT_WAITS = new LongAdder();

    /** The one reader and writer of JSON of the benchmarks. */
    static final ObjectMapper JSON = new ObjectMapper();

    private BenchHttp() {
    }

    /**
     * The gateway's secret, which services started by ./platform require of every caller: PLATFORM_GATEWAY_SECRET, or
     * the one ./platform generated under PLATFORM_DATA (default data/). Read once, not on every request timed.
     */
    private static final String GATEWAY_SECRET = platformSetting("PLATFORM_GATEWAY_SECRET", "gateway-secret");

    /**
     * The operator's key: the argument when given, else PLATFORM_ADMIN_KEY, else the one ./platform generated under
     * PLATFORM_DATA (default data/).
     */
    static String adminKey(String[] args, int index) {
        if (args.length > index) {
            return args[index];
        }
        String key = platformSetting("PLATFORM_ADMIN_KEY", "admin-key");
        if (key == null) {
            throw new IllegalArgumentException("No operator key: pass it, set PLATFORM_ADMIN_KEY, or run ./platform start "
                    + "(it writes one under PLATFORM_DATA/run)");
        }
        return key;
    }

    private static String platformSetting(String variable, String runFile) {
        String value = System.getenv(variable);
        if (value != null) {
            return value;
        }
        Path file = Path.of(System.getenv().getOrDefault("PLATFORM_DATA", "data"), "run", runFile);
        try {
            return Files.exists(file) ? Files.readString(file).strip() : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Headers of a direct call to a service as the operator, with the gateway's secret when there is one. */
    static String[] asOperator(String adminKey) {
        return GATEWAY_SECRET == null ? new String[] {"X-Admin-Key", adminKey}
                : new String[] {"X-Admin-Key", adminKey, "X-Gateway-Secret", GATEWAY_SECRET};
    }

    /** Headers of a direct call to a service as a partner, with the gateway's secret when there is one. */
    static String[] asPartner(String partner) {
        return GATEWAY_SECRET == null ? new String[] {"X-Partner-Id", partner}
                : new String[] {"X-Partner-Id", partner, "X-Gateway-Secret", GATEWAY_SECRET};
    }

    static String send(HttpClient http, HttpRequest request, int expected) throws Exception {
        return expect(request, http.send(request, HttpResponse.BodyHandlers.ofString()), expected);
    }

    /**
     * {@link #send} for a call through the gateway, as a partner portal should make it: a 429 (the key is over its
     * rate limit) is waited out for as long as its Retry-After says, then the call is sent again, 30 s of waits at most.
     */
    static String sendWaitingOutRateLimit(HttpClient http, HttpRequest request, int expected) throws Exception {
        Duration waited = Duration.ZERO;
        while (true) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            Duration wait = Duration.ofSeconds(response.headers().firstValueAsLong("Retry-After").orElse(1));
            if (response.statusCode() != 429 || waited.plus(wait).compareTo(RATE_LIMIT_PATIENCE) > 0) {
                return expect(request, response, expected);
            }
            RATE_LIMIT_WAITS.increment();
            Thread.sleep(wait.toMillis());
            waited = waited.plus(wait);
        }
    }

    /** How many 429s this process has waited out: a figure timed across one measures the rate limit, not the platform. */
    static long rateLimitWaits() {
        return RATE_LIMIT_WAITS.sum();
    }

    private static String expect(HttpRequest request, HttpResponse<String> response, int expected) {
        if (response.statusCode() != expected) {
            throw new IllegalStateException(request.method() + " " + request.uri() + ": " + response.statusCode() + " "
                    + response.body());
        }
        return response.body();
    }

    static String id(String json) {
        return field(json, "id");
    }

    /** A JSON answer, read. */
    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not JSON: " + json, e);
        }
    }

    /** A string member of a JSON answer. */
    static String field(String json, String name) {
        JsonNode value = tree(json).get(name);
        if (value == null || !value.isTextual()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return value.asText();
    }

    /** The URL, if it names this machine: the benchmarks load only servers of their own. */
    static String requireLoopback(String url) throws IOException {
        String host = URI.create(url).getHost();
        if (host == null || !InetAddress.getByName(host).isLoopbackAddress()) {
            throw new IllegalArgumentException(url + " is not on this machine: benchmarks call loopback addresses only");
        }
        return url.replaceAll("/+$", "");
    }

    // ------------------------------------------------------------------------------------ through the gateway

    /** A partner registered through the gateway's operator API, with its key (which only this answer shows). */
    record Partner(String id, String apiKey) {

        /** Headers of a call through the gateway as this partner. */
        String[] headers() {
            return new String[] {"X-API-Key", apiKey};
        }
    }

    static Partner registerPartner(HttpClient http, String gateway, String adminKey, String name) throws Exception {
        String answer = sendWaitingOutRateLimit(http, HttpRequest.newBuilder(URI.create(gateway + "/api/v1/admin/partners"))
                .timeout(REQUEST_TIMEOUT).header("X-Admin-Key", adminKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}")).build(), 201);
        return new Partner(id(answer), field(answer, "apiKey"));
    }

    /** Registers a company of the partner; returns its id. */
    static String createCompany(HttpClient http, String gateway, Partner partner, String name) throws Exception {
        return id(sendWaitingOutRateLimit(http, HttpRequest.newBuilder(URI.create(gateway + "/api/v1/companies"))
                .timeout(REQUEST_TIMEOUT).headers(partner.headers()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name
                        + "\",\"sector\":\"benchmarks\",\"country\":\"ES\",\"employees\":10}")).build(), 201));
    }

    /** Starts an assessment of the company; returns its id. */
    static String startAssessment(HttpClient http, String gateway, Partner partner, String company) throws Exception {
        return id(sendWaitingOutRateLimit(http, HttpRequest.newBuilder(URI.create(gateway + "/api/v1/companies/"
                        + company + "/assessments")).timeout(REQUEST_TIMEOUT).headers(partner.headers())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), 201));
    }

    // ------------------------------------------------------------------------------------------- statistics

    /** The p-th percentile (0.5 for the median) of latencies in nanoseconds, in milliseconds. */
    static double percentileMillis(List<Long> nanos, double p) {
        List<Long> sorted = nanos.stream().sorted().toList();
        return sorted.get((int) Math.min(sorted.size() - 1, sorted.size() * p)) / 1e6;
    }
}
