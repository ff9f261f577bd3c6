package org.socialmaturity.recommendations.advice;

import java.util.List;
import java.util.Optional;

import jakarta.inject.Singleton;

import org.bson.Document;
import org.socialmaturity.eventstore.AxonSettings;
import org.socialmaturity.web.ApiProblem;
import org.socialmaturity.web.JsonDocuments;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;

/** Stores each company's advice log as one document, read and written by id. */
@Singleton
public class AdviceLogs {

    private final JsonDocuments<CompanyAdviceLog> logs;

    AdviceLogs(MongoClient mongo, AxonSettings settings, ObjectMapper json) {
        this.logs = new JsonDocuments<>(mongo.getDatabase(settings.serviceDatabase()).getCollection("advice_logs"),
                json, CompanyAdviceLog.class);
    }

    Optional<CompanyAdviceLog> find(String companyId) {
        return logs.find(companyId);
    }

    /** Another partner's company is not found, exactly like a company that does not exist. */
    public CompanyAdviceLog require(String partnerId, String companyId) {
        return find(companyId).filter(l -> partnerId.equals(l.partnerId))
                .orElseThrow(() -> ApiProblem.notFound("Company", companyId));
    }

    void save(CompanyAdviceLog log) {
        logs.save(log.companyId, log);
    }

    void deleteAll() {
        logs.deleteAll();
    }

    /** Every stored log, for comparing read models field by field. */
    public List<Document> raw() {
        return logs.raw();
    }
}
