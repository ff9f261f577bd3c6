package org.socialmaturity.scoring.timeline;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import org.bson.Document;
import org.jboss.logging.Logger;
import org.socialmaturity.eventstore.AxonSettings;
import org.socialmaturity.scoring.timeline.CompanyTimeline.Entry;
import org.socialmaturity.web.ApiProblem;
import org.socialmaturity.web.JsonDocuments;
import org.socialmaturity.web.readmodel.ReadModelGenerations;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;

/**
 * Stores company timelines, one set of collections per generation of the read model ({@link TimelineReadModel}):
 * one small document per company ({@code timelines_g<n>}) and one per recorded answer ({@code timeline_entries_g<n>},
 * id {@code companyId/n}), always read and written by id. Queries read the current generation. Entries never change
 * once written, so queries keep them in memory and only fetch the ones the company document says are new: any
 * replica answers with what the store holds, at the cost of one lookup. The memory is keyed by the generation and the
 * document's {@code lastIndex} too, so that a document the store holds differently (rebuilt, restored) is read again.
 */
@Singleton
public class Timelines {

    public static final String READ_MODEL = "maturity-timeline";
    private static final int PAGE = 256;
    private static final int CACHED_COMPANIES = 500;

    private static final Logger LOG = Logger.getLogger(Timelines.class);

    private final Instance<CompanyRebuild> rebuild;
    private final ReadModelGenerations generations;
    private final MongoDatabase database;
    private final ObjectMapper json;
    private final Map<Integer, Collections> collections = new ConcurrentHashMap<>();
    private final Map<String, Cached> cache = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
                    return size() > CACHED_COMPANIES;
                }
            });

    Timelines(MongoClient mongo, AxonSettings settings, ObjectMapper json, Instance<CompanyRebuild> rebuild,
              ReadModelGenerations generations) {
        this.rebuild = rebuild;
        this.generations = generations;
        this.database = mongo.getDatabase(settings.serviceDatabase());
        this.json = json;
    }

    public Optional<CompanyTimeline> find(String companyId) {
        return current().timelines().find(companyId);
    }

    /** Another partner's company is not found, exactly like a company that does not exist. */
    public CompanyTimeline require(String partnerId, String companyId) {
        return find(companyId).filter(t -> partnerId.equals(t.partnerId))
                .orElseThrow(() -> ApiProblem.notFound("Company", companyId));
    }

    /**
     * The company's timeline with all its entries, for a query by its partner. A timeline that misses entries it
     * counts is rebuilt from the event store first, rather than answered half or refused.
     */
    public TimelineView view(String partnerId, String companyId) {
        int generation = generations.current(READ_MODEL);
        CompanyTimeline timeline = of(generation).timelines().find(companyId).filter(t -> partnerId.equals(t.partnerId))
                .orElseThrow(() -> ApiProblem.notFound("Company", companyId));
        Optional<Cached> cached = cachedEntries(generation, timeline);
        if (cached.isEmpty()) {
            LOG.warnf("Timeline of %s misses entries: rebuilding it from the event store", companyId);
            timeline = rebuild.get().rebuild(companyId).filter(t -> partnerId.equals(t.partnerId))
                    .orElseThrow(() -> ApiProblem.notFound("Company", companyId));
            cached = cachedEntries(generations.current(READ_MODEL), timeline);
        }
        Cached found = cached.orElseThrow(() -> new IllegalStateException("Timeline of " + companyId
                + " still misses entries after a rebuild"));
        return new TimelineView(timeline, found.entries(), found.points());
    }

    /** @return empty when the store misses an entry the timeline counts */
    private Optional<Cached> cachedEntries(int generation, CompanyTimeline timeline) {
        Cached known = cache.get(timeline.companyId);
        if (known == null || known.generation() != generation) {
            known = new Cached(generation, List.of(), List.of(), -1);
        }
        boolean notAhead = known.lastIndex() <= timeline.lastIndex;
        if (known.entries().size() == timeline.entryCount && notAhead) {
            return Optional.of(known);
        }
        boolean append = known.entries().size() < timeline.entryCount && notAhead;
        List<Entry> all = append ? new ArrayList<>(known.entries()) : new ArrayList<>();
        List<String> points = append ? new ArrayList<>(known.points()) : new ArrayList<>();
        JsonDocuments<Entry> entries = of(generation).entries();
        while (all.size() < timeline.entryCount) {
            int from = all.size();
            int to = Math.min(timeline.entryCount, from + PAGE);
            List<Entry> page = new ArrayList<>(entries.findAll(
                    IntStream.range(from, to).mapToObj(n -> key(timeline.companyId, n)).toList()));
            if (page.size() != to - from) {
                cache.remove(timeline.companyId);
                return Optional.empty();
            }
            page.sort(Comparator.comparingLong(Entry::globalIndex));
            all.addAll(page);
            page.forEach(entry -> points.add(entries.toJson(TimelineResource.Point.of(entry))));
        }
        Cached result = new Cached(generation, List.copyOf(all), List.copyOf(points), timeline.lastIndex);
        cache.put(timeline.companyId, result);
        return Optional.of(result);
    }

    /** A company's entries as last read from the store, and the generation and {@code lastIndex} they belong to. */
    private record Cached(int generation, List<Entry> entries, List<String> points, long lastIndex) {
    }

    /** The stored timelines of these companies in a generation. */
    Map<String, CompanyTimeline> findAll(int generation, Collection<String> companyIds) {
        Map<String, CompanyTimeline> found = new HashMap<>();
        of(generation).timelines().findAll(List.copyOf(companyIds)).forEach(t -> found.put(t.companyId, t));
        return found;
    }

    /**
     * Writes the timelines a batch changed into a generation: their new entries first, then the company documents
     * that count them, each kind in one bulk write. Writing them again (a batch applied twice) writes the same.
     */
    void write(int generation, List<CompanyTimeline> changed) {
        Map<String, Entry> newEntries = new LinkedHashMap<>();
        Map<String, CompanyTimeline> documents = new LinkedHashMap<>();
        for (CompanyTimeline timeline : changed) {
            int first = timeline.entryCount - timeline.unsavedEntries.size();
            for (int n = 0; n < timeline.unsavedEntries.size(); n++) {
                newEntries.put(key(timeline.companyId, first + n), timeline.unsavedEntries.get(n));
            }
            documents.put(timeline.companyId, timeline);
        }
        Collections target = of(generation);
        // Replaced, not inserted if absent: an entry left by a writer that raced this batch (a company rebuild on a
        // read) must not survive under the number this batch's document counts for its own answer.
        target.entries().saveAll(newEntries);
        target.timelines().saveAll(documents);
    }

    /**
     * Replaces a company's timeline with one rebuilt from the event store: the entries first, then the document, and
     * that only if the stored document is still the one the rebuild started from ({@code lastIndex} unchanged, or
     * still none), so that an event the projection applied meanwhile is not undone.
     *
     * @return false when the projection moved on meanwhile: rebuild again
     */
    boolean replace(CompanyTimeline rebuilt, List<Entry> rebuiltEntries, Long lastIndexBefore, int entryCountBefore) {
        Collections target = current();
        for (int n = 0; n < rebuiltEntries.size(); n++) {
            target.entries().save(key(rebuilt.companyId, n), rebuiltEntries.get(n));
        }
        boolean replaced = target.timelines().replaceIf(rebuilt.companyId, rebuilt, "lastIndex", lastIndexBefore);
        if (replaced && entryCountBefore > rebuiltEntries.size()) {
            target.entries().deleteAll(IntStream.range(rebuiltEntries.size(), entryCountBefore)
                    .mapToObj(n -> key(rebuilt.companyId, n)).toList());
        }
        cache.remove(rebuilt.companyId);
        return replaced;
    }

    void drop(int generation) {
        Collections dropped = of(generation);
        dropped.timelines().drop();
        dropped.entries().drop();
        collections.remove(generation);
    }

    /**
     * The entries the store holds for a company, read past any cache, in the order written; a missing one is left
     * out. For the consistency check, which must see what a restarted replica would see.
     */
    public List<Entry> storedEntries(CompanyTimeline timeline) {
        JsonDocuments<Entry> entries = current().entries();
        List<Entry> stored = new ArrayList<>();
        for (int from = 0; from < timeline.entryCount; from += PAGE) {
            int to = Math.min(timeline.entryCount, from + PAGE);
            stored.addAll(entries.findAll(IntStream.range(from, to).mapToObj(n -> key(timeline.companyId, n)).toList()));
        }
        stored.sort(Comparator.comparingLong(Entry::globalIndex));
        return stored;
    }

    /** Every stored document of both collections of the current generation, for comparing read models. */
    public List<Document> raw() {
        Collections current = current();
        List<Document> all = current.timelines().raw();
        all.addAll(current.entries().raw());
        return all;
    }

    private Collections current() {
        return of(generations.current(READ_MODEL));
    }

    private Collections of(int generation) {
        return collections.computeIfAbsent(generation, g -> new Collections(
                new JsonDocuments<>(database.getCollection("timelines_g" + g), json, CompanyTimeline.class),
                new JsonDocuments<>(database.getCollection("timeline_entries_g" + g), json, Entry.class)));
    }

    private static String key(String companyId, int n) {
        return companyId + "/" + n;
    }

    /** One generation's collections. */
    private record Collections(JsonDocuments<CompanyTimeline> timelines, JsonDocuments<Entry> entries) {
    }
}
