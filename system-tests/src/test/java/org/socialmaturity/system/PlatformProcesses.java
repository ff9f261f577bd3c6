package org.socialmaturity.system;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.socialmaturity.localmongo.LocalMongo;

/**
 * The platform as it runs for real: mongo-java-server, and each service's packaged application in its own JVM,
 * all on loopback. Logs go to {@code target/system-logs/}.
 */
public final class PlatformProcesses implements AutoCloseable {

    private final LocalMongo mongo = LocalMongo.inMemory();
    private final List<Process> processes = new ArrayList<>();
    private final Path logs = Path.of("target", "system-logs");

    public PlatformProcesses() throws IOException {
        Files.createDirectories(logs);
    }

    /** Starts a service and waits until it is ready; returns its base URL. */
    public String start(String module, String instance, Map<String, String> settings) throws Exception {
        Path jar = Path.of("..", module, "target", "quarkus-app", "quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build the services first (./mvnw verify builds all)");
        }
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve(instance + ".log").toFile());
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        builder.environment().put("MONGODB_URI", mongo.connectionString());
        builder.environment().putAll(settings);
        processes.add(builder.start());
        String url = "http://127.0.0.1:" + port;
        awaitReady(url, instance);
        return url;
    }

    private void awaitReady(String url, String instance) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(url + "/q/health/ready"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(instance + " was not ready within 60 s; see " + logs.resolve(instance + ".log"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        processes.forEach(Process::destroy);
        for (Process process : processes) {
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        mongo.close();
    }
}
