package org.socialmaturity.eventstore;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;

/**
 * Handles all events of one company in order, on one segment, whatever aggregate appended them: every platform
 * event names its company ({@code companyId()}). Events that name none fall back to per-aggregate ordering.
 */
public final class SequencedByCompany implements SequencingPolicy<EventMessage<?>> {

    private static final Map<Class<?>, Method> ACCESSORS = new ConcurrentHashMap<>();
    private static final Method NONE;

    static {
        try {
            NONE = Object.class.getMethod("toString");
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        Object payload = event.getPayload();
        Method accessor = ACCESSORS.computeIfAbsent(payload.getClass(), SequencedByCompany::companyIdAccessor);
        if (accessor == NONE) {
            return SequentialPerAggregatePolicy.instance().getSequenceIdentifierFor(event);
        }
        try {
            return accessor.invoke(payload);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read companyId of " + payload.getClass().getName(), e);
        }
    }

    private static Method companyIdAccessor(Class<?> type) {
        try {
            Method accessor = type.getMethod("companyId");
            return accessor.getReturnType() == String.class ? accessor : NONE;
        } catch (NoSuchMethodException e) {
            return NONE;
        }
    }
}
