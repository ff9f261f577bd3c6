package org.socialmaturity.recommendations.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Turns an event of a partner's company into one delivery per subscription of that partner. A subscription made
 * after the event gets nothing from it, so a replay of old events sends nothing new. A new delivery wakes the
 * dispatcher at once; its poll is only the fallback (retries, other replicas' deliveries).
 */
@Singleton
public class WebhookOutbox {

    private final Webhooks webhooks;
    private final WebhookDispatcher dispatcher;
    private final ObjectMapper json;

    WebhookOutbox(Webhooks webhooks, WebhookDispatcher dispatcher, ObjectMapper json) {
        this.webhooks = webhooks;
        this.dispatcher = dispatcher;
        this.json = json;
    }

    public void publish(String partnerId, String eventId, String eventType, Instant occurredAt, Object payload) {
        List<Subscription> subscriptions = webhooks.subscriptions(partnerId);
        if (subscriptions.isEmpty()) {
            return;
        }
        String body = body(eventId, eventType, occurredAt, payload);
        boolean enqueued = false;
        for (Subscription subscription : subscriptions) {
            if (subscription.createdAt().isAfter(occurredAt)) {
                continue;
            }
            String id = UUID.nameUUIDFromBytes((eventId + "/" + subscription.id()).getBytes(StandardCharsets.UTF_8))
                    .toString();
            Instant now = Instant.now();
            enqueued |= webhooks.enqueue(new Delivery(id, subscription.id(), partnerId, eventId, eventType, body,
                    Delivery.PENDING, now, now, List.of()));
        }
        if (enqueued) {
            dispatcher.wake();
        }
    }

    private String body(String eventId, String eventType, Instant occurredAt, Object payload) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", eventId);
        body.put("type", eventType);
        body.put("occurredAt", occurredAt);
        body.put("data", payload);
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unwritable webhook body for " + eventId, e);
        }
    }
}
