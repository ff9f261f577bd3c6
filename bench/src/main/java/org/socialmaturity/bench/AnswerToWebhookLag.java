package org.socialmaturity.bench;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import static org.socialmaturity.bench.BenchHttp.id;
import static org.socialmaturity.bench.BenchHttp.send;


import com.sun.net.httpserver.HttpServer;

/**
 * Benchmark, not a test: against a running platform whose recommendation-service accepts loopback webhooks
 * ({@code PLATFORM_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES=true ./platform start}), how long after the answer that changes a
 * company's phase is stored (its PUT returned) the advice arrives at the partner's webhook, across the three
 * services' processes. Each cycle drops the company from phase 2 to 1 and raises it back, three answers each way.
 * The first {@code warm-up} cycles run the same path but are not counted (just-started JVMs compile it first); pass 0
 * to measure a cold platform.
 *
 * <pre>java -cp bench/target/bench-1.0.0-SNAPSHOT.jar org.socialmaturity.bench.AnswerToWebhookLag [cycles=50] [warm-up=40]</pre>
 */
public final class AnswerToWebhookLag {

    private static final String ASSESSMENTS = "http://localhost:8081";
    private static final String RECOMMENDATIONS = "http://localhost:8083";
    private static final String[][] FLIPS = {
            {"working-group", "none", "ad-hoc"},
            {"governance-owner", "junior-marketer", "social-media-manager"},
            {"adoption-departments", "marketing-only", "key-departments"},
    };

    private AnswerToWebhookLag() {
    }

    public static void main(String[] args) throws Exception {
        int cycles = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        HttpClient http = HttpClient.newHttpClient();
        String partner = "webhook-lag-" + System.nanoTime();
        LinkedBlockingQueue<Long> advice = new LinkedBlockingQueue<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            if ("AdviceIssued".equals(exchange.getRequestHeaders().getFirst("X-Event-Type"))) {
                advice.add(System.nanoTime());
            }
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try {
            measure(warmUp, cycles, http, partner, advice, receiver);
        } finally {
            // The receiver's dispatcher thread is not a daemon: a failed run must not leave the JVM waiting on it.
            receiver.stop(0);
        }
    }

    private static void measure(int warmUp, int cycles, HttpClient http, String partner, LinkedBlockingQueue<Long> advice,
                                HttpServer receiver) throws Exception {
        send(http, json(RECOMMENDATIONS + "/api/v1/webhooks", partner, "POST", "{\"url\":\"http://127.0.0.1:"
                + receiver.getAddress().getPort() + "/hook\",\"secret\":\"benchmark-shared-secret\"}"), 201);
        String company = id(send(http, json(ASSESSMENTS + "/api/v1/companies", partner, "POST",
                "{\"name\":\"Webhook SA\",\"sector\":\"benchmarks\",\"country\":\"ES\",\"employees\":10}"), 201));
        String assessment = id(send(http, json(ASSESSMENTS + "/api/v1/companies/" + company + "/assessments",
                partner, "POST", ""), 201));
        String questionnaire = send(http, HttpRequest.newBuilder(URI.create(ASSESSMENTS
                + "/api/v1/questionnaires/current")).headers(BenchHttp.asPartner(partner)).build(), 200);
        answerEverythingAtLevelTwo(http, partner, assessment, questionnaire);
        advice.poll(30, TimeUnit.SECONDS);
        Thread.sleep(2000);
        advice.clear();

        long[] lags = new long[2 * cycles];
        for (int c = -warmUp; c < cycles; c++) {
            for (int direction = 1; direction <= 2; direction++) {
                long stored = 0;
                for (String[] flip : FLIPS) {
                    send(http, json(ASSESSMENTS + "/api/v1/assessments/" + assessment + "/answers/" + flip[0], partner,
                            "PUT", "{\"optionId\":\"" + flip[direction] + "\"}"), 200);
                    stored = System.nanoTime();
                }
                Long arrived = advice.poll(30, TimeUnit.SECONDS);
                if (arrived == null) {
                    throw new IllegalStateException("no advice arrived within 30 s");
                }
                if (c >= 0) {
                    lags[2 * c + direction - 1] = arrived - stored;
                }
                Thread.sleep(200);
                advice.clear();
            }
        }
        Arrays.sort(lags);
        System.out.printf("answer stored -> advice at the webhook, %d phase changes after %d warm-up ones: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                lags.length, 2 * warmUp, lags[lags.length / 2] / 1e6, lags[(int) (lags.length * 0.99)] / 1e6,
                lags[lags.length - 1] / 1e6);
    }

    /** One answer of level 2 to every question, using the option or band the questionnaire gives for level 2. */
    private static void answerEverythingAtLevelTwo(HttpClient http, String partner, String assessment,
                                                   String questionnaire) throws Exception {
        for (JsonNode question : BenchHttp.tree(questionnaire).path("questions")) {
            String body = "CHOICE".equals(question.path("type").asText())
                    ? "{\"optionId\":\"" + levelTwo(question.path("options")).path("id").asText() + "\"}"
                    : "{\"value\":" + levelTwo(question.path("bands")).path("from").decimalValue().toPlainString() + "}";
            send(http, json(ASSESSMENTS + "/api/v1/assessments/" + assessment + "/answers/"
                    + question.path("id").asText(), partner, "PUT", body), 200);
        }
    }

    private static JsonNode levelTwo(JsonNode choices) {
        for (JsonNode choice : choices) {
            if (choice.path("level").asInt() == 2) {
                return choice;
            }
        }
        throw new IllegalStateException("no level 2 in " + choices);
    }

    private static HttpRequest json(String url, String partner, String method, String body) {
        return HttpRequest.newBuilder(URI.create(url)).headers(BenchHttp.asPartner(partner))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    }
}
