package org.socialmaturity.scoring.timeline;

import java.util.Optional;

import jakarta.inject.Singleton;

import org.bson.Document;
import org.socialmaturity.eventstore.AxonSettings;
import org.socialmaturity.web.ApiProblem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;

/** Stores company timelines, one document per company, always read and written by id. */
@Singleton
public class Timelines {

    private final MongoCollection<Document> timelines;
    private final ObjectMapper json;

    Timelines(MongoClient mongo, AxonSettings settings, ObjectMapper json) {
        this.timelines = mongo.getDatabase(settings.serviceDatabase()).getCollection("timelines");
        this.json = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    public Optional<CompanyTimeline> find(String companyId) {
        Document document = timelines.find(Filters.eq("_id", companyId)).first();
        if (document == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(document.toJson(), CompanyTimeline.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable timeline of company " + companyId, e);
        }
    }

    /** Another partner's company is not found, exactly like a company that does not exist. */
    public CompanyTimeline require(String partnerId, String companyId) {
        return find(companyId).filter(t -> partnerId.equals(t.partnerId))
                .orElseThrow(() -> ApiProblem.notFound("Company", companyId));
    }

    void save(CompanyTimeline timeline) {
        try {
            Document document = Document.parse(json.writeValueAsString(timeline)).append("_id", timeline.companyId);
            timelines.replaceOne(Filters.eq("_id", timeline.companyId), document, new ReplaceOptions().upsert(true));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unwritable timeline of company " + timeline.companyId, e);
        }
    }

    void deleteAll() {
        timelines.deleteMany(new Document());
    }

    /** Every timeline, for comparing read models field by field. */
    public java.util.List<Document> raw() {
        return timelines.find().into(new java.util.ArrayList<>());
    }
}
