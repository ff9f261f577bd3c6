package org.socialmaturity.gateway.partner;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.socialmaturity.http.Page;
import org.socialmaturity.gateway.GatewaySettings;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;

/**
 * Partners and their keys, in the gateway's database. Every request reads its key document by id, with no cache:
 * a revocation written by one gateway replica is seen by all of them on the very next request.
 */
@ApplicationScoped
public class PartnerRepository {

    public record Partner(String id, String name, Instant createdAt) {
    }

    public record KeyInfo(String id, String partnerId, Instant createdAt, Instant revokedAt) {
    }

    /** A key as issued: the only moment its full value exists outside the partner's hands. */
    public record IssuedKey(KeyInfo info, String apiKey) {
    }

    private final MongoCollection<Document> partners;
    private final MongoCollection<Document> keys;

    PartnerRepository(MongoClient mongo, GatewaySettings settings) {
        var database = mongo.getDatabase(settings.database());
        this.partners = database.getCollection("partners");
        this.keys = database.getCollection("api_keys");
        // The operator's listings read these indexes, in their order, not the collections.
        partners.createIndex(Indexes.ascending("createdAt", "_id"));
        keys.createIndex(Indexes.ascending("partnerId", "createdAt", "_id"));
    }

    /** A partner as registered, with its first key. */
    public record Registered(Partner partner, IssuedKey key) {
    }

    /** The partner first, then its key: a crash in between leaves a partner without keys, to which the operator issues one. */
    public Registered register(String name) {
        // Milliseconds, as stored: the answer shows what a later read shows.
        Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
        String id = UUID.randomUUID().toString();
        partners.insertOne(new Document("_id", id).append("name", name).append("createdAt", Date.from(now)));
        Partner partner = new Partner(id, name, now);
        return new Registered(partner, issueKey(partner));
    }

    public IssuedKey issueKey(Partner partner) {
        ApiKey key = ApiKey.generate();
        Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
        keys.insertOne(new Document("_id", key.keyId())
                .append("partnerId", partner.id())
                .append("sha256", key.secretHash())
                .append("createdAt", Date.from(now)));
        return new IssuedKey(new KeyInfo(key.keyId(), partner.id(), now, null), key.value());
    }

    public Optional<Partner> partner(String id) {
        return Optional.ofNullable(partners.find(eq("_id", id)).first()).map(PartnerRepository::partnerOf);
    }

    public Page<Partner> partners(Page.Request page) {
        List<Partner> items = new ArrayList<>();
        partners.find().sort(Sorts.ascending("createdAt", "_id")).skip(page.offset()).limit(page.size())
                .forEach(document -> items.add(partnerOf(document)));
        // From the collection's metadata: counting with a filter, even an empty one, reads every document.
        return Page.of(items, page, partners.estimatedDocumentCount());
    }

    public List<KeyInfo> keysOf(String partnerId) {
        return keysOf(List.of(partnerId)).getOrDefault(partnerId, List.of());
    }

    /** The keys of several partners in one query, oldest first per partner. */
    public Map<String, List<KeyInfo>> keysOf(Collection<String> partnerIds) {
        Map<String, List<KeyInfo>> found = new HashMap<>();
        keys.find(in("partnerId", partnerIds)).sort(Sorts.ascending("createdAt", "_id"))
                .forEach(document -> found.computeIfAbsent(document.getString("partnerId"), id -> new ArrayList<>())
                        .add(keyOf(document)));
        return found;
    }

    /** @return false when the partner has no such key; revoking a revoked key again changes nothing */
    public boolean revoke(String partnerId, String keyId) {
        Document key = keys.find(eq("_id", keyId)).first();
        if (key == null || !partnerId.equals(key.getString("partnerId"))) {
            return false;
        }
        if (key.get("revokedAt") == null) {
            keys.updateOne(eq("_id", keyId), Updates.set("revokedAt", new Date()));
        }
        return true;
    }

    /** The partner a presented key belongs to; empty for a malformed, unknown, wrong or revoked key. */
    public Optional<String> authenticate(ApiKey presented) {
        Document stored = keys.find(eq("_id", presented.keyId())).first();
        if (stored == null || stored.get("revokedAt") != null || !presented.matches(stored.getString("sha256"))) {
            return Optional.empty();
        }
        return Optional.of(stored.getString("partnerId"));
    }

    private static Partner partnerOf(Document document) {
        return new Partner(document.getString("_id"), document.getString("name"),
                document.getDate("createdAt").toInstant());
    }

    private static KeyInfo keyOf(Document document) {
        Date revoked = document.getDate("revokedAt");
        return new KeyInfo(document.getString("_id"), document.getString("partnerId"),
                document.getDate("createdAt").toInstant(), revoked == null ? null : revoked.toInstant());
    }
}
