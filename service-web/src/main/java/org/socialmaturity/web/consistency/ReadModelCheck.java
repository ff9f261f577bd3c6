package org.socialmaturity.web.consistency;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.axonframework.eventhandling.TrackedEventMessage;

/**
 * What one service's read models should hold for a company, given the company's events from the store, compared with
 * what they hold. A service implements it once per read model it keeps; {@link ConsistencyCheck} runs them all.
 */
public interface ReadModelCheck {

    /**
     * @param events every event of the company in the store, in global order
     * @return the read models of this company that disagree with them; empty when all agree
     */
    List<Mismatch> compare(String companyId, List<TrackedEventMessage<?>> events);

    /**
     * Compares the ids a read model should hold, in order, with those it holds; null when they agree. The first
     * difference is the first expected event missing or out of place, or else the first id held that the store does
     * not explain.
     */
    static Mismatch compareIds(String readModel, List<TrackedEventMessage<?>> expected, List<String> actual) {
        int first = 0;
        while (first < expected.size() && first < actual.size()
                && Objects.equals(expected.get(first).getIdentifier(), actual.get(first))) {
            first++;
        }
        if (first == expected.size() && first == actual.size()) {
            return null;
        }
        FirstDifference at = first < expected.size()
                ? new FirstDifference(expected.get(first).trackingToken().position().orElse(-1),
                expected.get(first).getIdentifier())
                : new FirstDifference(null, actual.get(first));
        return new Mismatch(readModel, expected.size(), actual.size(), at);
    }

    /** Only the mismatches that are there. */
    static List<Mismatch> present(Mismatch... mismatches) {
        List<Mismatch> present = new ArrayList<>();
        for (Mismatch mismatch : mismatches) {
            if (mismatch != null) {
                present.add(mismatch);
            }
        }
        return present;
    }

    /** One read model of one company: how many events it should reflect and does, and the first that differs. */
    record Mismatch(String readModel, long expected, long actual, FirstDifference firstDifference) {
    }

    /** An event of the store ({@code globalIndex} set) or an id only the read model holds ({@code globalIndex} null). */
    record FirstDifference(Long globalIndex, String eventId) {
    }
}
