package org.socialmaturity.eventstore;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;
import org.socialmaturity.eventstore.mongo.GlobalSequenceEventStorageEngine;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Wakes this process's tracking readers as soon as another process appends, instead of after their poll
 * ({@code fetch-delay}): it asks the store every {@code commit-probe-interval} whether the index after the last one it
 * saw holds a commit (one lookup by id) and, when it does, tells the event store. Appends of this process wake its
 * readers by themselves; the readers' poll stays as the fallback (a commit behind a hole, a probe that failed).
 */
@Singleton
public class CommitWatcher {

    private static final Logger LOG = Logger.getLogger(CommitWatcher.class);

    private final AxonRuntime axon;
    private final AxonSettings settings;
    private volatile Thread watcher;

    CommitWatcher(AxonRuntime axon, AxonSettings settings) {
        this.axon = axon;
        this.settings = settings;
    }

    void start(@Observes @Priority(12) StartupEvent event) {
        if (settings.commitProbeInterval().isZero()) {
            return;
        }
        watcher = new Thread(this::watch, "commit-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    void stop(@Observes ShutdownEvent event) {
        Thread running = watcher;
        watcher = null;
        if (running != null) {
            running.interrupt();
        }
    }

    private void watch() {
        GlobalSequenceEventStorageEngine engine = axon.storageEngine();
        WakeableEventStore store = (WakeableEventStore) axon.configuration().eventStore();
        long seen = -2;
        while (watcher != null) {
            try {
                Thread.sleep(settings.commitProbeInterval().toMillis());
                if (seen == -2 || engine.committedAfter(seen)) {
                    seen = engine.headIndex();
                    store.newEventsCommitted();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.debugf(e, "Probing for new commits failed; the readers' poll covers it");
            }
        }
    }
}
