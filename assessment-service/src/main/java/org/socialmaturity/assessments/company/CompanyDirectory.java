package org.socialmaturity.assessments.company;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import jakarta.inject.Singleton;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.socialmaturity.contracts.company.CompanyRegistered;
import org.socialmaturity.eventstore.AxonSettings;
import org.socialmaturity.web.Page;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;

/**
 * The read model behind "list my companies": one document per company, in the service's own database. Rebuilt from
 * the event store by replay; writes are upserts keyed by company id, so handling an event twice changes nothing.
 */
@Singleton
@ProcessingGroup(CompanyDirectory.PROCESSOR)
public class CompanyDirectory {

    public static final String PROCESSOR = "company-directory";

    private final MongoCollection<Document> companies;

    CompanyDirectory(MongoClient mongo, AxonSettings settings) {
        this.companies = mongo.getDatabase(settings.serviceDatabase()).getCollection("companies");
    }

    @EventHandler
    void on(CompanyRegistered event) {
        Document company = new Document("_id", event.companyId())
                .append("partnerId", event.partnerId())
                .append("name", event.name())
                .append("sector", event.sector())
                .append("country", event.country())
                .append("employees", event.employees())
                .append("registeredAt", Date.from(event.registeredAt()));
        companies.replaceOne(Filters.eq("_id", event.companyId()), company, new ReplaceOptions().upsert(true));
    }

    @ResetHandler
    void reset() {
        companies.deleteMany(new Document());
    }

    /** The partner's companies, oldest first. */
    public List<CompanyRegistered> list(String partnerId, Page.Request page) {
        Bson filter = Filters.eq("partnerId", partnerId);
        List<CompanyRegistered> result = new ArrayList<>();
        companies.find(filter).sort(Sorts.ascending("registeredAt", "_id")).skip(page.offset()).limit(page.size())
                .forEach(d -> result.add(toEvent(d)));
        return result;
    }

    public long count(String partnerId) {
        return companies.countDocuments(Filters.eq("partnerId", partnerId));
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

    /** Whether the directory lists the company: what the consistency check compares with its registration. */
    boolean lists(String companyId) {
        return companies.find(Filters.eq("_id", companyId)).first() != null;
    }

    private static CompanyRegistered toEvent(Document d) {
        Instant registeredAt = d.getDate("registeredAt").toInstant();
        return new CompanyRegistered(d.getString("_id"), d.getString("partnerId"), d.getString("name"),
                d.getString("sector"), d.getString("country"), d.getInteger("employees"), registeredAt);
    }
}
