package org.socialmaturity.eventstore.checkpoint;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Signs the head at least every {@code platform.checkpoints.interval} in the one service configured to, so that any
 * commit is covered by a signed checkpoint within a minute of being written. A signer loads its key as it starts, so
 * that a production service without one does not start at all.
 */
@Singleton
public class CheckpointSchedule {

    private static final Logger LOG = Logger.getLogger(CheckpointSchedule.class);

    private final Instance<Checkpoints> checkpoints;
    private final CheckpointSettings settings;

    CheckpointSchedule(Instance<Checkpoints> checkpoints, CheckpointSettings settings) {
        this.checkpoints = checkpoints;
        this.settings = settings;
    }

    void loadKey(@Observes StartupEvent event) {
        if (settings.signer()) {
            LOG.infof("Checkpoints are signed with key %s", checkpoints.get().key().keyId());
        }
    }

    @Scheduled(every = "${platform.checkpoints.interval:60s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void signHead() {
        if (!settings.scheduled()) {
            return;
        }
        checkpoints.get().signHeadIfMoved().ifPresent(c -> LOG.debugf("Signed checkpoint of index %d (%s)",
                c.headIndex(), c.headHash()));
    }
}
