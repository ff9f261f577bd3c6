package org.socialmaturity.bench;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.json.JacksonSerializer;
import org.socialmaturity.contracts.advice.AdviceIssued;
import org.socialmaturity.contracts.assessment.AnswerRecorded;
import org.socialmaturity.contracts.assessment.AssessmentStarted;
import org.socialmaturity.contracts.assessment.RawAnswer;
import org.socialmaturity.contracts.company.CompanyRegistered;
import org.socialmaturity.contracts.maturity.MaturityPhaseChanged;
import org.socialmaturity.contracts.maturity.Quadrant;
import org.socialmaturity.contracts.questionnaire.Band;
import org.socialmaturity.contracts.questionnaire.Question;
import org.socialmaturity.contracts.questionnaire.QuestionType;
import org.socialmaturity.contracts.questionnaire.Questionnaire;
import org.socialmaturity.contracts.questionnaire.QuestionnaireCatalogue;
import org.socialmaturity.eventstore.mongo.GlobalSequenceEventStorageEngine;
import org.socialmaturity.testsupport.PlatformProcesses;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;

/**
 * Benchmark, not a test: how fast an operator's rebuild runs, from {@code POST .../replay} to {@code DONE}, for
 * scoring's timeline and recommendation's advice log, against the engine's own replay of the same store in the same
 * run. The store is filled straight through the engine with what the platform appends for a company (registration,
 * an assessment of 21 answers, a phase change and its advice: 25 events, one per commit); the services run as
 * processes, their decision processors set at the head (the
 * decisions were made when the events were), on mongo-java-server in memory in a process of its own (heap
 * {@code -Dmongo.heap}, 16g). Prints a Markdown table.
 *
 * <pre>
 * ./mvnw -q -pl bench -am install -DskipTests
 * java -Xmx2g -cp "bench/target/bench-1.0.0-SNAPSHOT.jar:bench/target/lib/*" org.socialmaturity.bench.RebuildBenchmark [10000,100000,1000000]
 * </pre>
 */
public final class RebuildBenchmark {

    private static final Questionnaire V1 = QuestionnaireCatalogue.load().version("v1").orElseThrow();
    private static final List<String> SERVICES = List.of("scoring", "recommendation");
    private static final Map<String, String> DECISIONS = Map.of("scoring", "maturity-decisions",
            "recommendation", "advice");

    private final HttpClient http = HttpClient.newHttpClient();
    private final Random random = new Random(42);
    private final List<String> rows = new ArrayList<>();
    private GlobalSequenceEventStorageEngine engine;
    private long stored;

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty(PlatformProcesses.MODULES, ".");
        long[] sizes = Arrays.stream((args.length > 0 ? args[0] : "10000,100000,1000000").split(","))
                .mapToLong(Long::parseLong).toArray();
        new RebuildBenchmark().run(sizes);
    }

    private void run(long[] sizes) throws Exception {
        try (PlatformProcesses platform = PlatformProcesses.onMemoryMongoProcess(System.getProperty("mongo.heap", "16g"));
             MongoClient client = MongoClients.create(platform.mongoUri())) {
            ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
            JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(json).build();
            engine = GlobalSequenceEventStorageEngine.builder().database(client.getDatabase("platform-events"))
                    .eventSerializer(serializer).snapshotSerializer(serializer).build();
            Map<String, String> settings = new java.util.HashMap<>();
            if (System.getenv("BENCH_SERVICE_JAVA_OPTIONS") != null) {
                settings.put("JAVA_TOOL_OPTIONS", System.getenv("BENCH_SERVICE_JAVA_OPTIONS"));
            }
            Map<String, String> urls = new java.util.LinkedHashMap<>();
            for (long size : sizes) {
                for (String service : urls.keySet()) {
                    platform.kill(service + "-service");
                }
                progress("filling the store to %,d events", size);
                fillTo(size);
                for (String service : SERVICES) {
                    decisionsAtHead(client, serializer, service);
                    if (urls.containsKey(service)) {
                        platform.restart(service + "-service");
                    } else {
                        urls.put(service, platform.start(service + "-service", service + "-service", settings));
                    }
                }
                for (String service : SERVICES) {
                    progress("%s: waiting until its read model holds the %,d events", service, stored);
                    awaitCaughtUp(urls.get(service));
                }
                double raw = rawReplayPerSecond();
                progress("engine replay: %,.0f events/s", raw);
                for (String service : SERVICES) {
                    rebuild(service, urls.get(service), raw);
                }
            }
        }
        System.out.println();
        System.out.println("| service (read model) | events in store | engine replay, events/s | rebuild POST to DONE, s "
                + "| rebuild, events/s | rebuild / engine replay | cost per event, µs |");
        System.out.println("|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    /** The services run under PlatformProcesses' own operator key and gateway secret. */
    private static String[] asOperator() {
        return new String[] {"X-Admin-Key", PlatformProcesses.ADMIN_KEY, "X-Gateway-Secret", PlatformProcesses.GATEWAY_SECRET};
    }

    private void rebuild(String service, String url, double raw) throws Exception {
        String path = url + "/api/v1/admin/projections/" + service + "/replay";
        long start = System.nanoTime();
        BenchHttp.send(http, HttpRequest.newBuilder(URI.create(path)).headers(asOperator())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), 202);
        String status;
        do {
            Thread.sleep(50);
            status = BenchHttp.send(http, HttpRequest.newBuilder(URI.create(path)).headers(asOperator())
                    .GET().build(), 200);
        } while (!"DONE".equals(BenchHttp.tree(status).path("state").asText()));
        double seconds = (System.nanoTime() - start) / 1e9;
        long processed = BenchHttp.tree(status).path("processed").asLong(stored);
        double rate = processed / seconds;
        rows.add(String.format(Locale.ROOT, "| %s (%s) | %,d | %,.0f | %.2f | %,.0f | %.0f%% | %.1f |", service,
                BenchHttp.field(status, "readModel"), processed, raw, seconds, rate, 100 * rate / raw, 1e6 / rate));
        progress("%s", rows.get(rows.size() - 1));
    }

    /** Until the service's current read-model slot has no lag (its readiness reports it). */
    private void awaitCaughtUp(String url) throws Exception {
        long deadline = System.currentTimeMillis() + 1_800_000;
        while (System.currentTimeMillis() < deadline) {
            String ready = BenchHttp.send(http, HttpRequest.newBuilder(URI.create(url + "/q/health/ready")).GET()
                    .build(), 200);
            if (ready.matches("(?s).*\"[a-z-]+-[ab]\" *: *\"running, 1 segment\\(s\\) claimed, position \\d+, lag 0,.*")) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the read model of " + url + " did not catch up");
    }

    private double rawReplayPerSecond() {
        long start = System.nanoTime();
        long count;
        try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(null, false)) {
            count = events.peek(TrackedEventMessage::getPayload).count();
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    /** The decisions were made when the events were: the decision processor starts at the head. */
    private void decisionsAtHead(MongoClient client, JacksonSerializer serializer, String service) {
        String processor = DECISIONS.get(service);
        client.getDatabase(service).getCollection("trackingtokens").deleteMany(Filters.eq("processorName", processor));
        TokenStore tokens = MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(client, service).build())
                .serializer(serializer).nodeId("bench").build();
        tokens.initializeTokenSegments(processor, 1, engine.createHeadToken());
    }

    private void fillTo(long size) {
        while (stored < size) {
            appendCompany();
        }
    }

    /** What the platform appends for one company: 25 events, one per commit. */
    private void appendCompany() {
        String partner = "partner-" + (stored % 50);
        String company = UUID.randomUUID().toString();
        String assessment = UUID.randomUUID().toString();
        Instant at = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(stored);
        append("Company", company, 0, new CompanyRegistered(company, partner, "Empresa " + stored, "retail", "ES",
                100, at));
        append("Assessment", assessment, 0, new AssessmentStarted(assessment, partner, company, "v1", at));
        long sequence = 1;
        String lastAnswer = null;
        for (Question question : V1.questions()) {
            lastAnswer = UUID.randomUUID().toString();
            append("Assessment", assessment, sequence++, new AnswerRecorded(assessment, partner, company, "v1",
                    question.id(), answerOfLevel(question, 1 + random.nextInt(4)), null, "bench", at), lastAnswer);
        }
        append("CompanyMaturity", "maturity:" + company, 0, new MaturityPhaseChanged(company, partner, null, 2,
                Quadrant.CONSERVATIVE, 40, Map.of(), lastAnswer, stored - 1, at));
        append("CompanyAdvice", "advice:" + company, 0, new AdviceIssued(UUID.randomUUID().toString(), company,
                partner, AdviceIssued.Trigger.phaseChange(null, 2), List.of("PHASE.2"), List.of(),
                lastAnswer, stored - 2, at));
    }

    private void append(String type, String aggregate, long sequence, Object payload) {
        append(type, aggregate, sequence, payload, UUID.randomUUID().toString());
    }

    private void append(String type, String aggregate, long sequence, Object payload, String eventId) {
        engine.appendEvents(List.of(new GenericDomainEventMessage<>(type, aggregate, sequence, payload, Map.of(
                "correlationId", "bench", "actor", "bench"), eventId, Instant.now())));
        stored++;
    }

    private static RawAnswer answerOfLevel(Question question, int level) {
        if (question.type() == QuestionType.CHOICE) {
            return RawAnswer.choice(question.options().stream().filter(o -> o.level() == level).findFirst()
                    .orElseThrow().id());
        }
        BigDecimal value = question.bands().stream().filter(b -> b.level() == level).map(Band::from).findFirst()
                .orElseThrow();
        return RawAnswer.number(value);
    }

    private static void progress(String format, Object... args) {
        System.err.printf(Locale.ROOT, "[rebuild] " + format + "%n", args);
    }
}
