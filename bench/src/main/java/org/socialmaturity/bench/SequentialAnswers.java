package org.socialmaturity.bench;

import static org.socialmaturity.bench.BenchHttp.id;
import static org.socialmaturity.bench.BenchHttp.send;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Arrays;

/**
 * Benchmark, not a test: a single client recording answers one after the other against a running
 * assessment-service, every PUT a real change (one event each). Prints answers/s and latency percentiles.
 *
 * Every {@code perAssessment} answers go to a fresh assessment, as a partner portal's do (a questionnaire has about
 * twenty questions); {@code perAssessment=0} sends them all to one assessment, whose event stream then grows.
 *
 * <pre>java -cp bench/target/bench-1.0.0-SNAPSHOT.jar org.socialmaturity.bench.SequentialAnswers [baseUrl=http://localhost:8081] [answers=2000] [warmup=200] [perAssessment=20]</pre>
 */
public class SequentialAnswers {

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://localhost:8081";
        int answers = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        int perAssessment = args.length > 3 ? Integer.parseInt(args[3]) : AnswerCycle.PER_ASSESSMENT;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String partner = "bench-" + System.nanoTime();

        String company = id(send(http, post(base + "/api/v1/companies", partner,
                "{\"name\":\"Bench SA\",\"sector\":\"benchmarks\",\"country\":\"ES\",\"employees\":10}"), 201));
        Assessments assessments = new Assessments(http, base, partner, company, perAssessment);

        run(http, base, partner, assessments, 0, warmup);
        long[] latencies = run(http, base, partner, assessments, warmup, answers);
        long total = Arrays.stream(latencies).sum();
        Arrays.sort(latencies);
        System.out.printf("%d sequential answers (each a new event, %s) in %.2f s: %.0f answers/s; latency p50 %.1f ms, "
                        + "p99 %.1f ms, max %.1f ms%n", answers,
                perAssessment > 0 ? perAssessment + " per assessment" : "all in one assessment", total / 1e9, answers / (total / 1e9),
                latencies[answers / 2] / 1e6, latencies[(int) (answers * 0.99)] / 1e6, latencies[answers - 1] / 1e6);
    }

    private static long[] run(HttpClient http, String base, String partner, Assessments assessments, int from,
                              int count) throws Exception {
        long[] latencies = new long[count];
        for (int i = 0; i < count; i++) {
            int n = from + i;
            HttpRequest put = AnswerCycle.put(base, BenchHttp.asPartner(partner), assessments.forAnswer(n), n);
            long start = System.nanoTime();
            String answer = send(http, put, 200);
            latencies[i] = System.nanoTime() - start;
            AnswerCycle.requireChanged(answer, n);
        }
        return latencies;
    }

    /** Starts a new assessment every {@code perAssessment} answers (outside the timed PUTs). */
    private static final class Assessments {
        private final HttpClient http;
        private final String base;
        private final String partner;
        private final String company;
        private final int perAssessment;
        private String current;

        Assessments(HttpClient http, String base, String partner, String company, int perAssessment) {
            this.http = http;
            this.base = base;
            this.partner = partner;
            this.company = company;
            this.perAssessment = perAssessment;
        }

        String forAnswer(int n) throws Exception {
            if (current == null || (perAssessment > 0 && n % perAssessment == 0)) {
                current = id(send(http, post(base + "/api/v1/companies/" + company + "/assessments", partner, ""), 201));
            }
            return current;
        }
    }

    private static HttpRequest post(String url, String partner, String body) {
        return HttpRequest.newBuilder(URI.create(url)).headers(BenchHttp.asPartner(partner))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
