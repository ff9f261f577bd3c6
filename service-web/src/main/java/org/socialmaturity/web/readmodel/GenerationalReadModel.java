package org.socialmaturity.web.readmodel;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

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

    /**
     * The global index of the last event applied to a document; -1 for one no event has changed yet. Each event
     * changes one document, so no two stored documents of a generation hold the same last index: the store keeps it
     * unique, and a write compares it alone.
     */
    long lastIndex(S document);

    /**
     * Writes the changed documents of a batch into a generation, each replacing the stored one only while that one is
     * still the one the batch read ({@code readAt}: its last index then, -1 when there was none), so that what another
     * writer stored meanwhile (a dead letter retried, a company healed on a read, a replica that lost its slot) is
     * never overwritten with an older state.
     *
     * @return the keys not written because the stored document changed: read them again and apply again
     */
    Set<String> write(int generation, Map<String, S> documents, Map<String, Long> readAt);

    /** Drops every collection of a generation. */
    void drop(int generation);
}
