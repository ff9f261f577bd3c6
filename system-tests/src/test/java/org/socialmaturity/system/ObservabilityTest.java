package org.socialmaturity.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.socialmaturity.testsupport.PlatformProcesses;
import org.socialmaturity.testsupport.PromQl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.sun.net.httpserver.HttpServer;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.restassured.http.ContentType;

/**
 * What an operator sees of the platform, checked on the gateway and the three services as processes: with
 * {@code PLATFORM_OTLP_ENDPOINT} set, one answer that changes a company's phase is one trace across all four (received
 * here as an OTLP collector would) down to the webhook delivery it leads to, found by the request's
 * {@code X-Request-Id}; and every metric the k8s monitoring's
 * alerts and dashboard name is one the running processes expose.
 */
class ObservabilityTest {

    private static final Path MONITORING = Path.of("..", "k8s", "monitoring");
    private static final String REQUEST_ID = "observability-phase-change";
    /** Prometheus's own series, not an application's. */
    private static final Set<String> PROMETHEUS_SERIES = Set.of("up");

    private static final List<ReceivedSpan> SPANS = new CopyOnWriteArrayList<>();
    private static final List<String> DELIVERIES = new CopyOnWriteArrayList<>();
    private static HttpServer collector;
    private static HttpServer webhookEndpoint;
    private static PlatformProcesses platform;
    private static Map<String, String> services;
    private static String gateway;
    private static String apiKey;

    record ReceivedSpan(String service, String traceId, String name, String kind, Map<String, String> attributes) {
    }

    @BeforeAll
    static void startThePlatformWithTracing() throws Exception {
        collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/v1/traces", exchange -> {
            received(ExportTraceServiceRequest.parseFrom(exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        webhookEndpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhookEndpoint.createContext("/hooks", exchange -> {
            DELIVERIES.add(exchange.getRequestHeaders().getFirst("X-Event-Type"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        webhookEndpoint.start();
        Map<String, String> tracing = Map.of(
                "PLATFORM_OTLP_ENDPOINT", "http://127.0.0.1:" + collector.getAddress().getPort(),
                "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf",
                "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "100ms",
                "PLATFORM_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES", "true");
        platform = new PlatformProcesses();
        services = platform.startServices(tracing);
        Map<String, String> gatewaySettings = new java.util.HashMap<>(tracing);
        gatewaySettings.putAll(Map.of("ASSESSMENT_SERVICE_URL", services.get("assessment"),
                "SCORING_SERVICE_URL", services.get("scoring"),
                "RECOMMENDATION_SERVICE_URL", services.get("recommendation")));
        gateway = platform.start("gateway", "gateway", gatewaySettings);
        driveACompanyToItsFirstPhase();
    }

    @AfterAll
    static void stopThePlatform() {
        platform.close();
        collector.stop(0);
        webhookEndpoint.stop(0);
    }

    private static void received(ExportTraceServiceRequest request) {
        for (ResourceSpans resource : request.getResourceSpansList()) {
            String service = resource.getResource().getAttributesList().stream()
                    .filter(a -> a.getKey().equals("service.name")).map(a -> a.getValue().getStringValue())
                    .findFirst().orElse("?");
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                scope.getSpansList().forEach(span -> SPANS.add(new ReceivedSpan(service,
                        HexFormat.of().formatHex(span.getTraceId().toByteArray()), span.getName(),
                        span.getKind().name(), attributes(span.getAttributesList()))));
            }
        }
    }

    private static Map<String, String> attributes(List<KeyValue> values) {
        Map<String, String> attributes = new java.util.HashMap<>();
        values.forEach(v -> attributes.put(v.getKey(), v.getValue().getStringValue()));
        return attributes;
    }

    /** A company answered to its first phase through the gateway, its last answer under a known request id. */
    private static void driveACompanyToItsFirstPhase() {
        apiKey = given().baseUri(gateway).header("X-Admin-Key", PlatformProcesses.ADMIN_KEY)
                .contentType(ContentType.JSON).body(Map.of("name", "Traced portal"))
                .post("/api/v1/admin/partners").then().statusCode(201).extract().path("apiKey");
        given().baseUri(gateway).header("X-API-Key", apiKey).contentType(ContentType.JSON)
                .body(Map.of("url", "http://127.0.0.1:" + webhookEndpoint.getAddress().getPort() + "/hooks",
                        "secret", "a-long-random-shared-secret"))
                .post("/api/v1/webhooks").then().statusCode(201);
        String company = given().baseUri(gateway).header("X-API-Key", apiKey).contentType(ContentType.JSON)
                .body(Map.of("name", "Trazas S.A.", "sector", "retail", "country", "ES", "employees", 80))
                .post("/api/v1/companies").then().statusCode(201).extract().path("id");
        String assessment = given().baseUri(gateway).header("X-API-Key", apiKey)
                .post("/api/v1/companies/{id}/assessments", company).then().statusCode(201).extract().path("id");
        JsonNode questionnaire = new ObjectMapper().valueToTree(given().baseUri(gateway).header("X-API-Key", apiKey)
                .get("/api/v1/questionnaires/current").then().statusCode(200).extract().as(Map.class));
        // The optional questions first: the last required answer is the one that makes the maturity determinate.
        List<JsonNode> questions = new ArrayList<>();
        questionnaire.path("questions").forEach(questions::add);
        questions.sort(Comparator.comparing(q -> q.path("required").asBoolean()));
        for (int i = 0; i < questions.size(); i++) {
            JsonNode question = questions.get(i);
            boolean last = i == questions.size() - 1;
            given().baseUri(gateway).header("X-API-Key", apiKey).header("X-Request-Id", last ? REQUEST_ID : "answer-" + i)
                    .contentType(ContentType.JSON).body(answerOfLevelTwo(question))
                    .put("/api/v1/assessments/{a}/answers/{q}", assessment, question.path("id").asText())
                    .then().statusCode(200);
        }
    }

    @Test
    void oneAnswerThatChangesThePhaseIsOneTraceAcrossTheGatewayAndTheThreeServices() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Set<String> traces = new TreeSet<>();
            SPANS.stream().filter(s -> REQUEST_ID.equals(s.attributes().get("platform.request_id")))
                    .forEach(s -> traces.add(s.traceId()));
            assertEquals(1, traces.size(), "the answer's request is one trace: " + traces);
            String trace = traces.iterator().next();
            Set<String> servicesInTrace = new TreeSet<>();
            SPANS.stream().filter(s -> s.traceId().equals(trace)).forEach(s -> servicesInTrace.add(s.service()));
            assertEquals(Set.of("gateway", "assessment-service", "scoring-service", "recommendation-service"),
                    servicesInTrace, "services in trace " + trace);
            assertTrue(SPANS.stream().anyMatch(s -> s.traceId().equals(trace) && s.service().equals("recommendation-service")
                    && s.name().equals("Webhook delivery MaturityPhaseChanged")), "the webhook delivery is in the trace");
        });
        // For a person reading the run: the trace, span by span.
        String trace = SPANS.stream().filter(s -> REQUEST_ID.equals(s.attributes().get("platform.request_id")))
                .findFirst().orElseThrow().traceId();
        SPANS.stream().filter(s -> s.traceId().equals(trace))
                .forEach(s -> System.out.printf("trace %s: %-22s %s%n", trace, s.service(), s.name()));
    }

    @Test
    void theErasureOfAPersonIsInNoRequestSpanForItsPathNamesThePerson() {
        String subject = "erase.me@portal.example";
        given().baseUri(gateway).header("X-API-Key", apiKey).header("X-Actor", subject).contentType(ContentType.JSON)
                .body(Map.of("name", "Olvido S.L.", "sector", "retail", "country", "ES", "employees", 12))
                .post("/api/v1/companies").then().statusCode(201);
        given().baseUri(gateway).header("X-Admin-Key", PlatformProcesses.ADMIN_KEY)
                .post("/api/v1/admin/data-subjects/{subject}/erase", subject).then().statusCode(200);
        // A call after it: once its spans are here, the erasure's would be too.
        given().baseUri(gateway).header("X-API-Key", apiKey).header("X-Request-Id", "after-the-erasure")
                .get("/api/v1/companies").then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> SPANS.stream()
                .anyMatch(s -> "after-the-erasure".equals(s.attributes().get("platform.request_id"))
                        && s.service().equals("assessment-service")));
        List<ReceivedSpan> naming = SPANS.stream().filter(s -> s.kind().equals("SPAN_KIND_SERVER"))
                .filter(s -> s.attributes().values().stream().anyMatch(v -> v.contains("erase.me"))).toList();
        assertEquals(List.of(), naming);
    }

    @Test
    void everyMetricTheAlertsAndTheDashboardNameIsExposedByARunningProcess() throws Exception {
        // Some series exist only once something happened (a webhook attempt, a MongoDB command): the phase change did.
        await().atMost(Duration.ofSeconds(60)).until(() -> DELIVERIES.contains("MaturityPhaseChanged"));
        Set<String> exposed = new TreeSet<>();
        HttpClient http = HttpClient.newHttpClient();
        List<String> processes = new ArrayList<>(services.values());
        processes.add(gateway);
        for (String process : processes) {
            String metrics = http.send(HttpRequest.newBuilder(URI.create(process + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            metrics.lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                    .forEach(line -> exposed.add(line.split("[{ ]", 2)[0]));
        }
        Set<String> named = new TreeSet<>();
        JsonNode rules = new YAMLMapper().readTree(MONITORING.resolve("prometheus-rules.yaml").toFile());
        rules.path("spec").path("groups").forEach(group -> group.path("rules")
                .forEach(rule -> named.addAll(PromQl.metrics(rule.path("expr").asText()))));
        JsonNode dashboard = new ObjectMapper().readTree(MONITORING.resolve("dashboards/social-maturity.json").toFile());
        dashboard.path("panels").forEach(panel -> panel.path("targets")
                .forEach(target -> named.addAll(PromQl.metrics(target.path("expr").asText()))));
        named.removeAll(PROMETHEUS_SERIES);
        Set<String> missing = new TreeSet<>(named);
        missing.removeAll(exposed);
        assertTrue(named.size() > 10, "the monitoring names " + named);
        assertEquals(Set.of(), missing, "named by k8s/monitoring but exposed by no process");
    }

    private static Map<String, Object> answerOfLevelTwo(JsonNode question) {
        if ("CHOICE".equals(question.path("type").asText())) {
            for (JsonNode option : question.path("options")) {
                if (option.path("level").asInt() == 2) {
                    return Map.of("optionId", option.path("id").asText());
                }
            }
        }
        for (JsonNode band : question.path("bands")) {
            if (band.path("level").asInt() == 2) {
                return Map.of("value", band.path("from").decimalValue());
            }
        }
        throw new IllegalStateException("no level 2 in " + question);
    }
}
