package org.socialmaturity.scoring.timeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import jakarta.inject.Singleton;

import org.bson.Document;
import org.socialmaturity.eventstore.AxonSettings;
import org.socialmaturity.scoring.timeline.CompanyTimeline.Entry;
import org.socialmaturity.web.ApiProblem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;

/**
 * Stores company timelines: one small document per company ({@code timelines}) and one per recorded answer
 * ({@code timeline_entries}, id {@code companyId/n}), always read and written by id. Entries never change once
 * written, so queries keep them in memory and only fetch the ones the company document says are new: any replica
 * answers with what the store holds, at the cost of one lookup.
 */
@Singleton
public class Timelines {

    private static final int PAGE = 256;
    private static final int CACHED_COMPANIES = 500;

    private final MongoCollection<Document> timelines;
    private final MongoCollection<Document> entries;
    private final ObjectMapper json;
    private final Map<String, Cached> cache = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
                    return size() > CACHED_COMPANIES;
                }
            });

    Timelines(MongoClient mongo, AxonSettings settings, ObjectMapper json) {
        this.timelines = mongo.getDatabase(settings.serviceDatabase()).getCollection("timelines");
        this.entries = mongo.getDatabase(settings.serviceDatabase()).getCollection("timeline_entries");
        this.json = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    public Optional<CompanyTimeline> find(String companyId) {
        Document document = timelines.find(Filters.eq("_id", companyId)).first();
        return document == null ? Optional.empty() : Optional.of(read(document, CompanyTimeline.class));
    }

    /** Another partner's company is not found, exactly like a company that does not exist. */
    public CompanyTimeline require(String partnerId, String companyId) {
        return find(companyId).filter(t -> partnerId.equals(t.partnerId))
                .orElseThrow(() -> ApiProblem.notFound("Company", companyId));
    }

    /** The company's timeline with all its entries, for a query by its partner. */
    public TimelineView view(String partnerId, String companyId) {
        CompanyTimeline timeline = require(partnerId, companyId);
        Cached cached = cachedEntries(timeline);
        return new TimelineView(timeline, cached.entries(), cached.points());
    }

    private Cached cachedEntries(CompanyTimeline timeline) {
        Cached known = cache.getOrDefault(timeline.companyId, new Cached(List.of(), List.of()));
        if (known.entries().size() == timeline.entryCount) {
            return known;
        }
        boolean append = known.entries().size() < timeline.entryCount;
        List<Entry> all = append ? new ArrayList<>(known.entries()) : new ArrayList<>();
        List<String> points = append ? new ArrayList<>(known.points()) : new ArrayList<>();
        while (all.size() < timeline.entryCount) {
            int from = all.size();
            int to = Math.min(timeline.entryCount, from + PAGE);
            List<Entry> page = new ArrayList<>();
            entries.find(Filters.in("_id", IntStream.range(from, to).mapToObj(n -> key(timeline.companyId, n)).toList()))
                    .forEach(d -> page.add(read(d, Entry.class)));
            if (page.size() != to - from) {
                throw new IllegalStateException("Timeline of " + timeline.companyId + " misses entries in ["
                        + from + ", " + to + ")");
            }
            page.sort(Comparator.comparingLong(Entry::globalIndex));
            all.addAll(page);
            page.forEach(entry -> points.add(jsonOf(TimelineResource.Point.of(entry))));
        }
        Cached result = new Cached(List.copyOf(all), List.copyOf(points));
        cache.put(timeline.companyId, result);
        return result;
    }

    private record Cached(List<Entry> entries, List<String> points) {
    }

    /** Writes the company's next entry; writing it again (a retried event) replaces it with the same content. */
    void saveEntry(CompanyTimeline timeline, Entry entry) {
        Document document = write(entry).append("_id", key(timeline.companyId, timeline.entryCount));
        entries.replaceOne(Filters.eq("_id", document.get("_id")), document, new ReplaceOptions().upsert(true));
    }

    void save(CompanyTimeline timeline) {
        Document document = write(timeline).append("_id", timeline.companyId);
        timelines.replaceOne(Filters.eq("_id", timeline.companyId), document, new ReplaceOptions().upsert(true));
    }

    void deleteAll() {
        timelines.deleteMany(new Document());
        entries.deleteMany(new Document());
        cache.clear();
    }

    /** Every stored document of both collections, for comparing read models field by field. */
    public List<Document> raw() {
        List<Document> all = timelines.find().into(new ArrayList<>());
        all.addAll(entries.find().into(new ArrayList<>()));
        return all;
    }

    private static String key(String companyId, int n) {
        return companyId + "/" + n;
    }

    private Document write(Object value) {
        return Document.parse(jsonOf(value));
    }

    private String jsonOf(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unwritable " + value.getClass().getSimpleName(), e);
        }
    }

    private <T> T read(Document document, Class<T> type) {
        try {
            return json.readValue(document.toJson(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable " + type.getSimpleName() + " " + document.get("_id"), e);
        }
    }
}
