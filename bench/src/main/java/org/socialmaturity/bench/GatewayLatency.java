package org.socialmaturity.bench;

import static org.socialmaturity.bench.BenchHttp.percentileMillis;
import static org.socialmaturity.bench.BenchHttp.send;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark, not a test: what the gateway adds to a call. Against a running platform ({@code ./platform start}),
 * the same requests alternate between the gateway (X-API-Key) and assessment-service directly (X-Partner-Id and the
 * gateway's secret): a read (GET a company) and a write (PUT an answer, each one a new event). One client, sequential.
 *
 * <pre>java -cp "bench/target/bench-1.0.0-SNAPSHOT.jar:bench/target/lib/*" org.socialmaturity.bench.GatewayLatency [gateway=http://localhost:8080] [assessment=http://localhost:8081] [requests=2000] [adminKey=PLATFORM_ADMIN_KEY or the one ./platform generated]</pre>
 */
public final class GatewayLatency {

    private static final String[] OPTIONS = {"junior-marketer", "social-media-manager", "director", "executive"};

    private GatewayLatency() {
    }

    public static void main(String[] args) throws Exception {
        String gateway = args.length > 0 ? args[0] : "http://localhost:8080";
        String assessment = args.length > 1 ? args[1] : "http://localhost:8081";
        int requests = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        String adminKey = BenchHttp.adminKey(args, 3);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        BenchHttp.Partner partner = BenchHttp.registerPartner(http, gateway, adminKey, "Latency benchmark");
        String company = BenchHttp.createCompany(http, gateway, partner, "Latencia S.A.");
        String assessmentId = BenchHttp.startAssessment(http, gateway, partner, company);

        Target viaGateway = new Target(gateway, partner.headers());
        Target direct = new Target(assessment, BenchHttp.asPartner(partner.id()));
        int warmUp = Math.max(200, requests / 10);
        for (int i = 0; i < warmUp; i++) {
            viaGateway.read(http, company);
            direct.read(http, company);
        }
        List<Long> gatewayReads = new ArrayList<>();
        List<Long> directReads = new ArrayList<>();
        List<Long> gatewayWrites = new ArrayList<>();
        List<Long> directWrites = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            gatewayReads.add(viaGateway.read(http, company));
            directReads.add(direct.read(http, company));
            gatewayWrites.add(viaGateway.write(http, assessmentId, OPTIONS[(2 * i) % 4]));
            directWrites.add(direct.write(http, assessmentId, OPTIONS[(2 * i + 1) % 4]));
        }
        report("GET company  ", gatewayReads, directReads);
        report("PUT answer   ", gatewayWrites, directWrites);
    }

    private static void report(String what, List<Long> viaGateway, List<Long> direct) {
        System.out.printf("%s %d each: gateway p50 %.2f ms p99 %.2f ms | direct p50 %.2f ms p99 %.2f ms | added p50 %.2f ms p99 %.2f ms%n",
                what, viaGateway.size(), percentileMillis(viaGateway, 0.5), percentileMillis(viaGateway, 0.99),
                percentileMillis(direct, 0.5), percentileMillis(direct, 0.99),
                percentileMillis(viaGateway, 0.5) - percentileMillis(direct, 0.5), percentileMillis(viaGateway, 0.99) - percentileMillis(direct, 0.99));
    }

    private record Target(String base, String[] headers) {

        long read(HttpClient http, String company) throws Exception {
            long start = System.nanoTime();
            send(http, HttpRequest.newBuilder(URI.create(base + "/api/v1/companies/" + company)).headers(headers)
                    .GET().build(), 200);
            return System.nanoTime() - start;
        }

        long write(HttpClient http, String assessment, String option) throws Exception {
            long start = System.nanoTime();
            send(http, HttpRequest.newBuilder(URI.create(base + "/api/v1/assessments/" + assessment
                            + "/answers/governance-owner")).headers(headers).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"optionId\":\"" + option + "\"}")).build(), 200);
            return System.nanoTime() - start;
        }
    }
}
