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
import org.socialmaturity.eventstore.deadletter.DeadLetters;

/**
 * The event handler of one processor slot of a {@link GenerationalReadModel}: it writes into the generation the slot
 * was started for on this replica, and nothing else. A tracking batch is one unit of work: the documents it touches
 * are read with one query at its first event, changed in memory, and written once after its last event, before the
 * processor stores its token ({@link ReadModelSlots} flushes from a handler interceptor), so that a crash before the
 * token is stored only makes the batch apply again, which changes nothing (each document knows its last index).
 *
 * <p>Failures stay per company: an event that fails to apply is dead-lettered by Axon (its company's document is put
 * back as it was before that event), and a company whose documents cannot be written has its events of the batch
 * dead-lettered here, while the other companies' documents are written. A dead letter retried later is applied on its
 * own, outside any batch.
 */
public class SlotHandler<S> {

    private static final Logger LOG = Logger.getLogger(SlotHandler.class);

    private final GenerationalReadModel<S> model;
    private final String slot;
    private final String processor;
    private final ReadModelGenerations generations;
    private final DeadLetters deadLetters;
    private final BatchListener listener;
    private final Supplier<EventHandlerInvoker> invoker;
    private final SequencedByCompany keys = new SequencedByCompany();
    private final String batchResource;
    private volatile int generation = -1;

    SlotHandler(GenerationalReadModel<S> model, String slot, ReadModelGenerations generations, DeadLetters deadLetters,
                BatchListener listener, Supplier<EventHandlerInvoker> invoker) {
        this.model = model;
        this.slot = slot;
        this.processor = ReadModelSlots.processorName(model.name(), slot);
        this.generations = generations;
        this.deadLetters = deadLetters;
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
        if (unitOfWork instanceof BatchingUnitOfWork<?> batching) {
            Batch batch = unitOfWork.getOrComputeResource(batchResource, k -> startBatch(batching));
            batch.apply(key, message, index);
        } else {
            int writingTo = assignedGeneration();
            S document = model.load(writingTo, List.of(key)).getOrDefault(key, model.create(key));
            if (model.apply(document, message, index)) {
                model.write(writingTo, List.of(document));
            }
        }
    }

    /** After the batch's last event: writes what it changed, then tells the listener where the slot stands. */
    void flush(BatchingUnitOfWork<?> unitOfWork) {
        Batch batch = unitOfWork.getResource(batchResource);
        List<EventMessage<?>> messages = messagesOf(unitOfWork);
        if (batch != null) {
            batch.write();
        }
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
        return new Batch(writingTo, new LinkedHashMap<>(model.load(writingTo, touched)));
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

    /** The documents of one batch, in memory until its last event. */
    private final class Batch {

        private final int writingTo;
        private final Map<String, S> documents;
        private final Map<String, List<EventMessage<?>>> applied = new LinkedHashMap<>();
        private final Set<String> changed = new LinkedHashSet<>();
        private final Map<String, RuntimeException> unwritable = new LinkedHashMap<>();

        Batch(int writingTo, Map<String, S> documents) {
            this.writingTo = writingTo;
            this.documents = documents;
        }

        void apply(String key, EventMessage<?> message, long index) {
            RuntimeException cause = unwritable.get(key);
            if (cause != null) {
                throw cause;
            }
            S document = documents.computeIfAbsent(key, model::create);
            try {
                if (model.apply(document, message, index)) {
                    changed.add(key);
                    applied.computeIfAbsent(key, k -> new ArrayList<>()).add(message);
                }
            } catch (RuntimeException e) {
                putBack(key);
                throw e;
            }
        }

        /** The document as stored, with the events of this batch that applied before the failing one. */
        private void putBack(String key) {
            S document = model.load(writingTo, List.of(key)).getOrDefault(key, model.create(key));
            for (EventMessage<?> message : applied.getOrDefault(key, List.of())) {
                model.apply(document, message, GlobalIndex.of(((TrackedEventMessage<?>) message).trackingToken()));
            }
            documents.put(key, document);
        }

        void write() {
            if (changed.isEmpty()) {
                return;
            }
            try {
                model.write(writingTo, changed.stream().map(documents::get).toList());
            } catch (RuntimeException e) {
                LOG.warnf("Writing a batch of %d documents of %s failed (%s); writing them one by one", changed.size(),
                        processor, e.toString());
                for (String key : changed) {
                    writeAlone(key);
                }
            }
        }

        private void writeAlone(String key) {
            try {
                model.write(writingTo, List.of(documents.get(key)));
            } catch (RuntimeException e) {
                if (deadLetters.contains(processor, key)) {
                    // Its later events would be parked behind older letters that this batch must not overtake.
                    throw e;
                }
                park(key, e);
            }
        }

        /**
         * Hands the company's events of this batch to the processor's dead-lettering invoker again, this time failing
         * with the write's cause: the invoker parks the first and queues the others behind it, as it does for any
         * failing handler (and its memory of parked companies stays right).
         */
        private void park(String key, RuntimeException cause) {
            unwritable.put(key, cause);
            for (EventMessage<?> message : applied.get(key)) {
                try {
                    invoker.get().handle(message, Segment.ROOT_SEGMENT);
                } catch (Exception e) {
                    throw new IllegalStateException("Could not park the events of " + key + " in " + processor, e);
                }
            }
            LOG.warnf("The documents of %s could not be written: %d event(s) parked in %s (%s)", key,
                    applied.get(key).size(), processor, cause.toString());
        }
    }

    /** Told after every batch a slot wrote. */
    interface BatchListener {
        void batchDone(SlotHandler<?> handler, long lastIndex, int events);
    }
}
