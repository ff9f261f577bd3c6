package org.socialmaturity.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import static org.socialmaturity.bench.BenchHttp.id;
import static org.socialmaturity.bench.BenchHttp.percentileMillis;
import static org.socialmaturity.bench.BenchHttp.send;


/**
 * Benchmark, not a test: against a running platform ({@code ./platform start}), how long after an answer is stored
 * (its PUT returned) its trajectory point is visible in scoring-service's API, the services being separate
 * processes; then the company is taken to {@code total} answer events and trajectory and as-of queries are timed;
 * last, scoring's replay of the whole store, in events/s.
 *
 * <pre>java -cp bench/target/bench-1.0.0-SNAPSHOT.jar org.socialmaturity.bench.AnswerToTrajectoryLag [assessmentUrl=http://localhost:8081] [scoringUrl=http://localhost:8082] [answers=300] [total=10000] [adminKey=PLATFORM_ADMIN_KEY or the one ./platform generated]</pre>
 */
public final class AnswerToTrajectoryLag {

    private static final String[][] QUESTIONS = {
            {"governance-owner", "junior-marketer", "social-media-manager", "director", "executive"},
            {"working-group", "none", "ad-hoc", "established", "permanent"},
            {"kpis-measurement", "nothing", "vanity", "smart", "outcomes"},
    };

    private AnswerToTrajectoryLag() {
    }

    public static void main(String[] args) throws Exception {
        String assessments = args.length > 0 ? args[0] : "http://localhost:8081";
        String scoring = args.length > 1 ? args[1] : "http://localhost:8082";
        int answers = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        int total = args.length > 3 ? Integer.parseInt(args[3]) : 10_000;
        String adminKey = BenchHttp.adminKey(args, 4);
        HttpClient http = HttpClient.newHttpClient();
        String partner = "lag-" + System.nanoTime();
        String company = id(send(http, post(assessments + "/api/v1/companies", partner,
                "{\"name\":\"Lag SA\",\"sector\":\"benchmarks\",\"country\":\"ES\",\"employees\":10}"), 201));
        String assessment = id(send(http, post(assessments + "/api/v1/companies/" + company + "/assessments", partner,
                ""), 201));

        long[] lags = new long[answers];
        for (int i = 0; i < answers; i++) {
            String[] question = QUESTIONS[i % QUESTIONS.length];
            String option = question[1 + (i / QUESTIONS.length) % 4];
            send(http, HttpRequest.newBuilder(URI.create(assessments + "/api/v1/assessments/" + assessment + "/answers/"
                            + question[0])).headers(BenchHttp.asPartner(partner)).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"optionId\":\"" + option + "\"}")).build(), 200);
            long stored = System.nanoTime();
            HttpRequest history = get(scoring + "/api/v1/companies/" + company + "/history?size=1", partner);
            while (true) {
                HttpResponse<String> response = http.send(history, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && BenchHttp.tree(response.body()).path("total").asLong() == i + 1) {
                    break;
                }
                Thread.sleep(1);
            }
            lags[i] = System.nanoTime() - stored;
        }
        Arrays.sort(lags);
        System.out.printf("answer stored -> trajectory point visible, %d answers: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                answers, lags[answers / 2] / 1e6, lags[(int) (answers * 0.99)] / 1e6, lags[answers - 1] / 1e6);

        for (int i = answers; i < total; i++) {
            String[] question = QUESTIONS[i % QUESTIONS.length];
            String option = question[1 + (i / QUESTIONS.length) % 4];
            send(http, HttpRequest.newBuilder(URI.create(assessments + "/api/v1/assessments/" + assessment + "/answers/"
                            + question[0])).headers(BenchHttp.asPartner(partner)).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"optionId\":\"" + option + "\"}")).build(), 200);
            if (i % 1000 == 0) {
                System.err.printf("  %d answers%n", i);
            }
        }
        HttpRequest history = get(scoring + "/api/v1/companies/" + company + "/history?size=1", partner);
        while (BenchHttp.tree(http.send(history, HttpResponse.BodyHandlers.ofString()).body()).path("total").asLong() != total) {
            Thread.sleep(100);
        }

        List<Long> trajectory = new ArrayList<>();
        List<Long> asOf = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            long start = System.nanoTime();
            send(http, get(scoring + "/api/v1/companies/" + company + "/trajectory", partner), 200);
            trajectory.add(System.nanoTime() - start);
            start = System.nanoTime();
            send(http, get(scoring + "/api/v1/companies/" + company + "/maturity?asOf=2030-01-01T00:00:00Z", partner), 200);
            asOf.add(System.nanoTime() - start);
        }
        System.out.printf("company with %d points: trajectory p50 %.1f ms p99 %.1f ms; as-of p50 %.1f ms p99 %.1f ms%n",
                total, percentileMillis(trajectory, 0.5), percentileMillis(trajectory, 0.99), percentileMillis(asOf, 0.5),
                percentileMillis(asOf, 0.99));

        HttpRequest replay = HttpRequest.newBuilder(URI.create(scoring + "/api/v1/admin/projections/scoring/replay"))
                .headers(BenchHttp.asOperator(adminKey)).POST(HttpRequest.BodyPublishers.noBody()).build();
        long start = System.nanoTime();
        send(http, replay, 202);
        HttpRequest progress = HttpRequest.newBuilder(URI.create(scoring + "/api/v1/admin/projections/scoring/replay"))
                .headers(BenchHttp.asOperator(adminKey)).GET().build();
        String status;
        do {
            Thread.sleep(50);
            status = send(http, progress, 200);
        } while (!"DONE".equals(BenchHttp.tree(status).path("state").asText()));
        double seconds = (System.nanoTime() - start) / 1e9;
        long events = BenchHttp.tree(status).path("total").asLong(0);
        System.out.printf("replay of %d events in %.1f s: %.0f events/s%n", events, seconds, events / seconds);
    }

    private static HttpRequest get(String url, String partner) {
        return HttpRequest.newBuilder(URI.create(url)).headers(BenchHttp.asPartner(partner)).GET().build();
    }

    private static HttpRequest post(String url, String partner, String body) {
        return HttpRequest.newBuilder(URI.create(url)).headers(BenchHttp.asPartner(partner))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
