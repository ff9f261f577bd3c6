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

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
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

    /** The subject's key and its reference, made (durably) the first time the subject is met. */
    public SubjectKey keyFor(String subject) {
        String hashed = hash(subject);
        for (int attempt = 0; attempt < 3; attempt++) {
            Document found = keys.find(Filters.eq(SUBJECT, hashed)).first();
            if (found != null) {
                return new SubjectKey(found.getString("_id"), found.get(KEY, Binary.class).getData());
            }
            byte[] key = new byte[32];
            random.nextBytes(key);
            String ref = UUID.randomUUID().toString();
            try {
                keys.insertOne(new Document("_id", ref).append(SUBJECT, hashed).append(KEY, new Binary(key))
                        .append("createdAt", new Date()));
                return new SubjectKey(ref, key);
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                // Another request made the subject's key first: use that one.
            }
        }
        throw new IllegalStateException("No key could be made for a data subject");
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
