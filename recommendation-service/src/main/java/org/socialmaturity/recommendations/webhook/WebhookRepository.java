package org.socialmaturity.recommendations.webhook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.jboss.logging.Logger;
import org.socialmaturity.eventstore.AxonSettings;
import org.socialmaturity.recommendations.webhook.Delivery.Attempt;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;

import io.quarkus.runtime.StartupEvent;

/**
 * Subscriptions and the durable outbox of deliveries, in the service's database. A delivery is written before any
 * attempt is made and its attempts are appended as they happen: a restart loses no pending delivery.
 */
@Singleton
public class WebhookRepository {

    private static final Logger LOG = Logger.getLogger(WebhookRepository.class);

    private final MongoCollection<Document> subscriptions;
    private final MongoCollection<Document> deliveries;
    private final SecretBox secrets;

    WebhookRepository(MongoClient mongo, AxonSettings settings, WebhookSettings webhookSettings) {
        this.subscriptions = mongo.getDatabase(settings.serviceDatabase()).getCollection("webhook_subscriptions");
        this.deliveries = mongo.getDatabase(settings.serviceDatabase()).getCollection("webhook_deliveries");
        this.secrets = new SecretBox(webhookSettings.secretKey());
        // What the queries below filter and sort by, so that none reads a whole collection on a real MongoDB.
        subscriptions.createIndex(Indexes.ascending("partnerId", "createdAt", "_id"));
        deliveries.createIndex(Indexes.ascending("status", "nextAttemptAt"));
        deliveries.createIndex(Indexes.ascending("subscriptionId", "createdAt"));
    }

    /** Seals the secrets of subscriptions stored before secrets were sealed; each one once, whatever replica runs. */
    void sealStoredSecrets(@Observes StartupEvent start) {
        int sealed = 0;
        for (Document d : subscriptions.find(Filters.not(Filters.regex("secret", "^" + java.util.regex.Pattern.quote(SecretBox.PREFIX))))) {
            String plain = d.getString("secret");
            if (plain == null || SecretBox.isSealed(plain)) {
                continue;
            }
            sealed += (int) subscriptions.updateOne(Filters.and(Filters.eq("_id", d.getString("_id")),
                            Filters.eq("secret", plain)),
                    Updates.set("secret", secrets.seal(d.getString("_id"), plain))).getModifiedCount();
        }
        if (sealed > 0) {
            LOG.infof("Sealed the webhook secrets of %d subscriptions stored before secrets were encrypted", sealed);
        }
    }

    /**
     * Stores the subscription unless its partner already holds {@code max}. Stored first, then counted, so that
     * concurrent requests cannot all pass a count taken before any of them wrote: a request that counts more than
     * {@code max} removes its own. Of the subscriptions kept, the last one stored counted all the others, so at most
     * {@code max} are ever kept (concurrent requests near the limit may all be refused; a retry succeeds).
     *
     * @return whether it was kept
     */
    boolean subscribe(Subscription subscription, int max) {
        subscriptions.insertOne(new Document("_id", subscription.id())
                .append("partnerId", subscription.partnerId())
                .append("url", subscription.url())
                .append("secret", secrets.seal(subscription.id(), subscription.secret()))
                .append("createdAt", Date.from(subscription.createdAt())));
        if (subscriptions.countDocuments(Filters.eq("partnerId", subscription.partnerId())) <= max) {
            return true;
        }
        subscriptions.deleteOne(Filters.eq("_id", subscription.id()));
        return false;
    }

    Optional<Subscription> subscription(String partnerId, String id) {
        return Optional.ofNullable(subscriptions.find(Filters.eq("_id", id)).first()).map(WebhookRepository::subscription)
                .filter(s -> s.partnerId().equals(partnerId));
    }

    List<Subscription> subscriptions(String partnerId) {
        List<Subscription> result = new ArrayList<>();
        subscriptions.find(Filters.eq("partnerId", partnerId)).sort(Sorts.ascending("createdAt", "_id"))
                .forEach(d -> result.add(subscription(d)));
        return result;
    }

    boolean unsubscribe(String partnerId, String id) {
        return subscriptions.deleteOne(Filters.and(Filters.eq("_id", id), Filters.eq("partnerId", partnerId)))
                .getDeletedCount() == 1;
    }

    /**
     * Enqueues deliveries in one write, each unless one with the same id exists, claimed until {@code lockedUntil} by
     * the caller, which sends them at once.
     *
     * @return the deliveries that were new
     */
    List<Delivery> enqueueAll(List<Delivery> batch, Instant lockedUntil) {
        if (batch.isEmpty()) {
            return List.of();
        }
        List<Document> documents = new ArrayList<>();
        for (Delivery delivery : batch) {
            documents.add(new Document("_id", delivery.id())
                    .append("subscriptionId", delivery.subscriptionId())
                    .append("partnerId", delivery.partnerId())
                    .append("eventId", delivery.eventId())
                    .append("eventType", delivery.eventType())
                    .append("body", delivery.body())
                    .append("status", Delivery.Status.PENDING.name())
                    .append("createdAt", Date.from(delivery.createdAt()))
                    .append("nextAttemptAt", Date.from(delivery.nextAttemptAt()))
                    .append("lockedUntil", Date.from(lockedUntil))
                    .append("attempts", List.of()));
        }
        try {
            deliveries.insertMany(documents, new InsertManyOptions().ordered(false));
            return batch;
        } catch (MongoBulkWriteException e) {
            if (e.getWriteConcernError() != null) {
                throw e;
            }
            Set<Integer> existing = new HashSet<>();
            for (BulkWriteError error : e.getWriteErrors()) {
                if (error.getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                existing.add(error.getIndex());
            }
            List<Delivery> created = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                if (!existing.contains(i)) {
                    created.add(batch.get(i));
                }
            }
            return created;
        }
    }

    /** Pending deliveries due now, of partners other than {@code busyPartners} (whose endpoints have their share). */
    List<String> due(Instant now, int limit, Collection<String> busyPartners) {
        List<String> ids = new ArrayList<>();
        Bson due = Filters.and(Filters.eq("status", Delivery.Status.PENDING.name()), Filters.lte("nextAttemptAt", Date.from(now)));
        deliveries.find(busyPartners.isEmpty() ? due : Filters.and(due, Filters.nin("partnerId", busyPartners)))
                .limit(limit).forEach(d -> ids.add(d.getString("_id")));
        return ids;
    }

    /** Takes a delivery for one attempt, unless another replica (or thread) has it. */
    Optional<Delivery> claim(String id, Instant now, Instant until) {
        Document claimed = deliveries.findOneAndUpdate(
                Filters.and(Filters.eq("_id", id), Filters.eq("status", Delivery.Status.PENDING.name()),
                        Filters.lte("lockedUntil", Date.from(now))),
                Updates.set("lockedUntil", Date.from(until)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        return Optional.ofNullable(claimed).map(WebhookRepository::delivery);
    }

    /** Gives a claimed delivery back unsent, for the next poll (or another replica) to take. */
    void release(String id) {
        deliveries.updateOne(Filters.eq("_id", id), Updates.set("lockedUntil", new Date(0)));
    }

    void recordAttempt(String id, Attempt attempt, Delivery.Status status, Instant nextAttemptAt) {
        deliveries.updateOne(Filters.eq("_id", id), Updates.combine(
                Updates.push("attempts", new Document("at", Date.from(attempt.at()))
                        .append("httpStatus", attempt.httpStatus())
                        .append("error", attempt.error())
                        .append("durationMillis", attempt.durationMillis())),
                Updates.set("status", status.name()),
                Updates.set("nextAttemptAt", Date.from(nextAttemptAt)),
                Updates.set("lockedUntil", new Date(0))));
    }

    /**
     * Deletes the deliveries that were delivered or given up before {@code cutoff}; pending ones are never deleted. A
     * finished delivery's {@code nextAttemptAt} is when it finished (its last attempt), which the index on
     * {@code (status, nextAttemptAt)} serves.
     *
     * @return how many
     */
    long prune(Instant cutoff) {
        return deliveries.deleteMany(Filters.and(Filters.in("status", Delivery.Status.DELIVERED.name(), Delivery.Status.FAILED.name()),
                Filters.lt("nextAttemptAt", Date.from(cutoff)))).getDeletedCount();
    }

    List<Delivery> deliveriesOf(String subscriptionId) {
        List<Delivery> result = new ArrayList<>();
        deliveries.find(Filters.eq("subscriptionId", subscriptionId)).sort(Sorts.ascending("createdAt"))
                .forEach(d -> result.add(delivery(d)));
        return result;
    }

    long pending() {
        return deliveries.countDocuments(Filters.eq("status", Delivery.Status.PENDING.name()));
    }

    /**
     * The secret to sign the subscription's payloads with.
     *
     * @throws IllegalStateException when it does not open with this platform's key (the key was changed or lost)
     */
    String secretOf(Subscription subscription) {
        return secrets.open(subscription.id(), subscription.secret());
    }

    private static Subscription subscription(Document d) {
        return new Subscription(d.getString("_id"), d.getString("partnerId"), d.getString("url"),
                d.getString("secret"), d.getDate("createdAt").toInstant());
    }

    private static Delivery delivery(Document d) {
        List<Attempt> attempts = new ArrayList<>();
        for (Document a : d.getList("attempts", Document.class)) {
            attempts.add(new Attempt(a.getDate("at").toInstant(), a.getInteger("httpStatus"), a.getString("error"),
                    ((Number) a.get("durationMillis")).longValue()));
        }
        return new Delivery(d.getString("_id"), d.getString("subscriptionId"), d.getString("partnerId"),
                d.getString("eventId"), d.getString("eventType"), d.getString("body"), Delivery.Status.valueOf(d.getString("status")),
                d.getDate("createdAt").toInstant(), d.getDate("nextAttemptAt").toInstant(), attempts);
    }
}
