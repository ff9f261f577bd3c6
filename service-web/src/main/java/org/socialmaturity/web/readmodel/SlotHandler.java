package org.socialmaturity.web.readmodel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.jboss.logging.Logger;
import org.socialmaturity.eventstore.GlobalIndex;
import org.socialmaturity.eventstore.SequencedByCompany;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;

/**
 * The event handler of one processor slot of a {@link GenerationalReadModel}: it writes into the generation the slot
 * was started for on this replica, and nothing else. A tracking batch is one unit of work: the documents it touches
 * are read with one query at its first event, changed in memory, and written once after its last event, before the
 * processor stores its token ({@link ReadModelSlots} flushes from a handler interceptor), so that a crash before the
 * token is stored only makes the batch apply again, which changes nothing (each document knows its last index).
 *
 * <p>Failures stay per company: a company whose event fails to apply (its document is put back as it was before that
 * event) or whose documents cannot be written has those events parked in order through Axon's dead-lettering
 * invoker once the other companies' documents are written. A dead letter retried later is applied on its own,
 * outside any batch.
 */
public class SlotHandler<S> {

    private static final Logger LOG = Logger.getLogger(SlotHandler.class);
    private static final int WRITE_ATTEMPTS = 5;

    private final GenerationalReadModel<S> model;
    private final String slot;
    private final String processor;
    private final ReadModelGenerations generations;
    private final BatchListener listener;
    private final Supplier<EventHandlerInvoker> invoker;
    private final SequencedByCompany keys = new SequencedByCompany();
    private final String batchResource;
    private volatile int generation = -1;

    SlotHandler(GenerationalReadModel<S> model, String slot, ReadModelGenerations generations, BatchListener listener,
                Supplier<EventHandlerInvoker> invoker) {
        this.model = model;
        this.slot = slot;
        this.processor = ReadModelSlots.processorName(model.name(), slot);
        this.generations = generations;
        this.listener = listener;
        this.invoker = invoker;
        this.batchResource = "ReadModelBatch[" + processor + "]";
    }

    String processor() {
        return processor;
    }

    String slot() {
        return slot;
    }

    GenerationalReadModel<S> model() {
        return model;
    }

    int generation() {
        return generation;
    }

    /** Set while the slot's processor is stopped, before it starts for that generation. */
    void generation(int generation) {
        this.generation = generation;
    }

    @EventHandler
    void on(Object payload, EventMessage<?> message) {
        if (!model.handles(payload)) {
            return;
        }
        long index = GlobalIndex.of(((TrackedEventMessage<?>) message).trackingToken());
        String key = keyOf(message);
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        if (unitOfWork instanceof BatchingUnitOfWork<?>) {
            Batch batch = unitOfWork.getResource(batchResource);
            if (batch == null) {
                throw new IllegalStateException("Batch of " + processor + " not started by its interceptor");
            }
            batch.apply(key, message, index);
        } else {
            applyAlone(key, message, index);
        }
    }

    /** A dead letter retried: read, apply and write compare-and-set, again while another writer moved first. */
    private void applyAlone(String key, EventMessage<?> message, long index) {
        int writingTo = assignedGeneration();
        for (int attempt = 1; attempt <= WRITE_ATTEMPTS; attempt++) {
            S document = model.load(writingTo, List.of(key)).getOrDefault(key, model.create(key));
            long readAt = model.lastIndex(document);
            if (!model.apply(document, message, index)
                    || model.write(writingTo, Map.of(key, document), Map.of(key, readAt)).isEmpty()) {
                return;
            }
        }
        throw new IllegalStateException("The document of " + key + " in " + processor + " kept changing during "
                + WRITE_ATTEMPTS + " writes");
    }

    /**
     * Before the batch's first event, outside the dead-lettering invoker (so that a failure here fails the whole
     * batch and keeps its token where it was, instead of parking events): checks the slot's generation and reads the
     * documents the batch touches.
     */
    void begin(BatchingUnitOfWork<?> unitOfWork) {
        unitOfWork.resources().put(batchResource, startBatch(unitOfWork));
    }

    /**
     * After the batch's last event: checks the generation again (a replica that lost the slot meanwhile must not
     * write), writes what the batch changed, parks what failed, then tells the listener where the slot stands.
     */
    void flush(BatchingUnitOfWork<?> unitOfWork) {
        Batch batch = unitOfWork.getResource(batchResource);
        List<EventMessage<?>> messages = messagesOf(unitOfWork);
        assignedGeneration();
        batch.write();
        batch.parkFailed();
        long last = GlobalIndex.of(((TrackedEventMessage<?>) messages.get(messages.size() - 1)).trackingToken());
        listener.batchDone(this, last, messages.size());
    }

    private Batch startBatch(BatchingUnitOfWork<?> unitOfWork) {
        int writingTo = assignedGeneration();
        Set<String> touched = new LinkedHashSet<>();
        for (EventMessage<?> message : messagesOf(unitOfWork)) {
            if (model.handles(message.getPayload())) {
                touched.add(keyOf(message));
            }
        }
        return new Batch(writingTo, model.load(writingTo, touched));
    }

    /**
     * The slot's generation, checked against the store: a replica that has not noticed yet that its slot was given
     * to another generation must not write (its batch fails, and its token stays where it was).
     */
    private int assignedGeneration() {
        int assigned = generations.read(model.name()).generationIn(slot).orElse(-1);
        if (assigned != generation) {
            throw new IllegalStateException("Slot " + processor + " was started for generation " + generation
                    + " but holds " + (assigned < 0 ? "none" : "generation " + assigned) + " now");
        }
        return assigned;
    }

    /** An event processor's batch holds event messages only. */
    @SuppressWarnings("unchecked")
    private static List<EventMessage<?>> messagesOf(BatchingUnitOfWork<?> unitOfWork) {
        return (List<EventMessage<?>>) (List<?>) unitOfWork.getMessages();
    }

    private String keyOf(EventMessage<?> message) {
        return String.valueOf(keys.getSequenceIdentifierFor(message));
    }

    /**
     * The documents of one batch, in memory until its last event. A company whose event fails to apply, or whose
     * documents cannot be written, is set aside with the cause: its events from the failing one on are not applied,
     * and only once the other documents are written are they handed to the dead-lettering invoker again, failing
     * with that cause, so that it parks the first and queues the rest behind it in order (parked earlier, they would
     * outlive a batch that rolls back, and the batch's earlier events of the company would queue behind them).
     */
    private final class Batch {

        private final int writingTo;
        private final Map<String, S> documents = new LinkedHashMap<>();
        /** The last index of each document as read from the store, -1 for none: what its write compares with. */
        private final Map<String, Long> readAt = new LinkedHashMap<>();
        private final Map<String, List<EventMessage<?>>> applied = new LinkedHashMap<>();
        private final Set<String> changed = new LinkedHashSet<>();
        private final Map<String, SetAside> setAside = new LinkedHashMap<>();
        private boolean parking;

        Batch(int writingTo, Map<String, S> stored) {
            this.writingTo = writingTo;
            stored.forEach(this::read);
        }

        private void read(String key, S document) {
            documents.put(key, document);
            readAt.put(key, model.lastIndex(document));
        }

        void apply(String key, EventMessage<?> message, long index) {
            SetAside aside = setAside.get(key);
            if (aside != null) {
                if (parking) {
                    throw aside.cause();
                }
                aside.messages().add(message);
                return;
            }
            if (!documents.containsKey(key)) {
                read(key, model.create(key));
            }
            S document = documents.get(key);
            try {
                if (model.apply(document, message, index)) {
                    changed.add(key);
                    applied.computeIfAbsent(key, k -> new ArrayList<>()).add(message);
                }
            } catch (RuntimeException e) {
                readAgain(key);
                List<EventMessage<?>> failing = new ArrayList<>();
                failing.add(message);
                setAside.put(key, new SetAside(e, failing));
                LOG.warnf("Event %s of %s failed to apply in %s: %s", message.getIdentifier(), key, processor,
                        e.toString());
            }
        }

        /**
         * Reads the document again and applies the batch's events of it that had applied (after a failing event:
         * those before it; after a conflict: all), of which those the stored one has already seen change nothing.
         *
         * @return whether the document still changes
         */
        private boolean readAgain(String key) {
            S document = model.load(writingTo, List.of(key)).getOrDefault(key, model.create(key));
            read(key, document);
            boolean changes = false;
            for (EventMessage<?> message : applied.getOrDefault(key, List.of())) {
                changes |= model.apply(document, message,
                        GlobalIndex.of(((TrackedEventMessage<?>) message).trackingToken()));
            }
            return changes;
        }

        void write() {
            Set<String> toWrite = new LinkedHashSet<>(changed);
            for (int attempt = 1; !toWrite.isEmpty(); attempt++) {
                if (attempt > WRITE_ATTEMPTS) {
                    throw new IllegalStateException("Documents of " + toWrite + " in " + processor
                            + " kept changing during " + WRITE_ATTEMPTS + " writes");
                }
                Set<String> conflicts;
                try {
                    conflicts = model.write(writingTo, documentsOf(toWrite), readAt);
                } catch (RuntimeException e) {
                    rethrowIfStoreUnavailable(e);
                    LOG.warnf("Writing a batch of %d documents of %s failed (%s); writing them one by one",
                            toWrite.size(), processor, e.toString());
                    conflicts = new LinkedHashSet<>();
                    for (String key : toWrite) {
                        conflicts.addAll(writeAlone(key));
                    }
                }
                toWrite = new LinkedHashSet<>();
                for (String key : conflicts) {
                    LOG.debugf("The document of %s in %s changed since the batch read it: applying again", key,
                            processor);
                    if (readAgain(key)) {
                        toWrite.add(key);
                    }
                }
            }
        }

        private Map<String, S> documentsOf(Set<String> keys) {
            Map<String, S> selected = new LinkedHashMap<>();
            keys.forEach(key -> selected.put(key, documents.get(key)));
            return selected;
        }

        /** @return the key when its stored document changed since the batch read it */
        private Set<String> writeAlone(String key) {
            try {
                return model.write(writingTo, Map.of(key, documents.get(key)), Map.of(key, readAt.get(key)));
            } catch (RuntimeException e) {
                rethrowIfStoreUnavailable(e);
                List<EventMessage<?>> unwritten = new ArrayList<>(applied.get(key));
                SetAside aside = setAside.get(key);
                if (aside != null) {
                    unwritten.addAll(aside.messages());
                }
                setAside.put(key, new SetAside(e, unwritten));
                LOG.warnf("The documents of %s could not be written in %s: %s", key, processor, e.toString());
                return Set.of();
            }
        }

        /**
         * MongoDB unreachable (or any failure not tied to one document) fails the whole batch, which Axon retries from
         * its token: nothing is parked for an outage, and no parked company is retried while a batch holds it.
         */
        private void rethrowIfStoreUnavailable(RuntimeException e) {
            if (e instanceof MongoException && !(e instanceof MongoBulkWriteException)) {
                throw e;
            }
        }

        /** Hands the events set aside to the dead-lettering invoker again, which parks them in order. */
        void parkFailed() {
            parking = true;
            for (Map.Entry<String, SetAside> aside : setAside.entrySet()) {
                for (EventMessage<?> message : aside.getValue().messages()) {
                    try {
                        invoker.get().handle(message, Segment.ROOT_SEGMENT);
                    } catch (Exception e) {
                        throw new IllegalStateException("Could not park the events of " + aside.getKey() + " in "
                                + processor, e);
                    }
                }
                LOG.warnf("Parked %d event(s) of %s in %s", aside.getValue().messages().size(), aside.getKey(),
                        processor);
            }
        }
    }

    /** A company's events of the batch that did not make it, from the first that failed, and why. */
    private record SetAside(RuntimeException cause, List<EventMessage<?>> messages) {
    }

    /** Told after every batch a slot wrote. */
    interface BatchListener {
        void batchDone(SlotHandler<?> handler, long lastIndex, int events);
    }
}
