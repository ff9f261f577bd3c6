package org.socialmaturity.recommendations.advice;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.socialmaturity.recommendations.advice.AdviceLogView.Assignment;
import org.socialmaturity.recommendations.advice.AdviceLogView.Issued;

/**
 * A company's roadmap: every item of advice ever issued to it, once, in the order first issued, with the partner's
 * latest assignment of it. An item issued again (the company dropped a phase and entered it again) is the same piece
 * of work: it keeps its assignment and lists every advice that issued it.
 */
public final class Roadmap {

    private Roadmap() {
    }

    public static List<Item> of(AdviceLogView log) {
        Map<String, Item> items = new LinkedHashMap<>();
        for (Issued issued : log.issued) {
            for (String code : issued.itemCodes()) {
                Item before = items.get(code);
                List<String> adviceIds = new ArrayList<>(before == null ? List.of() : before.adviceIds());
                adviceIds.add(issued.adviceId());
                items.put(code, new Item(code, issued.dimensions(), before == null ? issued.at() : before.firstIssuedAt(),
                        issued.at(), List.copyOf(adviceIds), Optional.empty()));
            }
        }
        return items.values().stream().map(item -> item.assigned(log.assignmentOf(item.code()))).toList();
    }

    /** {@code dimensions}: those of the latest advice that issued it, which its text names. */
    public record Item(String code, List<String> dimensions, Instant firstIssuedAt, Instant lastIssuedAt,
                       List<String> adviceIds, Optional<Assignment> assignment) {

        Item assigned(Optional<Assignment> latest) {
            return new Item(code, dimensions, firstIssuedAt, lastIssuedAt, adviceIds, latest);
        }
    }
}
