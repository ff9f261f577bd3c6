package org.socialmaturity.testsupport;

import io.quarkus.test.junit.callback.QuarkusTestBeforeClassCallback;

/**
 * {@link AwaitilityDefaults} for {@code @QuarkusTest}s: they see Awaitility through Quarkus's class loader, a copy of
 * its own, whose defaults are set here before each test class (a class of its own, so that plain test runs without
 * Quarkus on their class path never load it).
 */
public class QuarkusAwaitilityDefaults implements QuarkusTestBeforeClassCallback {

    @Override
    public void beforeClass(Class<?> testClass) {
        AwaitilityDefaults.apply();
    }
}
