package org.socialmaturity.localmongo;

/**
 * For tests: retries an assertion about something that catches up asynchronously (a projection, another process)
 * until it holds or a deadline passes.
 */
public final class Eventually {

    private Eventually() {
    }

    public static void holds(Runnable assertion) {
        holds(assertion, 20_000);
    }

    public static void holds(Runnable assertion, long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError e) {
                if (System.currentTimeMillis() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
