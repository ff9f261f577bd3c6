package org.socialmaturity.recommendations.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Singleton;

import org.axonframework.eventhandling.EventMessage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Turns an event of a partner's company into one delivery per subscription of that partner. A subscription made
 * after the event gets nothing from it, so a replay of old events sends nothing new. A new delivery is stored already
 * claimed by this replica and handed to the dispatcher at once, so that its first attempt waits for no poll and no
 * claim; should this replica die first, the claim expires and any replica's poll sends it.
 */
@Singleton
public class WebhookOutbox {

    private final WebhookRepository webhooks;
    private final WebhookDispatcher dispatcher;
    private final ObjectMapper json;

    WebhookOutbox(WebhookRepository webhooks, WebhookDispatcher dispatcher, ObjectMapper json) {
        this.webhooks = webhooks;
        this.dispatcher = dispatcher;
        this.json = json;
    }

    /**
     * Enqueues a delivery of the event to each of its partner's subscriptions, in one write, and sends the new ones.
     * An event delivered before (same event, same subscription) is not enqueued again.
     */
    public void publish(Published event) {
        List<Delivery> deliveries = new ArrayList<>();
        Map<String, Subscription> bySubscription = new HashMap<>();
        String body = null;
        for (Subscription subscription : webhooks.subscriptions(event.partnerId())) {
            if (subscription.createdAt().isAfter(event.occurredAt())) {
                continue;
            }
            body = body != null ? body : body(event);
            bySubscription.put(subscription.id(), subscription);
            String id = UUID.nameUUIDFromBytes((event.eventId() + "/" + subscription.id())
                    .getBytes(StandardCharsets.UTF_8)).toString();
            Instant now = Instant.now();
            deliveries.add(new Delivery(id, subscription.id(), event.partnerId(), event.eventId(), event.eventType(),
                    body, Delivery.Status.PENDING, now, now, List.of()));
        }
        if (deliveries.isEmpty()) {
            return;
        }
        webhooks.enqueueAll(deliveries, dispatcher.claimUntil(Instant.now()))
                .forEach(delivery -> dispatcher.sendClaimed(delivery, bySubscription.get(delivery.subscriptionId())));
    }

    /** An event for a partner's webhooks: its id and type as the partner sees them, and its payload. */
    public record Published(String partnerId, String eventId, String eventType, Instant occurredAt, Object payload) {

        public static Published of(String partnerId, EventMessage<?> message) {
            return new Published(partnerId, message.getIdentifier(), message.getPayloadType().getSimpleName(),
                    message.getTimestamp(), message.getPayload());
        }
    }

    private String body(Published event) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", event.eventId());
        body.put("type", event.eventType());
        body.put("occurredAt", event.occurredAt());
        body.put("data", event.payload());
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unwritable webhook body for " + event.eventId(), e);
        }
    }
}
