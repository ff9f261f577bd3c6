package org.socialmaturity.web.readmodel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import org.axonframework.config.Configurer;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.bson.Document;
import org.jboss.logging.Logger;
import org.socialmaturity.contracts.rules.NotFound;
import org.socialmaturity.eventstore.AxonModule;
import org.socialmaturity.eventstore.AxonRuntime;
import org.socialmaturity.eventstore.AxonSettings;
import org.socialmaturity.eventstore.SequencedByCompany;
import org.socialmaturity.eventstore.deadletter.DeadLetters;
import org.socialmaturity.web.readmodel.ReadModelGenerations.Rebuild;
import org.socialmaturity.web.readmodel.ReadModelGenerations.State;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Runs every {@link GenerationalReadModel} of the service on two processor slots, {@code <name>-a} and
 * {@code <name>-b}, and rebuilds it side by side: the generation partners read keeps its slot and stays up to date,
 * while the other slot builds the next generation from the first event into new collections. Once that one has caught
 * up with the head it becomes current with one compare-and-set, the old generation is retired and dropped a little
 * later, and the slot it used becomes free. Every replica runs the same loop ({@code reconcile}): it starts the
 * processors of the slots in use and stops the others; the token store lets one replica at a time work on each, so
 * any number of replicas may run during a rebuild, and a replica that dies mid-rebuild leaves its token for the next.
 */
@ApplicationScoped
public class ReadModelSlots implements AxonModule, SlotHandler.BatchListener {

    private static final Logger LOG = Logger.getLogger(ReadModelSlots.class);
    /** Axon's MongoTokenStore keeps its tokens there, one document per processor segment. */
    private static final String TOKENS = "trackingtokens";

    private final Map<String, Map<String, SlotHandler<?>>> handlers = new LinkedHashMap<>();
    private final ReadModelGenerations generations;
    private final ReadModelSettings settings;
    private final AxonRuntime axon;
    private final DeadLetters deadLetters;
    private final MongoCollection<Document> tokens;
    private final ScheduledExecutorService reconciler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "read-model-slots");
        thread.setDaemon(true);
        return thread;
    });

    ReadModelSlots(@Any Instance<GenerationalReadModel<?>> models, ReadModelGenerations generations,
                   ReadModelSettings settings, AxonRuntime axon, DeadLetters deadLetters, MongoClient mongo,
                   AxonSettings axonSettings) {
        this.generations = generations;
        this.settings = settings;
        this.axon = axon;
        this.deadLetters = deadLetters;
        this.tokens = mongo.getDatabase(axonSettings.serviceDatabase()).getCollection(TOKENS);
        for (GenerationalReadModel<?> model : models) {
            Map<String, SlotHandler<?>> slots = new LinkedHashMap<>();
            for (String slot : ReadModelGenerations.SLOTS) {
                String processor = processorName(model.name(), slot);
                slots.put(slot, new SlotHandler<>(model, slot, generations, this,
                        () -> ((AbstractEventProcessor) processor(processor)).eventHandlerInvoker()));
            }
            handlers.put(model.name(), slots);
        }
    }

    public static String processorName(String readModel, String slot) {
        return readModel + "-" + slot;
    }

    @Override
    public void configure(Configurer configurer) {
        for (Map<String, SlotHandler<?>> slots : handlers.values()) {
            for (SlotHandler<?> handler : slots.values()) {
                String processor = handler.processor();
                axon.standby(processor, true);
                configurer.eventProcessing()
                        .registerEventHandler(c -> handler)
                        .assignHandlerInstancesMatching(processor, candidate -> candidate == handler)
                        .registerSequencingPolicy(processor, c -> new SequencedByCompany())
                        // One segment, one claimer: the invoker remembers which companies are parked instead of
                        // asking the queue before every event.
                        .registerDeadLetteringEventHandlerInvokerConfiguration(processor,
                                (c, builder) -> builder.enableSequenceIdentifierCache())
                        .registerHandlerInterceptor(processor, c -> flushAfterLastEvent(handler))
                        .registerTrackingEventProcessorConfiguration(processor, c -> TrackingEventProcessorConfiguration
                                .forSingleThreadedProcessing()
                                .andBatchSize(settings.batchSize())
                                .andInitialTrackingToken(StreamableMessageSource::createTailToken)
                                .andTokenClaimInterval(1, TimeUnit.SECONDS)
                                .andAutoStart(false));
            }
        }
    }

    /**
     * Starts a batch before its first event and writes its documents after its last event was handled (or parked),
     * before Axon stores the token.
     */
    private static MessageHandlerInterceptor<EventMessage<?>> flushAfterLastEvent(SlotHandler<?> handler) {
        return (unitOfWork, chain) -> {
            if (unitOfWork instanceof BatchingUnitOfWork<?> batch && batch.isFirstMessage()) {
                handler.begin(batch);
            }
            Object result = chain.proceed();
            if (unitOfWork instanceof BatchingUnitOfWork<?> batch && batch.isLastMessage()) {
                handler.flush(batch);
            }
            return result;
        };
    }

    void start(@Observes @Priority(15) StartupEvent event) {
        for (String name : handlers.keySet()) {
            reconcile(name);
            State state = generations.read(name);
            LOG.infof("Read model %s: generation %d current (slot %s)%s", name, state.current().generation(),
                    state.current().slot(), state.next() == null ? ""
                            : ", generation " + state.next().generation() + " being rebuilt (slot "
                            + state.next().slot() + ")");
        }
        long every = settings.reconcileInterval().toMillis();
        reconciler.scheduleWithFixedDelay(this::reconcileAll, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        reconciler.shutdownNow();
    }

    /** The service's read models by name. */
    public List<String> readModels() {
        return List.copyOf(handlers.keySet());
    }

    /** The processor that keeps the generation partners read up to date. */
    public String currentProcessor(String name) {
        return processorName(name, generations.read(name).current().slot());
    }

    /** The processors whose events matter now: the current slot's and, during a rebuild, the other's. */
    public List<String> processorsInUse(String name) {
        State state = generations.read(name);
        List<String> inUse = new ArrayList<>();
        inUse.add(processorName(name, state.current().slot()));
        if (state.next() != null) {
            inUse.add(processorName(name, state.next().slot()));
        }
        return inUse;
    }

    /** Starts building a new generation beside the current one; 409 while one is being built. */
    public synchronized RebuildStatus rebuild(String name) {
        State state = generations.read(require(name));
        if (state.next() != null) {
            throw RebuildRefused.running("Generation " + state.next().generation() + " of " + name
                    + " is being built since " + state.next().startedAt() + "; wait for it or cancel it (DELETE)");
        }
        long head = axon.storageEngine().headIndex();
        State started = generations.startRebuild(state, head, Instant.now()).orElseThrow(() -> RebuildRefused.running(
                "Another replica started a rebuild of " + name + " at the same moment"));
        Rebuild next = started.next();
        LOG.infof("Rebuilding %s: generation %d in slot %s, from the first event (the head is at %d)", name,
                next.generation(), next.slot(), head);
        reconcile(name);
        return status(name);
    }

    /** Abandons the running rebuild; 409 when none runs. */
    public synchronized RebuildStatus cancel(String name) {
        State state = generations.read(require(name));
        if (state.next() == null) {
            throw RebuildRefused.noneRunning(name);
        }
        generations.cancel(state, Instant.now()).ifPresent(cancelled -> {
            LOG.infof("Cancelled the rebuild of %s (generation %d)", name, state.next().generation());
            free(name, state.next().slot());
        });
        reconcile(name);
        return status(name);
    }

    public RebuildStatus status(String name) {
        State state = generations.read(require(name));
        long head = axon.storageEngine().headIndex();
        Instant now = Instant.now();
        Rebuild next = state.next();
        if (next != null) {
            long position = Math.max(next.position(), localPosition(name, next.slot()).orElse(-1));
            return RebuildStatus.running(name, state.current().generation(), next, position, head, now);
        }
        return state.last() == null ? RebuildStatus.idle(name, state.current().generation(), head)
                : RebuildStatus.finished(name, state.current().generation(), state.last());
    }

    @Override
    public void batchDone(SlotHandler<?> handler, long lastIndex, int events) {
        if (events >= settings.batchSize()) {
            return;
        }
        String name = handler.model().name();
        State state = generations.read(name);
        if (state.next() != null && state.next().generation() == handler.generation()) {
            switchIfCaughtUp(state, lastIndex);
        }
    }

    private void reconcileAll() {
        for (String name : handlers.keySet()) {
            try {
                reconcile(name);
            } catch (RuntimeException e) {
                LOG.warnf(e, "Lining up the processors of %s failed; trying again in %s", name,
                        settings.reconcileInterval());
            }
        }
    }

    /** Starts and stops this replica's slot processors as the generations say, and moves a rebuild along. */
    private synchronized void reconcile(String name) {
        State state = generations.read(name);
        for (SlotHandler<?> handler : handlers.get(name).values()) {
            StreamingEventProcessor processor = processor(handler.processor());
            Optional<Integer> wanted = state.generationIn(handler.slot());
            boolean running = processor.isRunning();
            if (running && (wanted.isEmpty() || wanted.get() != handler.generation())) {
                processor.shutDown();
                running = false;
            }
            if (wanted.isEmpty()) {
                axon.standby(handler.processor(), true);
                if (tokens.countDocuments(Filters.eq("processorName", handler.processor())) > 0) {
                    free(name, handler.slot());
                }
            } else if (!running) {
                handler.generation(wanted.get());
                axon.standby(handler.processor(), false);
                processor.start();
            } else if (tokens.countDocuments(Filters.eq("processorName", handler.processor())) == 0) {
                // Another replica freed the slot after this one started it: start again, from the first event.
                processor.shutDown();
                processor.start();
            }
        }
        Rebuild next = state.next();
        if (next != null) {
            OptionalLong position = localPosition(name, next.slot());
            if (position.isPresent()) {
                generations.progress(name, next.generation(), position.getAsLong(), Instant.now());
                switchIfCaughtUp(state, position.getAsLong());
            } else if (localClaims(name, next.slot()) > 0) {
                switchIfCaughtUp(state, -1);
            }
        }
        dropRetired(state);
    }

    private void switchIfCaughtUp(State state, long position) {
        if (position < axon.storageEngine().headIndex()) {
            return;
        }
        String name = state.name();
        generations.switchTo(state, position, Instant.now()).ifPresent(switched -> {
            LOG.infof("Read model %s: generation %d is current now (caught up at global index %d); generation %d "
                    + "retired", name, switched.current().generation(), position, state.current().generation());
            free(name, state.current().slot());
            if (!reconciler.isShutdown()) {
                reconciler.execute(() -> reconcile(name));
            }
        });
    }

    /** A slot nobody uses any more: its tokens and dead letters belong to a generation that is gone. */
    private void free(String name, String slot) {
        String processor = processorName(name, slot);
        // Letters first: a slot without tokens counts as freed, and its letters must not outlive it.
        deadLetters.clear(processor);
        tokens.deleteMany(Filters.eq("processorName", processor));
    }

    private void dropRetired(State state) {
        Instant due = Instant.now().minus(settings.dropAfter());
        for (ReadModelGenerations.Retired retired : state.retired()) {
            if (retired.at().isBefore(due)) {
                handlers.get(state.name()).values().iterator().next().model().drop(retired.generation());
                generations.dropped(state.name(), retired.generation());
                LOG.infof("Read model %s: dropped retired generation %d", state.name(), retired.generation());
            }
        }
    }

    /** Where this replica's processor of the slot stands, when it holds the slot's segment. */
    private OptionalLong localPosition(String name, String slot) {
        return processor(processorName(name, slot)).processingStatus().values().stream()
                .map(EventTrackerStatus::getCurrentPosition).filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong).min();
    }

    private int localClaims(String name, String slot) {
        return processor(processorName(name, slot)).processingStatus().size();
    }

    private StreamingEventProcessor processor(String name) {
        return axon.configuration().eventProcessingConfiguration()
                .eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("No processor " + name));
    }

    private String require(String name) {
        if (!handlers.containsKey(name)) {
            throw new NotFound("Read model", name);
        }
        return name;
    }
}
