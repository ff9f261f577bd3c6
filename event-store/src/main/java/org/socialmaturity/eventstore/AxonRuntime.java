package org.socialmaturity.eventstore;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.jboss.logging.Logger;
import org.socialmaturity.eventstore.mongo.GlobalSequenceEventStorageEngine;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The one Axon configuration of a service, on the shared MongoDB event store: Jackson everywhere, tokens in the
 * service's own database, the platform's processor defaults, and the service's {@link AxonModule}s. It starts with
 * the application and stops before the MongoDB client closes, releasing its token claims.
 */
@Singleton
public class AxonRuntime {

    /** Metadata keys every event carries, copied from the command that caused it. */
    public static final String CORRELATION_ID = "correlationId";
    public static final String ACTOR = "actor";

    private static final Logger LOG = Logger.getLogger(AxonRuntime.class);

    private final MongoClient mongo;
    private final ObjectMapper objectMapper;
    private final AxonSettings settings;
    private final Instance<AxonModule> modules;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "command-retry");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<String> standby = ConcurrentHashMap.newKeySet();
    private Configuration configuration;

    AxonRuntime(MongoClient mongo, ObjectMapper objectMapper, AxonSettings settings, @Any Instance<AxonModule> modules) {
        this.mongo = mongo;
        this.objectMapper = objectMapper;
        this.settings = settings;
        this.modules = modules;
    }

    void start(@Observes @Priority(10) StartupEvent event) {
        configuration().start();
        MongoDatabase events = mongo.getDatabase(settings.eventDatabase());
        LOG.infof("Axon started: events in %s (write concern %s, read concern %s), tokens in %s as node %s",
                settings.eventDatabase(), events.getWriteConcern().asDocument().toJson(),
                events.getReadConcern().asDocument().toJson(), settings.serviceDatabase(), settings.nodeId());
    }

    void stop(@Observes ShutdownEvent event) {
        if (configuration != null) {
            configuration.shutdown();
        }
        retries.shutdownNow();
    }

    /** The Axon configuration, built on first use and started with the application. */
    public synchronized Configuration configuration() {
        if (configuration == null) {
            configuration = build();
        }
        return configuration;
    }

    @Produces
    @Singleton
    CommandGateway commandGateway() {
        return configuration().commandGateway();
    }

    @Produces
    @Singleton
    EventStore eventStore() {
        return configuration().eventStore();
    }

    /**
     * Reads the current state of an aggregate straight from its event stream, for a query that must see every
     * accepted command. Nothing is appended.
     *
     * @return empty when no aggregate has this id
     */
    public <A, R> Optional<R> readAggregate(Class<A> type, String id, Function<A, R> view) {
        Repository<A> repository = configuration().repository(type);
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            return Optional.ofNullable(repository.load(id).invoke(view));
        } catch (AggregateNotFoundException e) {
            return Optional.empty();
        } finally {
            unitOfWork.rollback();
        }
    }

    /** Where each event processor of this replica stands against the head of the event store. */
    public List<ProcessorProgress> progress() {
        long head = storageEngine().headIndex();
        List<ProcessorProgress> result = new ArrayList<>();
        configuration().eventProcessingConfiguration().eventProcessors().forEach((name, processor) -> {
            OptionalLong position = OptionalLong.empty();
            int claimed = 0;
            if (processor instanceof StreamingEventProcessor streaming) {
                Map<Integer, EventTrackerStatus> status = streaming.processingStatus();
                claimed = status.size();
                position = status.values().stream()
                        .map(EventTrackerStatus::getCurrentPosition)
                        .filter(OptionalLong::isPresent)
                        .mapToLong(OptionalLong::getAsLong)
                        .min();
            }
            result.add(new ProcessorProgress(name, processor.isRunning(), processor.isError(), claimed, position, head,
                    deadLetters(name)));
        });
        return result;
    }

    /**
     * Marks a processor as stopped on purpose (a read-model slot no generation uses), so that readiness does not count
     * it as down.
     */
    public void standby(String processor, boolean idle) {
        if (idle) {
            standby.add(processor);
        } else {
            standby.remove(processor);
        }
    }

    public boolean onStandby(String processor) {
        return standby.contains(processor);
    }

    /** Events waiting in a processor's dead-letter queue (one count in the service's database; replicas share it). */
    public long deadLetters(String processor) {
        return configuration().eventProcessingConfiguration().deadLetterQueue(processor)
                .map(queue -> queue.size()).orElse(0L);
    }

    /** Events between one segment of a processor and the head; empty when this replica does not claim it. */
    public OptionalDouble segmentLag(String processor, int segment) {
        if (!(configuration().eventProcessingConfiguration().eventProcessor(processor).orElse(null)
                instanceof StreamingEventProcessor streaming)) {
            return OptionalDouble.empty();
        }
        EventTrackerStatus status = streaming.processingStatus().get(segment);
        if (status == null) {
            return OptionalDouble.empty();
        }
        long position = status.getCurrentPosition().orElse(-1);
        return OptionalDouble.of(Math.max(0, storageEngine().headIndex() - position));
    }

    /** One processor's progress; empty when the service has no processor of that name. */
    public Optional<ProcessorProgress> progress(String processor) {
        return progress().stream().filter(p -> p.processor().equals(processor)).findFirst();
    }

    public GlobalSequenceEventStorageEngine storageEngine() {
        return (GlobalSequenceEventStorageEngine) configuration().getComponent(EventStorageEngine.class);
    }

    private Configuration build() {
        System.setProperty("disable-axoniq-console-message", "true");
        Serializer serializer = JacksonSerializer.builder().objectMapper(objectMapper.copy()).build();
        Configurer configurer = DefaultConfigurer.defaultConfiguration(false)
                .configureSerializer(c -> serializer)
                .configureMessageSerializer(c -> serializer)
                .configureEventSerializer(c -> serializer)
                .configureCorrelationDataProviders(c -> List.of(
                        new SimpleCorrelationDataProvider(CORRELATION_ID, ACTOR)))
                // Handlers stamp events with the injected clock, so that aggregate tests assert exact events.
                .registerComponent(Clock.class, c -> Clock.systemUTC())
                .registerComponent(EventStorageEngine.class, c -> storageEngine(serializer, c))
                .configureEventStore(c -> new WakeableEventStore(EmbeddedEventStore.builder()
                        .storageEngine(c.getComponent(EventStorageEngine.class))
                        // Writes the trace context into each event's metadata when tracing is on (AxonTracing).
                        .spanFactory(c.getComponent(EventBusSpanFactory.class))
                        .fetchDelay(settings.fetchDelay().toMillis())))
                .registerComponent(CommandGateway.class, c -> DefaultCommandGateway.builder()
                        .commandBus(c.commandBus())
                        .retryScheduler(new ConflictRetryScheduler(retries, settings.commandRetries()))
                        .build());
        configurer.eventProcessing()
                .usingTrackingEventProcessors()
                .registerTokenStore(c -> tokenStore(serializer))
                .registerTrackingEventProcessorConfiguration(c -> TrackingEventProcessorConfiguration
                        .forParallelProcessing(settings.processor().threads())
                        .andInitialSegmentsCount(settings.processor().initialSegments())
                        .andBatchSize(settings.processor().batchSize())
                        .andInitialTrackingToken(StreamableMessageSource::createTailToken)
                        .andTokenClaimInterval(1, TimeUnit.SECONDS));
        modules.forEach(module -> module.configure(configurer));
        return configurer.buildConfiguration();
    }

    private EventStorageEngine storageEngine(Serializer serializer, Configuration c) {
        MongoDatabase events = mongo.getDatabase(settings.eventDatabase());
        return GlobalSequenceEventStorageEngine.builder()
                .database(events)
                .writeConcern(events.getWriteConcern())
                .readConcern(events.getReadConcern())
                .maxReadBatch(settings.maxReadBatch())
                .eventSerializer(serializer)
                .snapshotSerializer(snapshotSerializer())
                .upcasterChain(c.upcasterChain())
                // What each aggregate's @Revision allows: a snapshot of an earlier revision is ignored, and the
                // aggregate loads from its events.
                .snapshotFilter(c.snapshotFilter())
                .build();
    }

    /** Snapshots are aggregates themselves: Jackson reads and writes their fields, not their methods. */
    private Serializer snapshotSerializer() {
        ObjectMapper fields = objectMapper.copy()
                .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        return JacksonSerializer.builder().objectMapper(fields).build();
    }

    private TokenStore tokenStore(Serializer serializer) {
        return new RecentClaimTokenStore(MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder()
                        .mongoDatabase(mongo, settings.serviceDatabase())
                        .build())
                .serializer(serializer)
                .nodeId(settings.nodeId())
                .claimTimeout(settings.claimTimeout())
                .build(), settings.claimTimeout());
    }
}
