package org.socialmaturity.k8s;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** An overlay rendered by {@code kubectl kustomize}, parsed into fabric8's typed Kubernetes models. */
final class Rendered {

    final String overlay;
    final String yaml;
    final List<HasMetadata> objects;

    private Rendered(String overlay, String yaml, List<HasMetadata> objects) {
        this.overlay = overlay;
        this.yaml = yaml;
        this.objects = objects;
    }

    static Rendered overlay(String name) throws IOException, InterruptedException {
        Process kubectl;
        try {
            kubectl = new ProcessBuilder("kubectl", "kustomize", "overlays/" + name).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("kubectl is needed to render the overlays (it bundles kustomize); "
                    + "install it, e.g. from Debian's kubernetes-client package", e);
        }
        String output = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!kubectl.waitFor(60, TimeUnit.SECONDS) || kubectl.exitValue() != 0) {
            throw new IllegalStateException("kubectl kustomize overlays/" + name + " failed:\n" + output);
        }
        List<HasMetadata> objects = new ArrayList<>();
        Object parsed = new KubernetesSerialization().unmarshal(
                new ByteArrayInputStream(output.getBytes(StandardCharsets.UTF_8)));
        if (parsed instanceof KubernetesList list) {
            objects.addAll(list.getItems());
        } else if (parsed instanceof List<?> list) {
            list.forEach(o -> objects.add((HasMetadata) o));
        } else {
            objects.add((HasMetadata) parsed);
        }
        return new Rendered(name, output, objects);
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> T named(Class<T> type, String name) {
        return all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(overlay + " renders no " + type.getSimpleName() + " " + name));
    }
}
