package org.socialmaturity.testsupport;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * How long the platform's tests wait for what catches up asynchronously (a projection, another process): at most 20 s,
 * looking again every 50 ms, on the test's own thread (what it asserts may need the test's thread-bound state). Set
 * once per test run, before any test, so that every {@code await()} means the same ({@link QuarkusAwaitilityDefaults}
 * sets them for the copy of Awaitility that {@code @QuarkusTest}s see through Quarkus's class loader).
 */
public class AwaitilityDefaults implements LauncherSessionListener {

    public static final Duration AT_MOST = Duration.ofSeconds(20);
    public static final Duration POLL_EVERY = Duration.ofMillis(50);

    /** For plain tests: JUnit's class loader. */
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        apply();
    }

    static void apply() {
        Awaitility.setDefaultTimeout(AT_MOST);
        Awaitility.setDefaultPollInterval(POLL_EVERY);
        Awaitility.setDefaultPollDelay(Duration.ZERO);
        Awaitility.pollInSameThread();
    }
}
