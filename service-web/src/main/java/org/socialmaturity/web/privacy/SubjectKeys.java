package org.socialmaturity.web.privacy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Singleton;

import org.bson.Document;
import org.bson.types.Binary;
import org.socialmaturity.contracts.proof.HashChain;
import org.socialmaturity.eventstore.mongo.GlobalSequenceEventStorageEngine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;

/**
 * One AES-256 key per data subject (a person who answers or writes notes), kept in its own database, apart from the
 * event store ({@code subject_keys}). A key is found by the SHA-256 of the subject's identity, so the store holds no
 * identity in clear, and named by a random reference, which is what sealed text carries. Erasing a subject destroys
 * its keys and leaves a tombstone saying when.
 */
@Singleton
public class SubjectKeys {

    static final String COLLECTION = "subject_keys";
    private static final String SUBJECT = "subject";
    private static final String KEY = "key";
    private static final String ERASED_AT = "erasedAt";

    private final MongoCollection<Document> keys;
    private final Cache<String, Optional<byte[]>> byRef;
    private final SecureRandom random = new SecureRandom();

    SubjectKeys(MongoClient mongo, PrivacySettings settings) {
        this.keys = mongo.getDatabase(settings.keyDatabase()).getCollection(COLLECTION);
        keys.createIndex(Indexes.ascending(SUBJECT), new IndexOptions().unique(true).name(SUBJECT));
        this.byRef = Caffeine.newBuilder().expireAfterWrite(settings.keyCacheTtl()).maximumSize(10_000).build();
    }

    /**
     * The subject's key and its reference, made (durably) the first time the subject is met: one atomic upsert, so
     * that requests of a new person arriving together agree on one key.
     */
    public SubjectKey keyFor(String subject) {
        String hashed = hash(subject);
        for (int attempt = 0; ; attempt++) {
            byte[] key = new byte[32];
            random.nextBytes(key);
            try {
                Document found = keys.findOneAndUpdate(Filters.eq(SUBJECT, hashed), Updates.combine(
                                Updates.setOnInsert("_id", UUID.randomUUID().toString()),
                                Updates.setOnInsert(KEY, new Binary(key)),
                                Updates.setOnInsert("createdAt", new Date())),
                        new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
                return new SubjectKey(found.getString("_id"), found.get(KEY, Binary.class).getData());
            } catch (MongoCommandException | MongoWriteException e) {
                // Two upserts raced on the unique subject: the loser finds the winner's key on its next attempt.
                if (attempt >= 2 || !GlobalSequenceEventStorageEngine.isDuplicateKey(e)) {
                    throw e;
                }
            }
        }
    }

    /** The key a reference names; empty once its subject was erased. */
    public Optional<byte[]> key(String ref) {
        return byRef.get(ref, r -> Optional.ofNullable(keys.find(Filters.eq("_id", r)).first())
                .map(d -> d.get(KEY, Binary.class)).map(Binary::getData));
    }

    /**
     * Destroys the subject's keys: everything sealed with them reads {@code "erased"} from now on, in every process
     * within the key cache's lifetime.
     *
     * @return the references erased (empty when the platform holds no key of this subject)
     */
    public List<String> erase(String subject, Instant at) {
        List<String> erased = new ArrayList<>();
        for (Document key : keys.find(Filters.eq(SUBJECT, hash(subject)))) {
            String ref = key.getString("_id");
            keys.updateOne(Filters.eq("_id", ref), Updates.combine(Updates.unset(KEY),
                    Updates.set(SUBJECT, "erased:" + ref), Updates.set(ERASED_AT, Date.from(at))));
            byRef.invalidate(ref);
            erased.add(ref);
        }
        return erased;
    }

    private static String hash(String subject) {
        return HashChain.sha256Hex(subject.getBytes(StandardCharsets.UTF_8));
    }

    /** A subject's key and the reference sealed text names it by. */
    public record SubjectKey(String ref, byte[] key) {
    }
}
