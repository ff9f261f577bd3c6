package org.socialmaturity.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code ./platform demo}: two partners and six companies, each through three assessments with varied answers (rises,
 * a drop, a recovery), all through the gateway as a partner portal would, honouring 429 Retry-After. Prints each
 * partner's key and where each company ended.
 */
public final class Demo {

    private static final ObjectMapper JSON = BenchHttp.JSON;

    /** A company and the level its three assessments aim at. */
    private record Plan(String name, String sector, String country, int employees, int[] levels) {
    }

    private static final Map<String, List<Plan>> PARTNERS = new LinkedHashMap<>();

    static {
        PARTNERS.put("Demo portal Iberia", List.of(
                new Plan("Aerolíneas del Sur S.A.", "airlines", "ES", 4200, new int[] {1, 2, 3}),
                new Plan("Banco Atlántico", "banking", "ES", 9800, new int[] {2, 3, 2}),
                new Plan("Telecomunicaciones Lusas", "telecom", "PT", 2600, new int[] {2, 3, 4})));
        PARTNERS.put("Demo portal Andes", List.of(
                new Plan("Retail Andino S.A.C.", "retail", "PE", 1500, new int[] {1, 1, 2}),
                new Plan("Seguros del Pacífico", "insurance", "CL", 3100, new int[] {3, 2, 3}),
                new Plan("Energía Austral", "utilities", "AR", 800, new int[] {2, 2, 3})));
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String gateway;
    private final String adminKey;

    private Demo(String gateway, String adminKey) {
        this.gateway = gateway;
        this.adminKey = adminKey;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: Demo <gateway URL> <admin key>");
            System.exit(2);
        }
        new Demo(args[0].replaceAll("/+$", ""), args[1]).run();
    }

    private void run() throws Exception {
        List<String> summary = new ArrayList<>();
        int seed = 0;
        for (Map.Entry<String, List<Plan>> partner : PARTNERS.entrySet()) {
            JsonNode created = call("POST", "/api/v1/admin/partners", "X-Admin-Key", adminKey,
                    Map.of("name", partner.getKey()), 201);
            String key = created.path("apiKey").asText();
            System.out.printf("%n%s (partner %s)%n", partner.getKey(), created.path("id").asText());
            JsonNode questionnaire = call("GET", "/api/v1/questionnaires/current?lang=en", "X-API-Key", key, null, 200);
            List<String> companies = new ArrayList<>();
            for (Plan plan : partner.getValue()) {
                JsonNode company = call("POST", "/api/v1/companies", "X-API-Key", key, Map.of("name", plan.name(),
                        "sector", plan.sector(), "country", plan.country(), "employees", plan.employees()), 201);
                String companyId = company.path("id").asText();
                companies.add(companyId);
                Random random = new Random(++seed);
                for (int level : plan.levels()) {
                    String assessment = call("POST", "/api/v1/companies/" + companyId + "/assessments", "X-API-Key",
                            key, null, 201).path("id").asText();
                    for (JsonNode question : questionnaire.path("questions")) {
                        call("PUT", "/api/v1/assessments/" + assessment + "/answers/" + question.path("id").asText(),
                                "X-API-Key", key, answer(question, vary(level, random)), 200);
                    }
                    call("POST", "/api/v1/assessments/" + assessment + "/submit", "X-API-Key", key, null, 200);
                    System.out.printf("  %-28s assessment at level %d submitted%n", plan.name(), level);
                }
            }
            summary.add(String.format("%-22s X-API-Key: %s", partner.getKey(), key));
            Thread.sleep(1500); // the scoring service follows the event store within a few hundred ms
            for (int i = 0; i < companies.size(); i++) {
                JsonNode trajectory = call("GET", "/api/v1/companies/" + companies.get(i) + "/trajectory", "X-API-Key",
                        key, null, 200);
                JsonNode maturity = call("GET", "/api/v1/companies/" + companies.get(i) + "/maturity", "X-API-Key",
                        key, null, 200);
                System.out.printf("  %-28s now phase %s (%s), %s, index %s; %d points, %d phase changes%n",
                        partner.getValue().get(i).name(), maturity.path("phase").asText(), maturity.path("phaseName").asText(),
                        maturity.path("quadrant").asText(), maturity.path("index").asText(),
                        trajectory.path("points").size(), trajectory.path("transitions").size());
            }
        }
        System.out.printf("%nDashboard: %s/  (paste a key below)%n", gateway);
        summary.forEach(System.out::println);
    }

    /** Mostly the plan's level; now and then one above or below, as real answers are. */
    private static int vary(int level, Random random) {
        int roll = random.nextInt(10);
        int varied = roll == 0 ? level - 1 : roll == 1 ? level + 1 : level;
        return Math.max(1, Math.min(4, varied));
    }

    private static Map<String, Object> answer(JsonNode question, int level) {
        if ("NUMBER".equals(question.path("type").asText())) {
            for (JsonNode band : question.path("bands")) {
                if (band.path("level").asInt() == level) {
                    return Map.of("value", band.path("from").decimalValue());
                }
            }
        }
        for (JsonNode option : question.path("options")) {
            if (option.path("level").asInt() == level) {
                return Map.of("optionId", option.path("id").asText());
            }
        }
        throw new IllegalStateException("no level " + level + " for " + question.path("id").asText());
    }

    private JsonNode call(String method, String path, String header, String key, Object body, int expected)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(BenchHttp.REQUEST_TIMEOUT)
                .header(header, key).header("X-Actor", "demo@platform.local");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        String answer = BenchHttp.sendWaitingOutRateLimit(http, request.build(), expected);
        return answer.isEmpty() ? JSON.createObjectNode() : JSON.readTree(answer);
    }
}
