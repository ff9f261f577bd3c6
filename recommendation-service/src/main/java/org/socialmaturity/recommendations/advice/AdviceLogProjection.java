package org.socialmaturity.recommendations.advice;

import org.socialmaturity.contracts.company.UnknownCompany;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import org.axonframework.eventhandling.EventMessage;
import org.bson.Document;
import org.socialmaturity.contracts.advice.AdviceIssued;
import org.socialmaturity.contracts.advice.RoadmapItemUpdated;
import org.socialmaturity.contracts.company.CompanyRegistered;
import org.socialmaturity.eventstore.AxonSettings;
import org.socialmaturity.eventstore.AxonRuntime;
import org.socialmaturity.recommendations.advice.AdviceLogView.Assignment;
import org.socialmaturity.recommendations.advice.AdviceLogView.Issued;
import org.socialmaturity.web.JsonDocuments;
import org.socialmaturity.web.readmodel.GenerationalReadModel;
import org.socialmaturity.web.readmodel.ReadModelGenerations;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/**
 * Each company's advice log, one document per company in one collection per generation ({@code advice_logs_g<n>}),
 * built from the registrations, the advice issued and the roadmap assignments, and rebuilt side by side; queries read the current generation,
 * always by id.
 */
@Singleton
public class AdviceLogProjection implements GenerationalReadModel<AdviceLogView> {

    public static final String READ_MODEL = "advice-log";

    private final MongoDatabase database;
    private final ObjectMapper json;
    private final ReadModelGenerations generations;
    private final Map<Integer, JsonDocuments<AdviceLogView>> stores = new ConcurrentHashMap<>();
    /** Emitted one at a time (synchronized): the current slot and the dead-letter retrier write concurrently. */
    private final BroadcastProcessor<String> writes = BroadcastProcessor.create();

    AdviceLogProjection(MongoClient mongo, AxonSettings settings, ObjectMapper json, ReadModelGenerations generations) {
        this.database = mongo.getDatabase(settings.serviceDatabase());
        this.json = json;
        this.generations = generations;
    }

    Optional<AdviceLogView> find(String companyId) {
        return logs(generations.current(READ_MODEL)).find(companyId);
    }

    /** Another partner's company is not found, exactly like a company that does not exist. */
    public AdviceLogView require(String partnerId, String companyId) {
        return find(companyId).filter(l -> partnerId.equals(l.partnerId))
                .orElseThrow(() -> new UnknownCompany(companyId));
    }

    /** Every stored log of the current generation, for comparing read models field by field. */
    public List<Document> raw() {
        return logs(generations.current(READ_MODEL)).raw();
    }

    @Override
    public String name() {
        return READ_MODEL;
    }

    @Override
    public boolean handles(Object payload) {
        return payload instanceof CompanyRegistered || payload instanceof AdviceIssued
                || payload instanceof RoadmapItemUpdated;
    }

    @Override
    public Map<String, AdviceLogView> load(int generation, Collection<String> keys) {
        Map<String, AdviceLogView> found = new HashMap<>();
        logs(generation).findAll(List.copyOf(keys)).forEach(log -> found.put(log.companyId, log));
        return found;
    }

    @Override
    public AdviceLogView create(String key) {
        AdviceLogView log = new AdviceLogView();
        log.companyId = key;
        return log;
    }

    @Override
    public boolean apply(AdviceLogView log, EventMessage<?> event, long index) {
        if (index <= log.lastIndex) {
            return false;
        }
        if (event.getPayload() instanceof CompanyRegistered registered) {
            log.partnerId = registered.partnerId();
        } else if (event.getPayload() instanceof AdviceIssued issued) {
            log.partnerId = issued.partnerId();
            log.issued.add(new Issued(issued.adviceId(), issued.issuedAt(), issued.trigger(), issued.itemCodes(),
                    issued.dimensions(), issued.causeEventId()));
        } else if (event.getPayload() instanceof RoadmapItemUpdated updated) {
            log.assign(new Assignment(updated.itemCode(), updated.owner(), updated.due(), updated.status(),
                    updated.updatedAt(), (String) event.getMetaData().get(AxonRuntime.ACTOR)));
        }
        log.lastIndex = index;
        return true;
    }

    @Override
    public long lastIndex(AdviceLogView log) {
        return log.lastIndex;
    }

    @Override
    public Set<String> write(int generation, Map<String, AdviceLogView> changed, Map<String, Long> readAt) {
        Set<String> notWritten = logs(generation).saveAllIf(changed, "lastIndex", readAt);
        if (generation == generations.current(READ_MODEL)) {
            synchronized (writes) {
                changed.keySet().stream().filter(id -> !notWritten.contains(id)).forEach(writes::onNext);
            }
        }
        return notWritten;
    }

    /** The companies whose logs this replica just wrote: what wakes the advice streams it serves at once. */
    Multi<String> written() {
        return writes;
    }

    @Override
    public void drop(int generation) {
        collectionOf(generation).drop();
        stores.remove(generation);
    }

    /** One store per generation, made once: each copies the service's ObjectMapper. */
    private JsonDocuments<AdviceLogView> logs(int generation) {
        return stores.computeIfAbsent(generation, g -> new JsonDocuments<>(
                collectionOf(g), json, AdviceLogView.class).uniqueIndex("lastIndex"));
    }

    /** Dropping a generation needs no store of it (whose index would be made first). */
    private MongoCollection<Document> collectionOf(int generation) {
        return database.getCollection("advice_logs_g" + generation);
    }
}
