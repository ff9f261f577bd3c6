package org.socialmaturity.scoring.timeline;

import org.socialmaturity.contracts.company.UnknownCompany;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.socialmaturity.eventstore.AxonSettings;
import org.socialmaturity.contracts.maturity.AnswerState;
import org.socialmaturity.scoring.timeline.CompanyTimeline.Entry;
import org.socialmaturity.web.JsonDocuments;
import org.socialmaturity.web.readmodel.ReadModelGenerations;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;

/**
 * Stores company timelines, one set of collections per generation of the read model ({@link TimelineProjection}):
 * one small document per company ({@code timelines_g<n>}) and its entries in pages of {@value #PAGE_SIZE}
 * ({@code timeline_pages_g<n>}, id {@code companyId/p}, entry {@code n} in field {@code e<n>} of page
 * {@code n / 32}), always read and written by id. An entry is set into its page once, without reading the page, so a
 * batch writes one document per company and page however many answers it holds. Queries read the current generation.
 * Entries never change once written, so queries keep them in memory and only fetch the pages the company document says
 * are new: any replica answers with what the store holds, at the cost of one lookup. The memory is keyed by the
 * generation and the document's {@code lastIndex} too, so that a document the store holds differently (rebuilt,
 * restored) is read again.
 */
@Singleton
public class TimelineRepository {

    public static final String READ_MODEL = "maturity-timeline";
    static final int PAGE_SIZE = 32;
    static final String CACHE_MEGABYTES = "platform.timeline.cache-megabytes";
    static final String DEFAULT_CACHE_MEGABYTES = "64";
    private static final int PAGES_PER_READ = 16;
    private static final int ENTRIES_PER_READ = PAGE_SIZE * PAGES_PER_READ;

    private static final Logger LOG = Logger.getLogger(TimelineRepository.class);

    private final Instance<CompanyRebuild> rebuild;
    private final TimelineEvents events;
    private final ReadModelGenerations generations;
    private final MongoDatabase database;
    private final ObjectMapper json;
    private final Map<Integer, Collections> collections = new ConcurrentHashMap<>();
    /** Companies' scored entries and rendered points, least recently used out first, bounded by their bytes. */
    private final Cache<String, Cached> cache;

    TimelineRepository(MongoClient mongo, AxonSettings settings, ObjectMapper json, Instance<CompanyRebuild> rebuild,
              TimelineEvents events, ReadModelGenerations generations,
              @ConfigProperty(name = CACHE_MEGABYTES, defaultValue = DEFAULT_CACHE_MEGABYTES) long cacheMegabytes) {
        this.cache = cacheOf(cacheMegabytes * 1024 * 1024);
        this.rebuild = rebuild;
        this.events = events;
        this.generations = generations;
        this.database = mongo.getDatabase(settings.serviceDatabase());
        this.json = json;
    }

    public Optional<CompanyTimeline> find(String companyId) {
        return current().timelines().find(companyId);
    }

    /** Every company's timeline document of the generation partners read (not their entries), one at a time. */
    public void forEachCompany(Consumer<CompanyTimeline> visit) {
        current().timelines().forEach(visit);
    }

    /** Another partner's company is not found, exactly like a company that does not exist. */
    public CompanyTimeline require(String partnerId, String companyId) {
        return find(companyId).filter(t -> partnerId.equals(t.partnerId))
                .orElseThrow(() -> new UnknownCompany(companyId));
    }

    /**
     * The company's timeline with all its entries, for a query by its partner. A timeline that misses entries it
     * counts is rebuilt from the event store first, rather than answered half or refused.
     */
    public TimelineView view(String partnerId, String companyId) {
        int generation = generations.current(READ_MODEL);
        CompanyTimeline timeline = of(generation).timelines().find(companyId).filter(t -> partnerId.equals(t.partnerId))
                .orElseThrow(() -> new UnknownCompany(companyId));
        Optional<Cached> cached = cachedEntries(generation, timeline);
        if (cached.isEmpty()) {
            LOG.warnf("Timeline of %s misses entries: rebuilding it from the event store", companyId);
            timeline = rebuild.get().rebuild(companyId).filter(t -> partnerId.equals(t.partnerId))
                    .orElseThrow(() -> new UnknownCompany(companyId));
            cached = cachedEntries(generations.current(READ_MODEL), timeline);
        }
        Cached found = cached.orElseThrow(() -> new IllegalStateException("Timeline of " + companyId
                + " still misses entries after a rebuild"));
        return new TimelineView(timeline, found.entries(), found.points());
    }

    /**
     * Entries {@code offset} to {@code offset + size} (exclusive) of a company with their notes, for a page of its
     * history: the scores come from the company's cached view, the notes from the pages that hold those entries only.
     */
    public List<Entry> historyPage(TimelineView view, long offset, int size) {
        int count = view.entries().size();
        int from = (int) Math.min(offset, count);
        int to = (int) Math.min(count, offset + size);
        if (from >= to) {
            return List.of();
        }
        Optional<List<Entry>> stored = stored(current().pages(), view.timeline().companyId, from, to);
        if (stored.isEmpty()) {
            // Lost since the view was read: the view heals the company, then the page is read again.
            return historyPage(view(view.timeline().partnerId, view.timeline().companyId), offset, size);
        }
        List<Entry> page = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            page.add(stored.get().get(i - from).withMaturity(view.entries().get(i).maturity()));
        }
        return page;
    }

    /**
     * A company's entries with their notes, for an export: scored, in the order recorded, up to the count the company
     * had when this was called. They are read a few pages at a time and not kept, so a company of any size takes the
     * memory of one read (the cache holds entries without their notes). An entry found missing makes the company be
     * rebuilt from the event store (which holds that company's entries at once), and the walk goes on where it was:
     * entries never change.
     *
     * @throws UnknownCompany, before anything is read, when the partner has no such company
     */
    public Walk walk(String partnerId, String companyId) {
        return new Walk(companyId, require(partnerId, companyId).entryCount);
    }

    /** See {@link #walk}. */
    public final class Walk {

        private final String companyId;
        private final int count;

        private Walk(String companyId, int count) {
            this.companyId = companyId;
            this.count = count;
        }

        /** Every entry, in order. */
        public void forEach(Consumer<Entry> visit) {
            AnswerState state = new AnswerState();
            int next = 0;
            boolean rebuilt = false;
            while ((next = scoreInChunks(current().pages(), companyId, next, count, state, visit)) < count) {
                if (rebuilt) {
                    throw new IllegalStateException("Timeline of " + companyId + " still misses entries from " + next
                            + " after a rebuild");
                }
                LOG.warnf("Timeline of %s misses entries from %d: rebuilding it from the event store", companyId, next);
                rebuild.get().rebuild(companyId);
                rebuilt = true;
            }
        }
    }

    /**
     * Reads a company's entries {@code from} to {@code to} (exclusive) a few pages at a time and hands each one, scored,
     * to {@code scored}; {@code state} (the company's answers before {@code from}) moves along.
     *
     * @return {@code to}, or the first entry of the read that found one missing (nothing of that read handed over)
     */
    private int scoreInChunks(JsonDocuments<EntryPage> pages, String companyId, int from, int to,
                              AnswerState state, Consumer<Entry> scored) {
        for (int next = from; next < to; ) {
            int end = Math.min(to, next + ENTRIES_PER_READ);
            Optional<List<Entry>> stored = stored(pages, companyId, next, end);
            if (stored.isEmpty()) {
                return next;
            }
            events.scored(stored.get(), state).forEach(scored);
            next = end;
        }
        return to;
    }

    /** @return empty when the store misses an entry the timeline counts */
    private Optional<Cached> cachedEntries(int generation, CompanyTimeline timeline) {
        Cached known = cache.getIfPresent(timeline.companyId);
        if (known == null || known.generation() != generation) {
            known = Cached.none(generation);
        }
        boolean notAhead = known.lastIndex() <= timeline.lastIndex;
        if (known.entries().size() == timeline.entryCount && notAhead) {
            return Optional.of(known);
        }
        boolean append = known.entries().size() < timeline.entryCount && notAhead;
        if (!append) {
            known = Cached.none(generation);
        }
        AnswerState state = known.state().copy();
        List<Entry> all = new ArrayList<>(known.entries());
        List<String> points = new ArrayList<>(known.points());
        JsonDocuments<EntryPage> pages = of(generation).pages();
        // Each entry kept without its notes: a company with 100,000 long answers is held in the memory of its scores,
        // not of its texts.
        if (scoreInChunks(pages, timeline.companyId, known.entries().size(), timeline.entryCount, state, entry -> {
            all.add(entry.withoutNotes());
            points.add(pages.toJson(TimelineResource.Point.of(entry)));
        }) < timeline.entryCount) {
            cache.invalidate(timeline.companyId);
            return Optional.empty();
        }
        Cached result = new Cached(generation, List.copyOf(all), List.copyOf(points), state,
                timeline.lastIndex);
        cache.put(timeline.companyId, result);
        return Optional.of(result);
    }

    /**
     * Entries {@code from} (inclusive) to {@code to} (exclusive) of a company as stored, without their maturity.
     *
     * @return empty when one of them is missing
     */
    private static Optional<List<Entry>> stored(JsonDocuments<EntryPage> pages, String companyId, int from, int to) {
        Map<Integer, Entry> found = entries(pages, companyId, from, to);
        List<Entry> entries = new ArrayList<>(found.size());
        for (int n = from; n < to; n++) {
            Entry entry = found.get(n);
            if (entry == null) {
                return Optional.empty();
            }
            entries.add(entry);
        }
        return Optional.of(entries);
    }

    /** The stored entries numbered {@code from} (inclusive) to {@code to} (exclusive), by number; missing ones absent. */
    private static Map<Integer, Entry> entries(JsonDocuments<EntryPage> pages, String companyId, int from, int to) {
        Map<Integer, Entry> found = new HashMap<>();
        if (from >= to) {
            return found;
        }
        int lastPage = (to - 1) / PAGE_SIZE;
        for (int page = from / PAGE_SIZE; page <= lastPage; page += PAGES_PER_READ) {
            List<String> ids = IntStream.rangeClosed(page, Math.min(lastPage, page + PAGES_PER_READ - 1))
                    .mapToObj(p -> pageKey(companyId, p)).toList();
            pages.findAll(ids).forEach(p -> p.entries.forEach((field, entry) -> {
                int n = EntryPage.number(field);
                if (n >= from && n < to) {
                    found.put(n, entry);
                }
            }));
        }
        return found;
    }

    /**
     * A cache of at most {@code bytes} (as {@link Cached#bytes} estimates them): a company with 100,000 answers weighs
     * a hundred megabytes, so a bound by count of companies bounds nothing. A company heavier
     * than the whole cache is not kept; its queries read its pages each time.
     */
    static Cache<String, Cached> cacheOf(long bytes) {
        return Caffeine.newBuilder()
                .maximumWeight(bytes)
                .weigher((String companyId, Cached cached) -> (int) Math.min(Integer.MAX_VALUE, cached.bytes()))
                .executor(Runnable::run)
                .build();
    }

    /**
     * A company's entries as last read from the store, scored, the company's answer state after the last of them,
     * and the generation and {@code lastIndex} they belong to.
     */
    record Cached(int generation, List<Entry> entries, List<String> points, AnswerState state,
                  long lastIndex) {

        // An entry (kept without its notes): its fixed fields, its scores by dimension and object headers, roughly;
        // a point by the length of its JSON.
        private static final int ENTRY_BYTES = 1024;
        private static final int STRING_BYTES = 48;

        static Cached none(int generation) {
            return new Cached(generation, List.of(), List.of(), new AnswerState(), -1);
        }

        long bytes() {
            long bytes = (long) ENTRY_BYTES * entries.size();
            for (String point : points) {
                bytes += textBytes(point);
            }
            return bytes;
        }

        private static long textBytes(String text) {
            return text == null ? 0 : STRING_BYTES + 2L * text.length();
        }
    }

    /** A page of a company's entries, by entry number. */
    static final class EntryPage {

        @JsonProperty("_id")
        String id;
        /**
         * By field name, {@code e<n>}: entries are top-level fields, not one embedded document, because a dotted
         * {@code $set} costs mongo-java-server a regular expression compiled per field (a rebuild sets hundreds).
         */
        @JsonAnySetter
        final Map<String, Entry> entries = new HashMap<>();

        static String field(int n) {
            return "e" + n;
        }

        static int number(String field) {
            return Integer.parseInt(field.substring(1));
        }
    }

    /** The stored timelines of these companies in a generation. */
    Map<String, CompanyTimeline> findAll(int generation, Collection<String> companyIds) {
        Map<String, CompanyTimeline> found = new HashMap<>();
        of(generation).timelines().findAll(List.copyOf(companyIds)).forEach(t -> found.put(t.companyId, t));
        return found;
    }

    /**
     * Writes the timelines a batch changed into a generation: their new entries first, each set into its page, then
     * the company documents that count them, each only if the stored one is still at the index the batch read it at
     * ({@code readAt}, -1 for none), each kind in one bulk write. An entry is the same whoever writes it (the n-th
     * answer of a company is always the same event), so entries set by a batch whose document then conflicts are
     * harmless; writing a batch again writes the same.
     *
     * @return the companies whose document changed since the batch read it, not written
     */
    Set<String> write(int generation, Map<String, CompanyTimeline> changed, Map<String, Long> readAt) {
        Map<String, Map<String, Entry>> newEntries = new LinkedHashMap<>();
        for (CompanyTimeline timeline : changed.values()) {
            int first = timeline.entryCount - timeline.unsavedEntries.size();
            addToPages(newEntries, timeline.companyId, first, timeline.unsavedEntries);
        }
        Collections target = of(generation);
        target.pages().setAll(newEntries);
        return target.timelines().saveAllIf(changed, "lastIndex", readAt);
    }

    /** Entries numbered from {@code first}, as fields to set, by page. */
    private static void addToPages(Map<String, Map<String, Entry>> pages, String companyId, int first,
                                   List<Entry> entries) {
        for (int i = 0; i < entries.size(); i++) {
            int n = first + i;
            pages.computeIfAbsent(pageKey(companyId, n / PAGE_SIZE), p -> new LinkedHashMap<>())
                    .put(EntryPage.field(n), entries.get(i));
        }
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
        Map<String, Map<String, Entry>> pages = new LinkedHashMap<>();
        addToPages(pages, rebuilt.companyId, 0, rebuiltEntries);
        target.pages().setAll(pages);
        boolean replaced = target.timelines().saveAllIf(Map.of(rebuilt.companyId, rebuilt), "lastIndex",
                Map.of(rebuilt.companyId, lastIndexBefore == null ? -1L : lastIndexBefore)).isEmpty();
        if (replaced && entryCountBefore > rebuiltEntries.size()) {
            Map<String, List<String>> extra = new LinkedHashMap<>();
            for (int n = rebuiltEntries.size(); n < entryCountBefore; n++) {
                extra.computeIfAbsent(pageKey(rebuilt.companyId, n / PAGE_SIZE), p -> new ArrayList<>())
                        .add(EntryPage.field(n));
            }
            extra.forEach((page, fields) -> target.pages().unset(page, fields));
        }
        cache.invalidate(rebuilt.companyId);
        return replaced;
    }

    void drop(int generation) {
        Collections dropped = of(generation);
        dropped.timelines().drop();
        dropped.pages().drop();
        collections.remove(generation);
    }

    /**
     * The entries the store holds for a company, read past any cache, in the order written, without their maturity;
     * a missing one is left out. For the consistency check, which must see what a restarted replica would see.
     */
    public List<Entry> storedEntries(CompanyTimeline timeline) {
        List<Entry> stored = new ArrayList<>(entries(current().pages(), timeline.companyId, 0, timeline.entryCount)
                .values());
        stored.sort(Comparator.comparingLong(Entry::globalIndex));
        return stored;
    }

    /** Every stored document of both collections of the current generation, for comparing read models. */
    public List<Document> raw() {
        Collections current = current();
        List<Document> all = current.timelines().raw();
        all.addAll(current.pages().raw());
        return all;
    }

    private Collections current() {
        return of(generations.current(READ_MODEL));
    }

    private Collections of(int generation) {
        return collections.computeIfAbsent(generation, g -> new Collections(
                new JsonDocuments<>(database.getCollection("timelines_g" + g), json, CompanyTimeline.class)
                        .uniqueIndex("lastIndex"),
                new JsonDocuments<>(database.getCollection("timeline_pages_g" + g), json, EntryPage.class)));
    }

    private static String pageKey(String companyId, int page) {
        return companyId + "/" + page;
    }

    /** One generation's collections. */
    private record Collections(JsonDocuments<CompanyTimeline> timelines, JsonDocuments<EntryPage> pages) {
    }
}
