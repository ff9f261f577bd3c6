package org.socialmaturity.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Benchmark, not a test: answers/s through the gateway with concurrent clients, as partner portals send them, against
 * a running platform. Run it twice, on the durable file-backed local-mongo and on local-mongo in memory, to see what
 * durability costs. It registers a partner of its own (operator API); each client has a company of its own, answers
 * 20 questions per assessment, every PUT a real change (one event), and first answers one assessment untimed to warm
 * the platform up. The assessments are started before the clock starts. It stops after {@code answers} or
 * {@code maxSeconds}, whichever comes first, and prints answers/s and latency percentiles.
 *
 * <p>Start the platform with the gateway's rate limit raised, or the figures are the limit's (60 calls/s per key by
 * default). A 429 is waited out as its Retry-After says, like a partner portal does, and the number of waits is printed.
 *
 * <pre>
 * ./mvnw -B -q -pl bench -am install -DskipTests
 * export PLATFORM_RATE_LIMIT_CAPACITY=1000000 PLATFORM_RATE_LIMIT_PER_SECOND=1000000
 *
 * # durable: ./platform starts local-mongo file-backed; a fresh data directory, so that both runs start empty
 * PLATFORM_DATA=/tmp/answers-durable ./platform start
 * java -cp bench/target/bench-1.0.0-SNAPSHOT.jar org.socialmaturity.bench.DurableAnswers
 * PLATFORM_DATA=/tmp/answers-durable ./platform stop
 *
 * # in memory: local-mongo --memory, which ./platform then uses through MONGODB_URI
 * java -jar local-mongo/target/local-mongo-1.0.0-SNAPSHOT.jar --memory --port 27018 >/tmp/local-mongo-memory.log 2>&1 &
 * PLATFORM_DATA=/tmp/answers-memory MONGODB_URI=mongodb://127.0.0.1:27018 ./platform start
 * java -cp bench/target/bench-1.0.0-SNAPSHOT.jar org.socialmaturity.bench.DurableAnswers
 * PLATFORM_DATA=/tmp/answers-memory MONGODB_URI=mongodb://127.0.0.1:27018 ./platform stop; kill %1
 * </pre>
 *
 * Arguments: {@code [gateway=http://localhost:8080] [answers=4000] [clients=16] [maxSeconds=300] [adminKey=PLATFORM_ADMIN_KEY or the one ./platform generated]}.
 */
public final class DurableAnswers {

    /** Bounds the untimed warm-up of each client, one assessment's answers. */
    private static final Duration WARM_UP_LIMIT = Duration.ofMinutes(1);

    private DurableAnswers() {
    }

    public static void main(String[] args) throws Exception {
        String gateway = BenchHttp.requireLoopback(args.length > 0 ? args[0] : "http://localhost:8080");
        int answers = args.length > 1 ? Integer.parseInt(args[1]) : 4000;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        Duration limit = Duration.ofSeconds(args.length > 3 ? Long.parseLong(args[3]) : 300);
        String adminKey = BenchHttp.adminKey(args, 4);
        if (answers < clients) {
            throw new IllegalArgumentException("at least one answer per client: answers >= clients");
        }
        int perClient = answers / clients;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        BenchHttp.Partner partner = BenchHttp.registerPartner(http, gateway, adminKey, "Durable answers benchmark");

        ExecutorService threads = Executors.newFixedThreadPool(clients);
        try {
            List<Callable<Client>> preparations = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int number = c;
                preparations.add(() -> Client.prepare(http, gateway, partner, number, perClient));
            }
            List<Callable<List<Long>>> runs = new ArrayList<>();
            for (Future<Client> prepared : threads.invokeAll(preparations)) {
                Client client = prepared.get();
                runs.add(() -> client.answerAll(limit));
            }
            System.err.printf("%d clients ready, %d answers each: measuring%n", clients, perClient);

            long waitsBefore = BenchHttp.rateLimitWaits();
            long start = System.nanoTime();
            List<Long> latencies = new ArrayList<>();
            for (Future<List<Long>> run : threads.invokeAll(runs)) {
                latencies.addAll(run.get());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long waits = BenchHttp.rateLimitWaits() - waitsBefore;
            report(gateway, clients, perClient * clients, latencies, seconds, limit, waits);
        } finally {
            threads.shutdownNow();
        }
    }

    private static void report(String gateway, int clients, int planned, List<Long> latencies, double seconds,
                               Duration limit, long waits) {
        System.out.printf("%,d answers through %s by %d concurrent clients (%d per assessment, each a new event) in %.1f s:"
                        + " %,.0f answers/s; latency p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", latencies.size(), gateway,
                clients, AnswerCycle.PER_ASSESSMENT, seconds, latencies.size() / seconds,
                BenchHttp.percentileMillis(latencies, 0.5), BenchHttp.percentileMillis(latencies, 0.99),
                BenchHttp.percentileMillis(latencies, 1.0));
        if (latencies.size() < planned) {
            System.out.printf("stopped at the time limit (%d s) after %,d of %,d answers%n", limit.toSeconds(),
                    latencies.size(), planned);
        }
        if (waits > 0) {
            System.out.printf("answers waited out %,d 429s: these figures are the gateway's rate limit; start the platform"
                    + " with PLATFORM_RATE_LIMIT_CAPACITY and PLATFORM_RATE_LIMIT_PER_SECOND raised%n", waits);
        }
    }

    /** One partner portal's user: a company of its own, the assessments its answers go to, how many it sends. */
    private record Client(HttpClient http, String gateway, BenchHttp.Partner partner, List<String> assessments,
                          int answers) {

        /** Makes the company and its assessments, and answers one assessment untimed to warm the platform up. */
        static Client prepare(HttpClient http, String gateway, BenchHttp.Partner partner, int number, int answers)
                throws Exception {
            String company = BenchHttp.createCompany(http, gateway, partner, "Durable answers " + number);
            new Client(http, gateway, partner, List.of(BenchHttp.startAssessment(http, gateway, partner, company)),
                    AnswerCycle.PER_ASSESSMENT).answerAll(WARM_UP_LIMIT);
            List<String> assessments = new ArrayList<>();
            for (int started = 0; started * AnswerCycle.PER_ASSESSMENT < answers; started++) {
                assessments.add(BenchHttp.startAssessment(http, gateway, partner, company));
            }
            return new Client(http, gateway, partner, assessments, answers);
        }

        /** Sends its answers one after the other, as long as {@code limit} allows; their latencies. */
        List<Long> answerAll(Duration limit) throws Exception {
            long deadline = System.nanoTime() + limit.toNanos();
            List<Long> latencies = new ArrayList<>();
            for (int n = 0; n < answers && deadline - System.nanoTime() > 0; n++) {
                latencies.add(answerOne(n));
            }
            return latencies;
        }

        private long answerOne(int n) throws Exception {
            HttpRequest put = AnswerCycle.put(gateway, partner.headers(),
                    assessments.get(n / AnswerCycle.PER_ASSESSMENT), n);
            long start = System.nanoTime();
            String answer = BenchHttp.sendWaitingOutRateLimit(http, put, 200);
            long latency = System.nanoTime() - start;
            AnswerCycle.requireChanged(answer, n);
            return latency;
        }
    }
}
