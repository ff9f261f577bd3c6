package org.socialmaturity.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.socialmaturity.testsupport.PromQl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;

/**
 * The monitoring the production overlay installs for the Prometheus Operator and Grafana: what each ServiceMonitor
 * scrapes, the alerts the operations docs have runbooks for, the dashboard's panels; every expression well formed.
 * Whether the metrics they name exist is checked against running services (system-tests' ObservabilityTest).
 */
class MonitoringTest {

    private static final Set<String> SERVICES = Set.of("gateway", "assessment-service", "scoring-service",
            "recommendation-service");
    private static final Set<String> ALERTS = Set.of("ProcessorLagGrowing", "DeadLetters", "WebhookFailureRate",
            "ServiceNotReady", "MongoDBUnreachable");

    private static Rendered production;

    @BeforeAll
    static void render() throws Exception {
        production = Rendered.overlay("production");
    }

    @Test
    void everyServiceIsScrapedOnItsMetricsPathThroughAPortItsServiceNames() {
        List<ServiceMonitor> monitors = production.all(ServiceMonitor.class);
        assertEquals(SERVICES, Set.copyOf(monitors.stream().map(m -> m.getMetadata().getName()).toList()));
        for (ServiceMonitor monitor : monitors) {
            Map<String, String> selector = monitor.getSpec().getSelector().getMatchLabels();
            List<Service> selected = production.all(Service.class).stream()
                    .filter(s -> s.getMetadata().getLabels().entrySet().containsAll(selector.entrySet())).toList();
            assertEquals(1, selected.size(), monitor.getMetadata().getName() + " selects " + selected.size());
            Set<String> ports = Set.copyOf(selected.get(0).getSpec().getPorts().stream().map(p -> p.getName()).toList());
            monitor.getSpec().getEndpoints().forEach(endpoint -> {
                assertTrue(ports.contains(endpoint.getPort()), endpoint.getPort() + " is not a port of " + selected.get(0));
                assertEquals("/q/metrics", endpoint.getPath());
            });
        }
    }

    @Test
    void eachAlertIsWellFormedLastsBeforeFiringAndHasARunbookInTheOperationsDocs() throws Exception {
        String operations = Files.readString(Path.of("..", "docs", "operations.md"));
        List<Rule> rules = production.all(PrometheusRule.class).stream()
                .flatMap(r -> r.getSpec().getGroups().stream()).flatMap(g -> g.getRules().stream()).toList();
        assertEquals(ALERTS, Set.copyOf(rules.stream().map(Rule::getAlert).toList()));
        for (Rule rule : rules) {
            String expression = rule.getExpr().getStrVal();
            assertFalse(PromQl.metrics(expression).isEmpty(), rule.getAlert() + " reads no metric");
            assertTrue(rule.getFor() != null && !rule.getFor().isBlank(), rule.getAlert() + " fires at once");
            assertTrue(Set.of("warning", "critical").contains(rule.getLabels().get("severity")), rule.getAlert());
            String runbook = rule.getAnnotations().get("runbook_url");
            assertEquals("docs/operations.md#" + rule.getAlert().toLowerCase(), runbook);
            assertTrue(operations.contains("\n#### " + rule.getAlert() + "\n"),
                    "docs/operations.md has no runbook heading for " + rule.getAlert());
        }
    }

    @Test
    void theDashboardIsProvisionedForGrafanaAndEveryPanelQueriesMetrics() throws Exception {
        ConfigMap dashboard = production.named(ConfigMap.class, "social-maturity-dashboard");
        assertEquals("1", dashboard.getMetadata().getLabels().get("grafana_dashboard"));
        JsonNode json = new ObjectMapper().readTree(dashboard.getData().get("social-maturity.json"));
        assertEquals("social-maturity", json.path("uid").asText());
        Set<String> titles = new TreeSet<>();
        List<String> unqueried = new ArrayList<>();
        for (JsonNode panel : json.path("panels")) {
            titles.add(panel.path("title").asText());
            if (panel.path("targets").isEmpty()) {
                unqueried.add(panel.path("title").asText());
            }
            for (JsonNode target : panel.path("targets")) {
                assertFalse(PromQl.metrics(target.path("expr").asText()).isEmpty(), panel.path("title").asText());
            }
        }
        assertEquals(List.of(), unqueried);
        for (String wanted : List.of("Answers recorded", "latency by route", "Processor lag", "Dead letters",
                "Webhook delivery attempts by outcome", "outbox depth", "Rebuild")) {
            assertTrue(titles.stream().anyMatch(t -> t.contains(wanted)), "no panel on " + wanted + ": " + titles);
        }
    }

    @Test
    void aLaptopClusterGetsNoneOfItForItHasNoPrometheusOperator() throws Exception {
        Rendered local = Rendered.overlay("local");
        assertEquals(List.of(), local.all(ServiceMonitor.class));
        assertEquals(List.of(), local.all(PrometheusRule.class));
    }
}
