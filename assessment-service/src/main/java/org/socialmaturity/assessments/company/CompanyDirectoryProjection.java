package org.socialmaturity.assessments.company;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import org.axonframework.eventhandling.EventMessage;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.socialmaturity.contracts.assessment.AnswerRecorded;
import org.socialmaturity.contracts.company.CompanyRegistered;
import org.socialmaturity.eventstore.AxonSettings;
import org.socialmaturity.http.Page;
import org.socialmaturity.web.JsonDocuments;
import org.socialmaturity.web.readmodel.GenerationalReadModel;
import org.socialmaturity.web.readmodel.ReadModelGenerations;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;

/**
 * The read model behind "list my companies" (and when each company last answered): one document per company, in one
 * collection per generation
 * ({@code companies_g<n>}) of the service's own database, rebuilt side by side ({@code ReadModelSlots}). Writes
 * replace by company id and skip events at or before the document's {@code lastIndex}, so handling an event twice
 * changes nothing.
 */
@Singleton
public class CompanyDirectoryProjection implements GenerationalReadModel<Document> {

    public static final String READ_MODEL = "company-directory";

    private final MongoDatabase database;
    private final ReadModelGenerations generations;
    private final Map<Integer, MongoCollection<Document>> collections = new ConcurrentHashMap<>();

    CompanyDirectoryProjection(MongoClient mongo, AxonSettings settings, ReadModelGenerations generations) {
        this.database = mongo.getDatabase(settings.serviceDatabase());
        this.generations = generations;
    }

    @Override
    public String name() {
        return READ_MODEL;
    }

    @Override
    public boolean handles(Object payload) {
        return payload instanceof CompanyRegistered || payload instanceof AnswerRecorded;
    }

    @Override
    public Map<String, Document> load(int generation, Collection<String> keys) {
        Map<String, Document> found = new HashMap<>();
        companies(generation).find(Filters.in("_id", keys)).forEach(d -> found.put(d.getString("_id"), d));
        return found;
    }

    @Override
    public Document create(String key) {
        return new Document("_id", key).append("lastIndex", -1L);
    }

    @Override
    public boolean apply(Document company, EventMessage<?> message, long index) {
        if (index <= company.get("lastIndex", Number.class).longValue()) {
            return false;
        }
        if (message.getPayload() instanceof AnswerRecorded answer) {
            Date at = Date.from(answer.recordedAt());
            Date before = company.getDate("lastAnsweredAt");
            if (before == null || at.after(before)) {
                company.append("lastAnsweredAt", at);
            }
            company.append("lastIndex", index);
            return true;
        }
        if (!(message.getPayload() instanceof CompanyRegistered event)) {
            return false;
        }
        company.append("partnerId", event.partnerId())
                .append("name", event.name())
                .append("sector", event.sector())
                .append("country", event.country())
                .append("employees", event.employees())
                .append("registeredAt", Date.from(event.registeredAt()))
                .append("lastIndex", index);
        return true;
    }

    @Override
    public long lastIndex(Document company) {
        return company.get("lastIndex", Number.class).longValue();
    }

    @Override
    public Set<String> write(int generation, Map<String, Document> changed, Map<String, Long> readAt) {
        return JsonDocuments.replaceAllIf(companies(generation), changed, "lastIndex", readAt);
    }

    @Override
    public void drop(int generation) {
        companies(generation).drop();
        collections.remove(generation);
    }

    private MongoCollection<Document> companies(int generation) {
        return collections.computeIfAbsent(generation, g -> {
            MongoCollection<Document> companies = database.getCollection("companies_g" + g);
            JsonDocuments.uniqueIndex(companies, "lastIndex");
            // A partner's companies, in the order they are listed: read from the index, not the collection.
            companies.createIndex(Indexes.ascending("partnerId", "registeredAt", "_id"));
            return companies;
        });
    }

    private MongoCollection<Document> companies() {
        return companies(generations.current(READ_MODEL));
    }

    /** The partner's companies, oldest first. */
    public List<CompanyRegistered> list(String partnerId, Page.Request page) {
        Bson filter = Filters.eq("partnerId", partnerId);
        List<CompanyRegistered> result = new ArrayList<>();
        companies().find(filter).sort(Sorts.ascending("registeredAt", "_id")).skip(page.offset()).limit(page.size())
                .forEach(d -> result.add(toEvent(d)));
        return result;
    }

    public long count(String partnerId) {
        return companies().countDocuments(Filters.eq("partnerId", partnerId));
    }

    /**
     * Waits until the directory lists a company just registered, so that a partner who lists right after
     * registering sees it. Gives up quietly after {@code timeout}: the registration itself is already durable.
     */
    public boolean awaitListed(String companyId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (lists(companyId)) {
                return true;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /**
     * When the company's latest answer was given, as far as the directory has read: what an import of past
     * assessments must come after.
     */
    public Optional<Instant> lastAnsweredAt(String companyId) {
        return Optional.ofNullable(companies().find(Filters.eq("_id", companyId)).first())
                .map(d -> d.getDate("lastAnsweredAt")).map(Date::toInstant);
    }

    /** Whether the directory lists the company: what the consistency check compares with its registration. */
    boolean lists(String companyId) {
        return companies().find(Filters.eq("_id", companyId)).first() != null;
    }

    private static CompanyRegistered toEvent(Document d) {
        Instant registeredAt = d.getDate("registeredAt").toInstant();
        return new CompanyRegistered(d.getString("_id"), d.getString("partnerId"), d.getString("name"),
                d.getString("sector"), d.getString("country"), d.getInteger("employees"), registeredAt);
    }
}
