package org.socialmaturity.scoring.timeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import org.bson.Document;
import org.socialmaturity.eventstore.AxonSettings;
import org.socialmaturity.scoring.timeline.CompanyTimeline.Entry;
import org.socialmaturity.web.ApiProblem;
import org.socialmaturity.web.JsonDocuments;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;

/**
 * Stores company timelines: one small document per company ({@code timelines}) and one per recorded answer
 * ({@code timeline_entries}, id {@code companyId/n}), always read and written by id. Entries never change once
 * written, so queries keep them in memory and only fetch the ones the company document says are new: any replica
 * answers with what the store holds, at the cost of one lookup. The memory is keyed by the document's
 * {@code lastIndex} too, so that a document the store holds differently (rebuilt, restored) is read again.
 */
@Singleton
public class Timelines {

    private static final int PAGE = 256;
    private static final int CACHED_COMPANIES = 500;

    private static final Logger LOG = Logger.getLogger(Timelines.class);

    private final Instance<CompanyRebuild> rebuild;
    private final JsonDocuments<CompanyTimeline> timelines;
    private final JsonDocuments<Entry> entries;
    private final Map<String, Cached> cache = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
                    return size() > CACHED_COMPANIES;
                }
            });

    Timelines(MongoClient mongo, AxonSettings settings, ObjectMapper json, Instance<CompanyRebuild> rebuild) {
        this.rebuild = rebuild;
        MongoDatabase database = mongo.getDatabase(settings.serviceDatabase());
        this.timelines = new JsonDocuments<>(database.getCollection("timelines"), json, CompanyTimeline.class);
        this.entries = new JsonDocuments<>(database.getCollection("timeline_entries"), json, Entry.class);
    }

    public Optional<CompanyTimeline> find(String companyId) {
        return timelines.find(companyId);
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
        CompanyTimeline timeline = require(partnerId, companyId);
        Optional<Cached> cached = cachedEntries(timeline);
        if (cached.isEmpty()) {
            LOG.warnf("Timeline of %s misses entries: rebuilding it from the event store", companyId);
            timeline = rebuild.get().rebuild(companyId).filter(t -> partnerId.equals(t.partnerId))
                    .orElseThrow(() -> ApiProblem.notFound("Company", companyId));
            cached = cachedEntries(timeline);
        }
        Cached found = cached.orElseThrow(() -> new IllegalStateException("Timeline of " + companyId
                + " still misses entries after a rebuild"));
        return new TimelineView(timeline, found.entries(), found.points());
    }

    /** @return empty when the store misses an entry the timeline counts */
    private Optional<Cached> cachedEntries(CompanyTimeline timeline) {
        Cached known = cache.getOrDefault(timeline.companyId, new Cached(List.of(), List.of(), -1));
        boolean notAhead = known.lastIndex() <= timeline.lastIndex;
        if (known.entries().size() == timeline.entryCount && notAhead) {
            return Optional.of(known);
        }
        boolean append = known.entries().size() < timeline.entryCount && notAhead;
        List<Entry> all = append ? new ArrayList<>(known.entries()) : new ArrayList<>();
        List<String> points = append ? new ArrayList<>(known.points()) : new ArrayList<>();
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
        Cached result = new Cached(List.copyOf(all), List.copyOf(points), timeline.lastIndex);
        cache.put(timeline.companyId, result);
        return Optional.of(result);
    }

    /** A company's entries as last read from the store, and the {@code lastIndex} of the document they belong to. */
    private record Cached(List<Entry> entries, List<String> points, long lastIndex) {
    }

    /** Writes the company's entry {@code n}; writing it again (a retried event) replaces it with the same content. */
    void saveEntry(String companyId, int n, Entry entry) {
        entries.save(key(companyId, n), entry);
    }

    /**
     * Replaces a company's timeline with one rebuilt from the event store: the entries first, then the document, and
     * that only if the stored document is still the one the rebuild started from ({@code lastIndex} unchanged, or
     * still none), so that an event the projection applied meanwhile is not undone.
     *
     * @return false when the projection moved on meanwhile: rebuild again
     */
    boolean replace(CompanyTimeline rebuilt, List<Entry> rebuiltEntries, Long lastIndexBefore, int entryCountBefore) {
        for (int n = 0; n < rebuiltEntries.size(); n++) {
            entries.save(key(rebuilt.companyId, n), rebuiltEntries.get(n));
        }
        boolean replaced = timelines.replaceIf(rebuilt.companyId, rebuilt, "lastIndex", lastIndexBefore);
        if (replaced && entryCountBefore > rebuiltEntries.size()) {
            entries.deleteAll(IntStream.range(rebuiltEntries.size(), entryCountBefore)
                    .mapToObj(n -> key(rebuilt.companyId, n)).toList());
        }
        cache.remove(rebuilt.companyId);
        return replaced;
    }

    void save(CompanyTimeline timeline) {
        timelines.save(timeline.companyId, timeline);
    }

    void deleteAll() {
        timelines.deleteAll();
        entries.deleteAll();
        cache.clear();
    }

    /**
     * The entries the store holds for a company, read past any cache, in the order written; a missing one is left
     * out. For the consistency check, which must see what a restarted replica would see.
     */
    public List<Entry> storedEntries(CompanyTimeline timeline) {
        List<Entry> stored = new ArrayList<>();
        for (int from = 0; from < timeline.entryCount; from += PAGE) {
            int to = Math.min(timeline.entryCount, from + PAGE);
            stored.addAll(entries.findAll(IntStream.range(from, to).mapToObj(n -> key(timeline.companyId, n)).toList()));
        }
        stored.sort(Comparator.comparingLong(Entry::globalIndex));
        return stored;
    }

    /** Every stored document of both collections, for comparing read models field by field. */
    public List<Document> raw() {
        List<Document> all = timelines.raw();
        all.addAll(entries.raw());
        return all;
    }

    private static String key(String companyId, int n) {
        return companyId + "/" + n;
    }
}
