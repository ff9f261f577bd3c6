package org.socialmaturity.recommendations.advice;

import java.util.ArrayList;
import java.util.List;
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

/** Stores each company's advice log as one document, read and written by id. */
@Singleton
public class AdviceLogs {

    private final MongoCollection<Document> logs;
    private final ObjectMapper json;

    AdviceLogs(MongoClient mongo, AxonSettings settings, ObjectMapper json) {
        this.logs = mongo.getDatabase(settings.serviceDatabase()).getCollection("advice_logs");
        this.json = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    Optional<CompanyAdviceLog> find(String companyId) {
        Document document = logs.find(Filters.eq("_id", companyId)).first();
        try {
            return document == null ? Optional.empty()
                    : Optional.of(json.readValue(document.toJson(), CompanyAdviceLog.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable advice log of " + companyId, e);
        }
    }

    /** Another partner's company is not found, exactly like a company that does not exist. */
    public CompanyAdviceLog require(String partnerId, String companyId) {
        return find(companyId).filter(l -> partnerId.equals(l.partnerId))
                .orElseThrow(() -> ApiProblem.notFound("Company", companyId));
    }

    void save(CompanyAdviceLog log) {
        try {
            Document document = Document.parse(json.writeValueAsString(log)).append("_id", log.companyId);
            logs.replaceOne(Filters.eq("_id", log.companyId), document, new ReplaceOptions().upsert(true));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unwritable advice log of " + log.companyId, e);
        }
    }

    void deleteAll() {
        logs.deleteMany(new Document());
    }

    /** Every stored log, for comparing read models field by field. */
    public List<Document> raw() {
        return logs.find().into(new ArrayList<>());
    }
}
