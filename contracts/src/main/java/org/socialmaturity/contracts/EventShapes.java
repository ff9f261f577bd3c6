package org.socialmaturity.contracts;

import org.socialmaturity.contracts.advice.AdviceIssued;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Earlier shapes of stored events, brought to the shape of today's records as they are read. A stored event is never
 * rewritten (the hash chain covers it as it was stored), so every reader reads old events through this one place: the
 * services through Axon's upcaster chain, the offline verifier directly.
 */
public final class EventShapes {

    private EventShapes() {
    }

    /** Whether events of this payload type may have been stored in an earlier shape. */
    public static boolean mayBeOld(String payloadType) {
        return AdviceIssued.class.getName().equals(payloadType);
    }

    /**
     * Brings a stored payload of this type to today's shape, in place; a payload already in it is left alone.
     *
     * @return the payload
     */
    public static ObjectNode upgrade(String payloadType, ObjectNode payload) {
        if (AdviceIssued.class.getName().equals(payloadType) && payload.get("trigger") instanceof ObjectNode trigger) {
            upgradeTrigger(trigger);
        }
        return payload;
    }

    /**
     * Until 2026-11-27 a trigger said {@code from} and {@code to} as text for both kinds of change ({@code "2"} for a
     * phase, {@code "OBSERVERS"} for a quadrant); now phases are numbers and quadrants names, each in its own field.
     */
    private static void upgradeTrigger(ObjectNode trigger) {
        if (!trigger.has("from") && !trigger.has("to")) {
            return;
        }
        JsonNode from = trigger.remove("from");
        JsonNode to = trigger.remove("to");
        boolean quadrant = AdviceIssued.Trigger.QUADRANT_CHANGED.equals(trigger.path("type").asText());
        trigger.set("fromPhase", quadrant ? null : phase(from));
        trigger.set("toPhase", quadrant ? null : phase(to));
        trigger.set("fromQuadrant", quadrant ? from : null);
        trigger.set("toQuadrant", quadrant ? to : null);
    }

    private static JsonNode phase(JsonNode text) {
        return text == null || text.isNull() ? null : JsonNodeFactory.instance.numberNode(Integer.parseInt(text.asText()));
    }
}
