package org.socialmaturity.web.evidence;

import java.util.Date;
import java.util.Optional;

import jakarta.inject.Singleton;

import org.bson.Document;
import org.bson.types.Binary;
import org.socialmaturity.contracts.proof.HashChain;
import org.socialmaturity.eventstore.AxonSettings;
import org.socialmaturity.eventstore.mongo.GlobalSequenceEventStorageEngine;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;

/**
 * Evidence attached to answers, kept once by its SHA-256 beside the event store ({@code attachments} in its
 * database): stored before the answer that names it is recorded, never changed, read back by whoever holds an event
 * naming it. The content is evidence, not personal data: partners are told not to attach documents about people.
 */
@Singleton
public class Attachments {

    /** The largest attachment kept: base64 in a JSON body, it stays within the gateway's 256 KiB body limit. */
    public static final int MAX_BYTES = 128 * 1024;
    static final String COLLECTION = "attachments";

    private final MongoCollection<Document> attachments;

    Attachments(MongoClient mongo, AxonSettings settings) {
        this.attachments = mongo.getDatabase(settings.eventDatabase()).getCollection(COLLECTION);
    }

    /** Keeps the content (durably, once) and names it by its SHA-256. */
    public String store(byte[] content, String mediaType) {
        String sha256 = HashChain.sha256Hex(content);
        try {
            attachments.insertOne(new Document("_id", sha256).append("mediaType", mediaType)
                    .append("size", content.length).append("content", new Binary(content))
                    .append("storedAt", new Date()));
        } catch (MongoWriteException e) {
            if (!GlobalSequenceEventStorageEngine.isDuplicateKey(e)) {
                throw e;
            }
            // The same content was attached before: kept once.
        }
        return sha256;
    }

    public Optional<Attachment> find(String sha256) {
        return Optional.ofNullable(attachments.find(Filters.eq("_id", sha256)).first())
                .map(d -> new Attachment(sha256, d.getString("mediaType"), d.get("content", Binary.class).getData()));
    }

    /** One attachment's content, as kept. */
    public record Attachment(String sha256, String mediaType, byte[] content) {
    }
}
