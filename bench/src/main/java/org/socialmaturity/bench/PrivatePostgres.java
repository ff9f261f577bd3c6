package org.socialmaturity.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL of the benchmark's own, from the binaries of Debian's {@code postgresql} package: a cluster made with
 * initdb in a temporary directory, listening on 127.0.0.1 and a free port only (its unix socket in that directory, not
 * in the system's), stopped and deleted on {@link #close()} or, should the benchmark be interrupted, at JVM exit. Its
 * settings are PostgreSQL's defaults, as an application would first run it: every commit waits for its WAL on disk.
 */
final class PrivatePostgres implements AutoCloseable {

    static final String INSTALL_HINT = "apt-get update && apt-get install -y postgresql";

    /** initdb refuses to run as root; the Debian package creates this user. */
    private static final String SERVICE_USER = "postgres";
    private static final Path DEBIAN_INSTALLS = Path.of("/usr/lib/postgresql");
    private static final long COMMAND_TIMEOUT_SECONDS = 120;

    private final Path bin;
    private final Path directory;
    private final int port;
    private final Thread stopAtExit = new Thread(this::stop, "stop-private-postgres");
    private boolean running;

    private PrivatePostgres(Path bin, Path directory, int port) {
        this.bin = bin;
        this.directory = directory;
        this.port = port;
    }

    /** The bin directory of the newest installed major version, if any. */
    static Optional<Path> installedBinaries() {
        if (!Files.isDirectory(DEBIAN_INSTALLS)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(DEBIAN_INSTALLS)) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl")))
                    .max(Comparator.comparingInt(PrivatePostgres::majorVersion));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int majorVersion(Path bin) {
        String name = bin.getParent().getFileName().toString();
        return name.matches("\\d+") ? Integer.parseInt(name) : 0;
    }

    static PrivatePostgres start(Path bin, int port) throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory("bench-postgres-");
        if (runningAsRoot()) {
            Files.setOwner(directory, serviceUser());
        }
        PrivatePostgres postgres = new PrivatePostgres(bin, directory, port);
        try {
            postgres.run("initdb", "-D", postgres.data(), "-U", SERVICE_USER, "--auth=trust", "--encoding=UTF8",
                    "--no-locale");
            // From here on a server may be up, even if pg_ctl then reports a failure: stop it in any case.
            Runtime.getRuntime().addShutdownHook(postgres.stopAtExit);
            postgres.running = true;
            postgres.run("pg_ctl", "-D", postgres.data(), "-l", directory.resolve("server.log").toString(), "-w",
                    "-o", "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1", "start");
            return postgres;
        } catch (IOException | InterruptedException | RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    /** PostgreSQL's major version, as installed: 15 for /usr/lib/postgresql/15/bin. */
    int majorVersion() {
        return majorVersion(bin);
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    String user() {
        return SERVICE_USER;
    }

    void createDatabase(String name) throws SQLException {
        administer("CREATE DATABASE " + name);
    }

    /** Drops it even if a connection is left open, as one of a measurement given up on may be (PostgreSQL 13+). */
    void dropDatabase(String name) throws SQLException {
        administer("DROP DATABASE " + name + " WITH (FORCE)");
    }

    private void administer(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), SERVICE_USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException | IllegalArgumentException alreadyExitingOrNeverAdded) {
            // nothing to undo
        }
    }

    private synchronized void stop() {
        try {
            if (running) {
                running = false;
                run("pg_ctl", "-D", data(), "-m", "fast", "-w", "stop");
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            System.err.println("PostgreSQL did not stop cleanly (" + e.getMessage() + "); its files are in " + directory);
            return;
        }
        deleteDirectory();
    }

    private void deleteDirectory() {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            System.err.println("could not delete " + directory + ": " + e.getMessage());
        }
    }

    private String data() {
        return directory.resolve("data").toString();
    }

    /** Runs one of PostgreSQL's programs, as the service user when we are root; its output goes to commands.log. */
    private void run(String program, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (runningAsRoot()) {
            command.addAll(List.of("runuser", "-u", SERVICE_USER, "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        Path log = directory.resolve("commands.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(program + " did not finish within " + COMMAND_TIMEOUT_SECONDS + " s");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (exit " + process.exitValue()
                    + "):\n" + Files.readString(log));
        }
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static UserPrincipal serviceUser() throws IOException {
        try {
            return Path.of("/").getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(SERVICE_USER);
        } catch (UserPrincipalNotFoundException e) {
            throw new IllegalStateException("running as root, PostgreSQL needs the user " + SERVICE_USER
                    + ", which its Debian package creates: " + INSTALL_HINT, e);
        }
    }
}
