package org.socialmaturity.assessments.imports;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.bson.Document;
import org.socialmaturity.eventstore.AxonSettings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;

/**
 * The imports, one document each in the service's {@code imports} collection: written (durably, before the partner's
 * {@code 202}) with the whole checked batch, its personal data sealed, then worked through one past assessment at a time
 * by whichever replica holds its lease; the batch is removed once every assessment is recorded.
 */
@Singleton
public class ImportJobRepository {

    /** Where an import stands: RUNNING until every past assessment is recorded (DONE) or one fails too often. */
    @Schema(name = "ImportStatus")
    public enum Status { RUNNING, DONE, FAILED }

    /** Attempts at one past assessment before the import stops as FAILED. */
    static final int MAX_ATTEMPTS = 5;

    private final MongoCollection<Document> imports;
    private final ObjectMapper json;

    ImportJobRepository(MongoClient mongo, AxonSettings settings, ObjectMapper json) {
        this.imports = mongo.getDatabase(settings.serviceDatabase()).getCollection("imports");
        this.json = json;
        imports.createIndex(new Document("status", 1).append("leaseUntil", 1));
    }

    /** One past assessment to record; {@code recordedBy} and the answers' free text sealed. */
    public record Item(String assessmentId, String companyId, Instant at, String questionnaireVersion,
                       String recordedBy, List<ImportValidation.ValidAnswer> answers) {
    }

    /** What a partner reads of an import. */
    public record Job(String importId, String partnerId, String requestHash, Status status, int total, int done,
                      List<String> assessmentIds, Instant createdAt, Instant finishedAt, String lastError) {
    }

    /** @return false when an import of this id exists already (the same key, sent before) */
    boolean create(String importId, String partnerId, String requestHash, String actor, List<Item> items,
                   Instant now) {
        Document job = new Document("_id", importId).append("partnerId", partnerId)
                .append("requestHash", requestHash).append("actor", actor)
                .append("status", Status.RUNNING.name()).append("total", items.size()).append("done", 0)
                .append("assessmentIds", items.stream().map(Item::assessmentId).toList())
                .append("items", items.stream().map(this::document).toList())
                .append("createdAt", Date.from(now)).append("leaseUntil", Date.from(now));
        try {
            imports.insertOne(job);
            return true;
        } catch (RuntimeException e) {
            if (org.socialmaturity.eventstore.mongo.GlobalSequenceEventStorageEngine.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    Optional<Job> find(String importId) {
        return Optional.ofNullable(imports.find(Filters.eq("_id", importId)).first()).map(ImportJobRepository::job);
    }

    /** A running import no replica holds, now held by this one for {@code lease}. */
    Optional<Document> claim(Instant now, Duration lease) {
        return Optional.ofNullable(imports.findOneAndUpdate(
                Filters.and(Filters.eq("status", Status.RUNNING.name()), Filters.lte("leaseUntil", Date.from(now))),
                Updates.set("leaseUntil", Date.from(now.plus(lease))),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)));
    }

    Item item(Document job, int index) {
        try {
            return json.readValue(job.getList("items", Document.class).get(index).toJson(), Item.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable item " + index + " of import " + job.getString("_id"), e);
        }
    }

    /**
     * One more past assessment recorded; the lease renewed. Never backwards: a replica that stalled past its lease while
     * another went on does not move the count back, nor touches an import that ended.
     *
     * @return whether the import is still running with this count: false tells a stalled replica to stop
     */
    boolean advance(String importId, int done, Instant leaseUntil) {
        return imports.updateOne(Filters.and(Filters.eq("_id", importId), Filters.eq("status", Status.RUNNING.name()),
                Filters.lt("done", done)), Updates.combine(
                Updates.set("done", done), Updates.set("leaseUntil", Date.from(leaseUntil)),
                Updates.set("attempts", 0), Updates.unset("lastError"))).getModifiedCount() == 1;
    }

    /** Every assessment recorded (or the import given up): the batch and its personal data leave this collection. */
    void finish(String importId, Status status, Instant at) {
        imports.updateOne(Filters.and(Filters.eq("_id", importId), Filters.eq("status", Status.RUNNING.name())),
                Updates.combine(Updates.set("status", status.name()), Updates.set("finishedAt", Date.from(at)),
                        Updates.unset("items"), Updates.unset("actor")));
    }

    /**
     * A failed attempt, shown to the partner; the lease runs out and another attempt follows, up to
     * {@link #MAX_ATTEMPTS}, after which the import stops as FAILED (what was recorded stays recorded).
     */
    void failed(String importId, String error, Instant at) {
        Document job = imports.findOneAndUpdate(Filters.and(Filters.eq("_id", importId),
                Filters.eq("status", Status.RUNNING.name())), Updates.combine(
                Updates.set("lastError", error), Updates.inc("attempts", 1)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (job != null && job.getInteger("attempts", 0) >= MAX_ATTEMPTS) {
            finish(importId, Status.FAILED, at);
        }
    }

    private Document document(Item item) {
        try {
            return Document.parse(json.writeValueAsString(item));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unwritable import item " + item.assessmentId(), e);
        }
    }

    private static Job job(Document d) {
        return new Job(d.getString("_id"), d.getString("partnerId"), d.getString("requestHash"),
                Status.valueOf(d.getString("status")), d.getInteger("total"), d.getInteger("done"),
                d.getList("assessmentIds", String.class), d.getDate("createdAt").toInstant(),
                Optional.ofNullable(d.getDate("finishedAt")).map(Date::toInstant).orElse(null),
                d.getString("lastError"));
    }
}
