package org.socialmaturity.web.readmodel;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.socialmaturity.eventstore.AxonSettings;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

/**
 * Which generation of each read model partners read, and the one being built beside it: one document per read model
 * in the service's database ({@code read_model_generations}), changed only by compare-and-set, so that every replica
 * agrees on it and a switch is one atomic write. Generations alternate between the model's two processor slots,
 * {@code a} and {@code b}: the current one in one slot, a rebuild in the other.
 */
@Singleton
public class ReadModelGenerations {

    public static final List<String> SLOTS = List.of("a", "b");
    /** How long a replica answers from the generation it last read; a retired one is dropped well after that. */
    static final Duration CACHED_FOR = Duration.ofMillis(250);

    private final MongoCollection<Document> generations;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    ReadModelGenerations(MongoClient mongo, AxonSettings settings) {
        this.generations = mongo.getDatabase(settings.serviceDatabase()).getCollection("read_model_generations");
    }

    /** The generation partners read, as this replica last saw it (at most {@link #CACHED_FOR} ago). */
    public int current(String name) {
        Cached cached = cache.get(name);
        if (cached == null || cached.readAt().plus(CACHED_FOR).isBefore(Instant.now())) {
            cached = new Cached(read(name).current().generation(), Instant.now());
            cache.put(name, cached);
        }
        return cached.generation();
    }

    /** The model's state, read now; a model never seen before starts with generation 1 in slot {@code a}. */
    public State read(String name) {
        Document stored = generations.find(Filters.eq("_id", name)).first();
        if (stored != null) {
            return State.of(stored);
        }
        try {
            generations.insertOne(new Document("_id", name)
                    .append("current", new Document("generation", 1).append("slot", SLOTS.get(0))
                            .append("since", new Date()))
                    .append("lastGeneration", 1)
                    .append("retired", List.of()));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        return State.of(generations.find(Filters.eq("_id", name)).first());
    }

    /**
     * Starts building the next generation in the slot the current one does not use.
     *
     * @return the new state; empty when a rebuild runs already or the state changed meanwhile
     */
    Optional<State> startRebuild(State seen, long head, Instant now) {
        int generation = seen.lastGeneration() + 1;
        Document next = new Document("generation", generation).append("slot", seen.current().otherSlot())
                .append("startedAt", Date.from(now)).append("startHead", head)
                .append("position", -1L).append("positionAt", Date.from(now));
        return change(Filters.and(Filters.eq("_id", seen.name()), Filters.eq("next", null),
                        Filters.eq("lastGeneration", seen.lastGeneration())),
                Updates.combine(Updates.set("next", next), Updates.set("lastGeneration", generation)), seen.name());
    }

    /** Records how far the rebuild got, as the replica running it sees it. */
    void progress(String name, int generation, long position, Instant now) {
        generations.updateOne(Filters.and(Filters.eq("_id", name), Filters.eq("next.generation", generation)),
                Updates.combine(Updates.max("next.position", position), Updates.set("next.positionAt", Date.from(now))));
    }

    /** Makes the rebuilt generation the one partners read, and retires the one they read until now. */
    Optional<State> switchTo(State seen, long position, Instant now) {
        Rebuild next = seen.next();
        return change(Filters.and(Filters.eq("_id", seen.name()), Filters.eq("next.generation", next.generation()),
                        Filters.eq("current.generation", seen.current().generation())),
                Updates.combine(
                        Updates.set("current", new Document("generation", next.generation()).append("slot", next.slot())
                                .append("since", Date.from(now))),
                        Updates.set("next", null),
                        Updates.set("last", finished(next, RebuildState.DONE, position, now)),
                        Updates.push("retired", retired(seen.current().generation(), seen.current().slot(), now))),
                seen.name());
    }

    /** Abandons the rebuild; its generation is dropped. */
    Optional<State> cancel(State seen, Instant now) {
        Rebuild next = seen.next();
        return change(Filters.and(Filters.eq("_id", seen.name()), Filters.eq("next.generation", next.generation())),
                Updates.combine(
                        Updates.set("next", null),
                        Updates.set("last", finished(next, RebuildState.CANCELLED, next.position(), now)),
                        Updates.push("retired", retired(next.generation(), next.slot(), now))),
                seen.name());
    }

    /** Forgets a retired generation once its collections are dropped. */
    void dropped(String name, int generation) {
        generations.updateOne(Filters.eq("_id", name),
                Updates.pull("retired", new Document("generation", generation)));
    }

    private Optional<State> change(Bson filter, Bson update, String name) {
        if (generations.updateOne(filter, update).getModifiedCount() != 1) {
            return Optional.empty();
        }
        cache.remove(name);
        return Optional.of(read(name));
    }

    private static Document finished(Rebuild rebuild, RebuildState state, long position, Instant now) {
        return new Document("generation", rebuild.generation()).append("state", state.name())
                .append("startedAt", Date.from(rebuild.startedAt())).append("finishedAt", Date.from(now))
                .append("processed", position + 1);
    }

    private static Document retired(int generation, String slot, Instant now) {
        return new Document("generation", generation).append("slot", slot).append("at", Date.from(now));
    }

    private record Cached(int generation, Instant readAt) {
    }

    /** A read model's generations: the one partners read, the one being built (if any) and the last rebuild. */
    public record State(String name, Generation current, Rebuild next, Finished last, List<Retired> retired,
                        int lastGeneration) {

        static State of(Document d) {
            Document current = d.get("current", Document.class);
            Document next = d.get("next", Document.class);
            Document last = d.get("last", Document.class);
            List<Retired> retired = new ArrayList<>();
            for (Document r : d.getList("retired", Document.class, List.of())) {
                retired.add(new Retired(r.getInteger("generation"), r.getString("slot"), r.getDate("at").toInstant()));
            }
            return new State(d.getString("_id"),
                    new Generation(current.getInteger("generation"), current.getString("slot"),
                            current.getDate("since").toInstant()),
                    next == null ? null : new Rebuild(next.getInteger("generation"), next.getString("slot"),
                            next.getDate("startedAt").toInstant(), next.get("startHead", Number.class).longValue(),
                            next.get("position", Number.class).longValue(), next.getDate("positionAt").toInstant()),
                    last == null ? null : new Finished(last.getInteger("generation"), RebuildState.valueOf(last.getString("state")),
                            last.getDate("startedAt").toInstant(), last.getDate("finishedAt").toInstant(),
                            last.get("processed", Number.class).longValue()),
                    retired, d.getInteger("lastGeneration"));
        }

        /** The generation a slot holds now, the current one or the one being built; empty when the slot is free. */
        public Optional<Integer> generationIn(String slot) {
            if (current.slot().equals(slot)) {
                return Optional.of(current.generation());
            }
            return next != null && next.slot().equals(slot) ? Optional.of(next.generation()) : Optional.empty();
        }
    }

    public record Generation(int generation, String slot, Instant since) {
        String otherSlot() {
            return SLOTS.get(0).equals(slot) ? SLOTS.get(1) : SLOTS.get(0);
        }
    }

    public record Rebuild(int generation, String slot, Instant startedAt, long startHead, long position,
                          Instant positionAt) {
    }

    public record Finished(int generation, RebuildState state, Instant startedAt, Instant finishedAt, long processed) {
    }

    public record Retired(int generation, String slot, Instant at) {
    }
}
