package org.socialmaturity.web.readmodel;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.axonframework.eventhandling.EventMessage;

/**
 * A read model kept in generations: each generation is its own set of collections, built from the first event by one
 * of two processor slots, so that a new generation can be built beside the one partners read and take its place
 * atomically ({@link ReadModelGenerations}). The model says what its documents are and how an event changes them;
 * {@link SlotHandler} batches the work: the documents a batch touches are read once, changed in memory and written
 * once.
 *
 * @param <S> one document of the model (a company's), as kept in memory while a batch changes it
 */
public interface GenerationalReadModel<S> {

    /** The name in the operator API and the prefix of its processors, e.g. {@code maturity-timeline}. */
    String name();

    /** Whether the model changes on this kind of event at all. */
    boolean handles(Object payload);

    /** The stored documents of these keys in a generation; absent keys are left out. */
    Map<String, S> load(int generation, Collection<String> keys);

    /** A document for a key that has none yet. */
    S create(String key);

    /**
     * Applies the event at global index {@code index}, unless the document already reflects it (its last index is at
     * or past {@code index}): applying twice changes nothing.
     *
     * @return whether the document changed
     */
    boolean apply(S document, EventMessage<?> event, long index);

    /** Writes the changed documents of a batch into a generation, each replacing what is stored under its key. */
    void write(int generation, List<S> documents);

    /** Drops every collection of a generation. */
    void drop(int generation);
}
