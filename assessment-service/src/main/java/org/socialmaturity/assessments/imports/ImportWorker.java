package org.socialmaturity.assessments.imports;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.bson.Document;
import org.jboss.logging.Logger;
import org.socialmaturity.assessments.assessment.Assessment;
import org.socialmaturity.assessments.assessment.ImportAssessment;
import org.socialmaturity.assessments.company.CompanyDirectoryProjection;
import org.socialmaturity.eventstore.AxonRuntime;

import io.quarkus.scheduler.Scheduled;

/**
 * Records the past assessments of running imports, one commit per assessment, in the order checked (oldest first).
 * An import is held by one replica at a time through a lease, renewed with every assessment recorded; a replica that
 * dies (or an attempt that fails: MongoDB away) lets the lease run out and the next sweep, here or on another replica,
 * goes on from the last assessment recorded. Recording one again changes nothing, so a crash between recording and
 * counting it loses and doubles nothing.
 */
@Singleton
public class ImportWorker {

    private static final Logger LOG = Logger.getLogger(ImportWorker.class);
    static final Duration LEASE = Duration.ofSeconds(30);

    private final ImportJobRepository jobs;
    private final CommandGateway commands;
    private final CompanyDirectoryProjection directory;
    private final AxonRuntime axon;
    /** Kicks run here, one at a time, off the request threads and the shared pool. */
    private final ExecutorService kicks = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "import-kick");
        thread.setDaemon(true);
        return thread;
    });

    ImportWorker(ImportJobRepository jobs, CommandGateway commands, CompanyDirectoryProjection directory, AxonRuntime axon) {
        this.jobs = jobs;
        this.commands = commands;
        this.directory = directory;
        this.axon = axon;
    }

    @PreDestroy
    void stop() {
        kicks.shutdownNow();
    }

    @Scheduled(every = "${platform.imports.sweep:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        for (Optional<Document> job = jobs.claim(Instant.now(), LEASE); job.isPresent();
             job = jobs.claim(Instant.now(), LEASE)) {
            work(job.get());
        }
    }

    /** Starts on the imports waiting now, without waiting for the next sweep. */
    void kick() {
        CompletableFuture.runAsync(this::sweep, kicks).exceptionally(failed -> {
            LOG.warn("An import sweep failed; the next one goes on", failed);
            return null;
        });
    }

    private void work(Document job) {
        String importId = job.getString("_id");
        int total = job.getInteger("total");
        for (int next = job.getInteger("done"); next < total; next++) {
            try {
                ImportJobRepository.Item item = jobs.item(job, next);
                // Checked again as it is written: answers recorded since the import was accepted come first.
                Optional<Instant> latest = directory.lastAnsweredAt(item.companyId());
                if (latest.isPresent() && !item.at().isAfter(latest.get()) && !recordedAlready(item)) {
                    jobs.failed(importId, "past assessment " + (next + 1) + " of " + total + " is dated " + item.at()
                            + ", not after the company's latest answer (" + latest.get() + "): stopped, the "
                            + "assessments before it are recorded", Instant.now());
                    jobs.finish(importId, ImportJobRepository.Status.FAILED, Instant.now());
                    return;
                }
                commands.sendAndWait(GenericCommandMessage.asCommandMessage(new ImportAssessment(item.assessmentId(),
                        job.getString("partnerId"), item.companyId(), item.questionnaireVersion(), item.at(),
                        item.recordedBy(), item.answers().stream().map(a -> new ImportAssessment.Answer(
                                a.questionId(), a.answer())).toList(), importId))
                        .andMetaData(Map.of(AxonRuntime.CORRELATION_ID, importId,
                                AxonRuntime.ACTOR, job.getString("actor"))));
            } catch (RuntimeException e) {
                LOG.warnf(e, "Import %s: past assessment %d of %d not recorded; retried when the lease runs out",
                        importId, next + 1, total);
                jobs.failed(importId, "past assessment " + (next + 1) + " of " + total + ": " + e.getMessage(),
                        Instant.now());
                return;
            }
            if (!jobs.advance(importId, next + 1, Instant.now().plus(LEASE))) {
                LOG.warnf("Import %s: taken over or ended while this replica stalled; it stops here", importId);
                return;
            }
        }
        jobs.finish(importId, ImportJobRepository.Status.DONE, Instant.now());
        LOG.infof("Import %s: %d past assessment(s) recorded", importId, total);
    }

    /** A past assessment recorded before a crash is its own latest answer: that is no reason to stop. */
    private boolean recordedAlready(ImportJobRepository.Item item) {
        return axon.readAggregate(Assessment.class, item.assessmentId(), assessment -> Boolean.TRUE).isPresent();
    }
}
