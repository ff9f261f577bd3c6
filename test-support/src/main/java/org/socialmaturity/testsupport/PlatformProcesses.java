package org.socialmaturity.testsupport;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.socialmaturity.localmongo.LocalMongo;

/**
 * The platform as it runs for real: mongo-java-server, and each service's packaged application in its own JVM,
 * all on loopback. Logs go to {@code target/system-logs/}.
 */
public final class PlatformProcesses implements AutoCloseable {

    /** Where the modules' directories are, relative to the working directory: {@code ..} from a module, as in tests. */
    public static final String MODULES = "platform.modules";
    private static final String TEST_WEBHOOK_SECRET_KEY = "cGxhdGZvcm0tcHJvY2Vzc2VzLXRlc3Qta2V5LTMyYiE=";
    /** The operator's key every process gets unless a test's settings say otherwise (production refuses the default). */
    public static final String ADMIN_KEY = "platform-processes-admin-key";
    /** The seed of the key that signs checkpoints and dossiers in every process (base64 of 32 bytes; a test value). */
    public static final String CHECKPOINT_SIGNING_KEY = "cGxhdGZvcm0tcHJvY2Vzc2VzLWNoZWNrcG9pbnQta2U=";
    /** The gateway's secret every process gets unless a test's settings say otherwise: a direct call must send it. */
    public static final String GATEWAY_SECRET = "platform-processes-gateway-secret";

    private final LocalMongo mongo;
    private final List<Process> processes = new ArrayList<>();
    private final Map<String, Launched> launched = new java.util.HashMap<>();
    private final Path logs = Path.of("target", "system-logs");
    private final Path mongoData;
    private final String mongoHeap;
    private final int mongoPort;
    private Process mongoProcess;

    /** The services on an in-memory mongo-java-server inside the test's own JVM. */
    public PlatformProcesses() throws IOException {
        Files.createDirectories(logs);
        this.mongo = LocalMongo.inMemory();
        this.mongoData = null;
        this.mongoHeap = null;
        this.mongoPort = -1;
    }

    private PlatformProcesses(Path mongoData, String mongoHeap) throws IOException {
        Files.createDirectories(logs);
        this.mongo = null;
        this.mongoData = mongoData;
        this.mongoHeap = mongoHeap;
        this.mongoPort = freePort();
        startMongo();
    }

    /**
     * The services on local-mongo as the platform runs it: file-backed and durable, in a process of its own that a
     * test can kill ({@link #killMongo()}) and start again on the same file and port ({@link #startMongo()}).
     */
    public static PlatformProcesses onLocalMongoProcess(Path dataFile) throws IOException {
        return new PlatformProcesses(dataFile, null);
    }

    /** The services on local-mongo in memory, in a process of its own with this much heap: for large benchmarks. */
    public static PlatformProcesses onMemoryMongoProcess(String heap) throws IOException {
        return new PlatformProcesses(null, heap);
    }

    /** Starts the local-mongo process (again) and waits until it accepts connections. */
    public void startMongo() throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        if (mongoHeap != null) {
            command.add("-Xmx" + mongoHeap);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LocalMongo.class.getName(),
                "--port", String.valueOf(mongoPort)));
        command.addAll(mongoData == null ? List.of("--memory") : List.of("--data", mongoData.toString()));
        mongoProcess = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve("local-mongo.log").toFile()))
                .start();
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", mongoPort)) {
                return;
            } catch (IOException notYet) {
                if (!mongoProcess.isAlive() || System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("local-mongo did not start; see " + logs.resolve("local-mongo.log"));
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
        }
    }

    /** {@code kill -9} of the local-mongo process: whatever it did not put on disk is gone. */
    public void killMongo() throws InterruptedException {
        mongoProcess.destroyForcibly();
        mongoProcess.waitFor();
    }

    /** Starts a service and waits until it is ready; returns its base URL. */
    public String start(String module, String instance, Map<String, String> settings) throws Exception {
        return launch(module, instance, settings, freePort());
    }

    /**
     * Starts assessment-, scoring- and recommendation-service, one instance each named as its module, with the same
     * settings; returns their base URLs by short name (assessment, scoring, recommendation).
     */
    public Map<String, String> startServices(Map<String, String> settings) throws Exception {
        Map<String, String> urls = new LinkedHashMap<>();
        for (String service : List.of("assessment", "scoring", "recommendation")) {
            urls.put(service, start(service + "-service", service + "-service", settings));
        }
        return urls;
    }

    /** Kills a service instance as {@code kill -9} does: no shutdown hook, no released claim, nothing flushed. */
    public void kill(String instance) throws InterruptedException {
        Process process = launched.get(instance).process();
        process.destroyForcibly();
        process.waitFor();
    }

    /** Freezes an instance ({@code kill -STOP}): it keeps its connections open and answers nothing. */
    public void freeze(String instance) throws Exception {
        signal(instance, "STOP");
    }

    /** Lets a frozen instance go on ({@code kill -CONT}). */
    public void thaw(String instance) throws Exception {
        signal(instance, "CONT");
    }

    private void signal(String instance, String signal) throws Exception {
        long pid = launched.get(instance).process().pid();
        int exit = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).inheritIO().start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("kill -" + signal + " " + pid + " failed with " + exit);
        }
    }

    /** Starts a killed instance again, on the same port (and so with the same token-claim node id). */
    public void restart(String instance) throws Exception {
        Launched before = launched.get(instance);
        launch(before.module(), instance, before.settings(), before.port());
    }

    public String mongoUri() {
        return mongo != null ? mongo.connectionString() : "mongodb://127.0.0.1:" + mongoPort;
    }

    /**
     * Starts a service that is expected to refuse to start, and waits (at most a minute) for it to exit; returns its
     * exit code and what it logged.
     */
    public Exited startExpectingExit(String module, String instance, Map<String, String> settings) throws Exception {
        Process process = spawn(module, instance, settings, freePort());
        processes.add(process);
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new IllegalStateException(instance + " still runs after 60 s; see " + logs.resolve(instance + ".log"));
        }
        return new Exited(process.exitValue(), Files.readString(logs.resolve(instance + ".log")));
    }

    public record Exited(int code, String log) {
    }

    private String launch(String module, String instance, Map<String, String> settings, int port) throws Exception {
        Process process = spawn(module, instance, settings, port);
        processes.add(process);
        launched.put(instance, new Launched(module, settings, port, process));
        String url = "http://127.0.0.1:" + port;
        awaitReady(url, instance);
        return url;
    }

    private Process spawn(String module, String instance, Map<String, String> settings, int port) throws IOException {
        Path jar = Path.of(System.getProperty(MODULES, ".."), module, "target", "quarkus-app", "quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build the services first (./mvnw verify builds all)");
        }
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(instance + ".log").toFile()));
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        builder.environment().put("MONGODB_URI", mongoUri());
        // Production profile: the services and the gateway refuse to start without the shared secrets, and
        // recommendation-service without the key that seals webhook secrets (test values here).
        builder.environment().put("PLATFORM_WEBHOOK_SECRET_KEY", TEST_WEBHOOK_SECRET_KEY);
        builder.environment().put("PLATFORM_ADMIN_KEY", ADMIN_KEY);
        builder.environment().put("PLATFORM_GATEWAY_SECRET", GATEWAY_SECRET);
        builder.environment().put("PLATFORM_CHECKPOINTS_SIGNING_KEY", CHECKPOINT_SIGNING_KEY);
        builder.environment().putAll(settings);
        return builder.start();
    }

    private record Launched(String module, Map<String, String> settings, int port, Process process) {
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
        if (mongo != null) {
            mongo.close();
        }
        if (mongoProcess != null) {
            mongoProcess.destroy();
        }
    }
}
