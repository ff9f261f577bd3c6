package org.socialmaturity.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code ./platform verify}: what an operator runs after an incident. Asks the gateway for each service's check of its
 * read models against the event store and for its dead letters, prints what differs and whether it is
 * healing, and exits 1 when something differs without healing or waits for the operator, 0 otherwise.
 *
 * <pre>java -cp bench.jar:lib/* org.socialmaturity.bench.Verify http://127.0.0.1:8080 [adminKey]</pre>
 */
public final class Verify {

    private static final ObjectMapper JSON = BenchHttp.JSON;

    private Verify() {
    }

    public static void main(String[] args) throws Exception {
        String gateway = BenchHttp.requireLoopback(args.length > 0 ? args[0] : "http://127.0.0.1:8080");
        String adminKey = BenchHttp.adminKey(args, 1);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        boolean healthy = true;

        for (String service : List.of("assessment", "scoring", "recommendation")) {
            JsonNode report = get(http, gateway + "/api/v1/admin/projections/" + service + "/consistency", adminKey);
            System.out.printf("%s (%s): %d events up to global index %d, handled up to %d; %d companies, %d "
                            + "consistent with the store.%n", service, report.get("processor").asText(),
                    report.get("events").asLong(), report.get("head").asLong(),
                    report.get("processorPosition").asLong(), report.get("companies").asInt(),
                    report.get("consistent").asLong());
            for (JsonNode difference : report.get("differences")) {
                JsonNode first = difference.get("firstDifference");
                System.out.printf("  %-38s %-17s expected %4d, has %4d, first difference %s: %s%n",
                        difference.get("companyId").asText(), difference.get("readModel").asText(),
                        difference.get("expected").asLong(), difference.get("actual").asLong(),
                        first == null || first.isNull() ? "-" : "at " + first.get("globalIndex").asText() + " ("
                                + first.get("eventId").asText() + ")",
                        difference.get("state").asText());
                healthy &= !"DIFFERENT".equals(difference.get("state").asText());
            }
        }

        for (String service : List.of("assessment", "scoring", "recommendation")) {
            JsonNode letters = get(http, gateway + "/api/v1/admin/projections/" + service + "/dead-letters", adminKey);
            System.out.printf("Dead letters of %s: %d%n", service, letters.get("total").asLong());
            for (JsonNode sequence : letters.get("sequences")) {
                JsonNode oldest = sequence.get("letters").get(0);
                System.out.printf("  company %s in %s: %d waiting, the oldest %s at %s, %s after %d attempts: %s%n",
                        sequence.get("sequence").asText(), sequence.get("processor").asText(),
                        sequence.get("letters").size(),
                        oldest.get("payloadType").asText(), oldest.get("globalIndex").asText(),
                        oldest.get("state").asText(), oldest.get("attempts").asInt(),
                        oldest.get("causeMessage").asText());
                healthy &= !"WAITING_FOR_OPERATOR".equals(oldest.get("state").asText());
            }
        }
        System.out.println(healthy ? "OK: every read model agrees with the event store or is on its way."
                : "ATTENTION: see above; retry dead letters with POST /api/v1/admin/projections/{service}/dead-letters/"
                        + "{company}/retry once the cause is fixed, or rebuild with .../replay.");
        System.exit(healthy ? 0 : 1);
    }

    private static JsonNode get(HttpClient http, String url, String adminKey) throws Exception {
        return JSON.readTree(BenchHttp.send(http, HttpRequest.newBuilder(URI.create(url))
                .header("X-Admin-Key", adminKey).timeout(BenchHttp.REQUEST_TIMEOUT).GET().build(), 200));
    }
}
