package org.socialmaturity.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/** What an operator relies on, checked on both rendered overlays. */
class InvariantsTest {

    private static final Set<String> SERVICES = Set.of("assessment-service", "scoring-service",
            "recommendation-service", "gateway");
    private static final Set<String> BEHIND_THE_GATEWAY = Set.of("assessment-service", "scoring-service",
            "recommendation-service");
    private static final Pattern SENSITIVE = Pattern.compile(".*(MONGO|PASSWORD|SECRET|KEY).*");
    private static final String MONGODB_CLIENT = "platform.social-maturity/mongodb-client";

    private static Rendered local;
    private static Rendered production;

    @BeforeAll
    static void render() throws Exception {
        local = Rendered.overlay("local");
        production = Rendered.overlay("production");
    }

    private static Rendered of(String overlay) {
        return overlay.equals("local") ? local : production;
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void everyServiceIsProbedLimitedAndUnprivileged(String overlay) {
        Rendered rendered = of(overlay);
        assertEquals(SERVICES, rendered.all(Deployment.class).stream().map(d -> d.getMetadata().getName())
                .collect(Collectors.toSet()));
        for (Deployment deployment : rendered.all(Deployment.class)) {
            String name = deployment.getMetadata().getName();
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertEquals("/q/health/live", container.getLivenessProbe().getHttpGet().getPath(), name);
            assertEquals("/q/health/ready", container.getReadinessProbe().getHttpGet().getPath(), name);
            assertTrue(deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds() >= 30,
                    name + " has time to finish requests and release its token claims");
        }
        for (PodTemplateSpec pod : podTemplates(rendered)) {
            String name = pod.getMetadata().getLabels().get("app.kubernetes.io/name");
            PodSpec spec = pod.getSpec();
            assertEquals(Boolean.TRUE, spec.getSecurityContext().getRunAsNonRoot(), name + " runs as non-root");
            for (Container container : Stream.concat(spec.getContainers().stream(),
                    spec.getInitContainers().stream()).toList()) {
                String where = name + "/" + container.getName();
                assertNotNull(container.getResources().getRequests().get("cpu"), where + " requests cpu");
                assertNotNull(container.getResources().getRequests().get("memory"), where + " requests memory");
                assertNotNull(container.getResources().getLimits().get("cpu"), where + " limits cpu");
                assertNotNull(container.getResources().getLimits().get("memory"), where + " limits memory");
                assertEquals(Boolean.FALSE, container.getSecurityContext().getAllowPrivilegeEscalation(), where);
                assertEquals(Boolean.TRUE, container.getSecurityContext().getReadOnlyRootFilesystem(), where);
                assertEquals(List.of("ALL"), container.getSecurityContext().getCapabilities().getDrop(), where);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void onlyTheGatewayIsReachableFromOutside(String overlay) {
        Rendered rendered = of(overlay);
        for (Service service : rendered.all(Service.class)) {
            assertEquals("ClusterIP", service.getSpec().getType() == null ? "ClusterIP" : service.getSpec().getType(),
                    service.getMetadata().getName() + " is not exposed outside the cluster");
        }
        List<Ingress> ingresses = rendered.all(Ingress.class);
        assertEquals(1, ingresses.size());
        for (IngressRule rule : ingresses.get(0).getSpec().getRules()) {
            rule.getHttp().getPaths().forEach(path ->
                    assertEquals("gateway", path.getBackend().getService().getName()));
        }

        NetworkPolicy denyAll = rendered.named(NetworkPolicy.class, "default-deny-ingress");
        assertTrue(denyAll.getSpec().getPodSelector().getMatchLabels() == null
                || denyAll.getSpec().getPodSelector().getMatchLabels().isEmpty(), "deny applies to every pod");
        assertTrue(denyAll.getSpec().getIngress() == null || denyAll.getSpec().getIngress().isEmpty());

        NetworkPolicy services = rendered.named(NetworkPolicy.class, "services-from-gateway");
        assertEquals(BEHIND_THE_GATEWAY, Set.copyOf(services.getSpec().getPodSelector().getMatchExpressions().get(0)
                .getValues()));
        List<NetworkPolicyPeer> peers = services.getSpec().getIngress().stream()
                .flatMap(rule -> rule.getFrom().stream()).toList();
        for (NetworkPolicyPeer peer : peers) {
            boolean gateway = peer.getPodSelector() != null && peer.getNamespaceSelector() == null
                    && Map.of("app.kubernetes.io/name", "gateway").equals(peer.getPodSelector().getMatchLabels());
            boolean monitoring = peer.getPodSelector() == null && peer.getNamespaceSelector() != null
                    && Map.of("kubernetes.io/metadata.name", "monitoring")
                    .equals(peer.getNamespaceSelector().getMatchLabels());
            assertTrue(gateway || monitoring, "services only from the gateway (or Prometheus): " + peer);
        }

        NetworkPolicy mongodb = rendered.named(NetworkPolicy.class, "mongodb-from-services");
        List<Map<String, String>> allowed = mongodb.getSpec().getIngress().stream()
                .flatMap(rule -> rule.getFrom().stream()).map(peer -> peer.getPodSelector().getMatchLabels()).toList();
        assertEquals(List.of(Map.of(MONGODB_CLIENT, "true"), Map.of("app.kubernetes.io/name", "mongodb")), allowed);
        // The gateway keeps partners and key hashes in its own database, so it is a client like the services.
        rendered.all(Deployment.class).forEach(deployment -> assertEquals("true",
                deployment.getSpec().getTemplate().getMetadata().getLabels().get(MONGODB_CLIENT),
                deployment.getMetadata().getName() + " reaches MongoDB"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void theIngressRoutesTheApiAndDashboardButNeverHealthOrMetrics(String overlay) {
        Ingress ingress = of(overlay).all(Ingress.class).get(0);
        List<String> routed = new ArrayList<>();
        for (IngressRule rule : ingress.getSpec().getRules()) {
            rule.getHttp().getPaths().forEach(path -> {
                routed.add(path.getPath());
                for (String internal : List.of("/q/health/ready", "/q/health", "/q/metrics")) {
                    boolean matches = "Exact".equals(path.getPathType()) ? internal.equals(path.getPath())
                            : internal.equals(path.getPath()) || internal.startsWith(
                                    path.getPath().endsWith("/") ? path.getPath() : path.getPath() + "/");
                    assertFalse(matches, path.getPathType() + " " + path.getPath() + " would route " + internal);
                }
            });
        }
        assertTrue(routed.containsAll(List.of("/api", "/dashboard", "/", "/q/openapi")), routed.toString());
    }

    @Test
    void productionStreamsServerSentEventsThroughTheIngress() {
        Map<String, String> annotations = production.all(Ingress.class).get(0).getMetadata().getAnnotations();
        assertEquals("off", annotations.get("nginx.ingress.kubernetes.io/proxy-buffering"));
        assertTrue(Integer.parseInt(annotations.get("nginx.ingress.kubernetes.io/proxy-read-timeout")) >= 3600);
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void podsReachOnlyWhatTheyNeedAndOnlyRecommendationReachesTheInternet(String overlay) {
        Rendered rendered = of(overlay);
        NetworkPolicy denyEgress = rendered.named(NetworkPolicy.class, "default-deny-egress");
        assertEquals(List.of("Egress"), denyEgress.getSpec().getPolicyTypes());
        assertTrue(denyEgress.getSpec().getPodSelector().getMatchLabels() == null
                || denyEgress.getSpec().getPodSelector().getMatchLabels().isEmpty(), "deny applies to every pod");
        assertTrue(denyEgress.getSpec().getEgress() == null || denyEgress.getSpec().getEgress().isEmpty());

        List<NetworkPolicy> toAddresses = rendered.all(NetworkPolicy.class).stream()
                .filter(policy -> policy.getSpec().getEgress() != null && policy.getSpec().getEgress().stream()
                        .flatMap(rule -> rule.getTo().stream()).anyMatch(peer -> peer.getIpBlock() != null))
                .toList();
        assertEquals(List.of("webhooks-to-the-internet"),
                toAddresses.stream().map(policy -> policy.getMetadata().getName()).toList());
        NetworkPolicy internet = toAddresses.get(0);
        assertEquals(Map.of("app.kubernetes.io/name", "recommendation-service"),
                internet.getSpec().getPodSelector().getMatchLabels());
        internet.getSpec().getEgress().forEach(rule -> {
            assertEquals(Set.of(80, 443), rule.getPorts().stream().map(port -> port.getPort().getIntVal())
                    .collect(Collectors.toSet()));
            rule.getTo().forEach(peer -> {
                List<String> except = peer.getIpBlock().getExcept();
                assertTrue(except.contains("10.0.0.0/8") || except.contains("fc00::/7"),
                        "the cluster's private ranges stay out of reach: " + except);
            });
        });
        NetworkPolicy dns = rendered.named(NetworkPolicy.class, "dns-for-everyone");
        assertTrue(dns.getSpec().getPodSelector().getMatchLabels() == null
                || dns.getSpec().getPodSelector().getMatchLabels().isEmpty());
        assertEquals(Set.of(53), dns.getSpec().getEgress().get(0).getPorts().stream()
                .map(port -> port.getPort().getIntVal()).collect(Collectors.toSet()));
        NetworkPolicy mongodb = rendered.named(NetworkPolicy.class, "mongodb-clients-to-mongodb");
        assertEquals(Map.of(MONGODB_CLIENT, "true"), mongodb.getSpec().getPodSelector().getMatchLabels());
        NetworkPolicy traces = rendered.named(NetworkPolicy.class, "traces-to-the-collector");
        assertEquals(1, traces.getSpec().getEgress().size());
        traces.getSpec().getEgress().get(0).getTo().forEach(peer -> {
            assertEquals(Map.of("kubernetes.io/metadata.name", "monitoring"),
                    peer.getNamespaceSelector().getMatchLabels(), "traces go to the monitoring namespace only");
            assertEquals(null, peer.getIpBlock());
        });
        assertEquals(Set.of(4317, 4318), traces.getSpec().getEgress().get(0).getPorts().stream()
                .map(port -> port.getPort().getIntVal()).collect(Collectors.toSet()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void credentialsComeOnlyFromSecrets(String overlay) {
        Rendered rendered = of(overlay);
        for (PodTemplateSpec pod : podTemplates(rendered)) {
            for (Container container : pod.getSpec().getContainers()) {
                for (EnvVar env : container.getEnv()) {
                    if (SENSITIVE.matcher(env.getName()).matches() && !env.getName().equals("MEMBERS")) {
                        assertTrue(env.getValue() == null && env.getValueFrom() != null
                                        && env.getValueFrom().getSecretKeyRef() != null,
                                env.getName() + " of " + container.getName() + " comes from a Secret");
                    }
                }
                boolean usesMongo = container.getEnv().stream().anyMatch(e -> e.getName().equals("MONGODB_URI"));
                if (usesMongo) {
                    assertEquals("true", pod.getMetadata().getLabels().get(MONGODB_CLIENT),
                            container.getName() + " may reach MongoDB");
                }
            }
        }
        for (ConfigMap config : rendered.all(ConfigMap.class)) {
            config.getData().forEach((key, value) -> {
                assertFalse(SENSITIVE.matcher(key).matches(), "ConfigMap key " + key + " belongs in a Secret");
                assertFalse(value.contains("mongodb://"), "ConfigMap " + key + " holds a connection string");
            });
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void noPodMountsAServiceAccountTokenItDoesNotUse(String overlay) {
        for (PodTemplateSpec pod : podTemplates(of(overlay))) {
            assertEquals(Boolean.FALSE, pod.getSpec().getAutomountServiceAccountToken(),
                    pod.getMetadata().getLabels().get("app.kubernetes.io/name") + " mounts no API token");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void eachServiceConnectsToMongoDbAsItsOwnUserWithTheLeastRoles(String overlay) {
        Rendered rendered = of(overlay);
        Container init = rendered.named(Job.class, "mongodb-init").getSpec().getTemplate().getSpec().getContainers()
                .get(0);
        String script = String.join("\n", init.getArgs());
        for (String service : SERVICES) {
            Container container = rendered.named(Deployment.class, service).getSpec().getTemplate().getSpec()
                    .getContainers().get(0);
            String user = "mongodb-user-" + service;
            assertEquals(user, secretOf(container, "MONGODB_URI"), service + " connects with its own credentials");
            String password = service.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_PASSWORD";
            assertEquals(user, secretOf(init, password), "the init job sets " + service + "'s password");
            assertTrue(script.contains("user('" + service + "', process.env." + password + ","),
                    "the init job creates the user " + service);
        }
        assertTrue(script.contains("user('gateway', process.env.GATEWAY_PASSWORD, [{role: 'readWrite', db: "
                + "'gateway'}]);"), "the gateway reaches its own database only");
        assertTrue(script.contains("{resource: {db: 'platform-events', collection: 'commits'}, actions: ['find', "
                + "'insert', 'createIndex']}"), "the event store is append-only for the services");
        assertTrue(script.contains("{resource: {db: 'platform-events', collection: 'checkpoints'}, actions: ['find', "
                + "'insert', 'createIndex']}"), "signed checkpoints are kept, never changed");
        assertTrue(script.contains("{resource: {db: 'platform-events', collection: 'attachments'}, actions: ['find', "
                + "'insert']}"), "evidence attachments are kept, never changed");
        assertEquals(5, script.split("db: 'platform-events'", -1).length - 1,
                "the event store appears in the appender role's five privileges only, in no user's roles");
        assertTrue(script.contains("{resource: {db: 'platform-keys', collection: 'subject_keys'}, actions: ['find', "
                + "'createIndex']}"), "scoring opens sealed personal data, never makes or destroys a key");
        assertTrue(script.contains("[events, {role: keyKeeper.role, db: 'admin'}, {role: 'readWrite', db: "
                + "'recommendation'}]"), "recommendation-service makes keys to seal roadmap owners with");
        assertTrue(script.contains("--host \"rs0/"), "users are created on the primary, wherever it is");
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void workloadsHaveDisruptionBudgetsAndTheEntryPointsAutoscale(String overlay) {
        Rendered rendered = of(overlay);
        Set<String> budgeted = rendered.all(PodDisruptionBudget.class).stream()
                .map(p -> p.getSpec().getSelector().getMatchLabels().get("app.kubernetes.io/name"))
                .collect(Collectors.toSet());
        Set<String> workloads = Stream.concat(rendered.all(Deployment.class).stream(),
                rendered.all(StatefulSet.class).stream()).map(w -> w.getMetadata().getName()).collect(Collectors.toSet());
        assertEquals(workloads, budgeted);
        assertEquals(Set.of("gateway", "assessment-service"), rendered.all(HorizontalPodAutoscaler.class).stream()
                .map(h -> h.getSpec().getScaleTargetRef().getName()).collect(Collectors.toSet()));
        StatefulSet mongodb = rendered.named(StatefulSet.class, "mongodb");
        assertEquals("mongodb", mongodb.getSpec().getServiceName());
        assertEquals("None", rendered.named(Service.class, "mongodb").getSpec().getClusterIP(), "headless");
        assertFalse(mongodb.getSpec().getVolumeClaimTemplates().isEmpty(), "MongoDB data on persistent volumes");
        assertTrue(mongodb.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()
                .contains("--keyFile=/etc/mongodb-keyfile/keyfile"), "replica set members authenticate by keyfile");
    }

    @Test
    void productionRunsEverythingTwiceAndMongoDbThrice() {
        StatefulSet mongodb = production.named(StatefulSet.class, "mongodb");
        assertEquals(3, mongodb.getSpec().getReplicas());
        assertEquals("3", env(production.named(Job.class, "mongodb-init").getSpec().getTemplate().getSpec()
                .getContainers().get(0), "MEMBERS"), "the init job adds every member to the replica set");
        for (Deployment deployment : production.all(Deployment.class)) {
            assertTrue(deployment.getSpec().getReplicas() >= 2, deployment.getMetadata().getName());
            String image = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
            assertTrue(image.matches(".+:[0-9][\\w.-]*"), "a pinned image tag: " + image);
        }
        for (String processor : List.of("scoring-service", "recommendation-service")) {
            Deployment deployment = production.named(Deployment.class, processor);
            int segments = Integer.parseInt(env(deployment.getSpec().getTemplate().getSpec().getContainers().get(0),
                    "PLATFORM_AXON_PROCESSOR_INITIAL_SEGMENTS"));
            assertTrue(segments >= deployment.getSpec().getReplicas(), processor + ": a segment for every replica");
        }
        production.all(HorizontalPodAutoscaler.class).forEach(h -> assertTrue(h.getSpec().getMinReplicas() >= 2));
        assertEquals("gateway-tls", production.all(Ingress.class).get(0).getSpec().getTls().get(0).getSecretName());
        assertEquals(List.of(), production.all(Secret.class), "production brings its own Secrets");
        assertNull(production.named(ConfigMap.class, "platform-config").getData()
                .get("PLATFORM_DEVELOPMENT_CREDENTIALS_ALLOWED"), "production refuses the published placeholders");
    }

    @Test
    void localRunsOneOfEachWithClearlyMarkedDevelopmentSecrets() {
        assertEquals(1, local.named(StatefulSet.class, "mongodb").getSpec().getReplicas());
        local.all(Deployment.class).forEach(d -> assertEquals(1, d.getSpec().getReplicas()));
        List<Secret> secrets = local.all(Secret.class);
        assertEquals(Set.of("platform-secrets", "mongodb-credentials", "mongodb-keyfile",
                        "mongodb-user-assessment-service", "mongodb-user-scoring-service",
                        "mongodb-user-recommendation-service", "mongodb-user-gateway"),
                secrets.stream().map(s -> s.getMetadata().getName()).collect(Collectors.toSet()));
        secrets.forEach(s -> assertEquals("true",
                s.getMetadata().getLabels().get("platform.social-maturity/development-only")));
        assertEquals("true", local.named(ConfigMap.class, "platform-config").getData()
                .get("PLATFORM_DEVELOPMENT_CREDENTIALS_ALLOWED"), "the services start with the placeholders here only");
    }

    private static List<PodTemplateSpec> podTemplates(Rendered rendered) {
        List<PodTemplateSpec> pods = new ArrayList<>();
        rendered.all(Deployment.class).forEach(d -> pods.add(d.getSpec().getTemplate()));
        rendered.all(StatefulSet.class).forEach(s -> pods.add(s.getSpec().getTemplate()));
        rendered.all(Job.class).forEach(j -> pods.add(j.getSpec().getTemplate()));
        return pods;
    }

    private static String secretOf(Container container, String variable) {
        return container.getEnv().stream().filter(e -> e.getName().equals(variable))
                .map(e -> e.getValueFrom().getSecretKeyRef().getName()).findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " has no " + variable));
    }

    private static String env(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue).findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " has no " + name));
    }
}
