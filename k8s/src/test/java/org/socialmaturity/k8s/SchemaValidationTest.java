package org.socialmaturity.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayInputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Every object both overlays render is a known Kubernetes kind and maps onto its typed model (fabric8, Kubernetes
 * 1.32 API) with no field left over: a misspelt or misplaced field fails here, offline, instead of being dropped
 * by a cluster.
 */
class SchemaValidationTest {

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void everyRenderedObjectIsATypedKubernetesObjectWithoutUnknownFields(String overlay) throws Exception {
        Rendered rendered = Rendered.overlay(overlay);
        assertFalse(rendered.objects.isEmpty(), overlay + " renders nothing");
        List<String> problems = new ArrayList<>();
        for (HasMetadata object : rendered.objects) {
            String where = object.getKind() + "/" + object.getMetadata().getName();
            if (object instanceof GenericKubernetesResource) {
                problems.add(where + " is not a kind of the Kubernetes API");
            }
            unknownFields(object, where, problems);
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void theValidatorCatchesAMisspeltAndAMisplacedField() {
        String manifest = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: broken
                spec:
                  replicas: 1
                  selector:
                    matchLabels: {app: broken}
                  template:
                    metadata:
                      labels: {app: broken}
                    spec:
                      containers:
                        - name: app
                          image: app
                          livenessprobe:
                            httpGet: {path: /q/health/live, port: 8080}
                          resources:
                            limit: {cpu: "1"}
                """;
        HasMetadata object = new KubernetesSerialization().unmarshal(
                new ByteArrayInputStream(manifest.getBytes(StandardCharsets.UTF_8)));
        List<String> problems = new ArrayList<>();
        unknownFields(object, "Deployment/broken", problems);
        assertEquals(java.util.Set.of(
                "Deployment/broken.spec.template.spec.containers[0]: unknown [livenessprobe]",
                "Deployment/broken.spec.template.spec.containers[0].resources: unknown [limit]"),
                java.util.Set.copyOf(problems));
    }

    /** Walks a typed model; whatever Jackson could not map lands in an object's additionalProperties. */
    static void unknownFields(Object value, String path, List<String> problems) {
        if (value == null) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> unknownFields(item, path + "." + key, problems));
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", problems);
            }
            return;
        }
        Class<?> type = value.getClass();
        if (!type.getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : type.getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object property;
            try {
                property = getter.invoke(value);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (property instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add(path + ": unknown " + extra.keySet());
                }
                continue;
            }
            String name = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
            unknownFields(property, path + "." + name, problems);
        }
    }
}
