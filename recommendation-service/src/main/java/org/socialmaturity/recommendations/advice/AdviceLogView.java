package org.socialmaturity.recommendations.advice;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.socialmaturity.contracts.advice.AdviceIssued.Trigger;
import org.socialmaturity.contracts.advice.RoadmapStatus;

/**
 * The read model of one company's advice, one document in the service's database: what was issued, oldest first, and
 * the roadmap items the partner assigned (a list, not a map: item codes hold dots, which field names should not).
 * {@code lastIndex} is the global index of the last event applied, so that handling an event twice changes nothing.
 */
public class AdviceLogView {

    public String companyId;
    public String partnerId;
    public long lastIndex = -1;
    public List<Issued> issued = new ArrayList<>();
    public List<Assignment> assignments = new ArrayList<>();

    /** The latest assignment of an item, replacing the one before. */
    void assign(Assignment assignment) {
        assignments.removeIf(a -> a.itemCode().equals(assignment.itemCode()));
        assignments.add(assignment);
    }

    Optional<Assignment> assignmentOf(String itemCode) {
        return assignments.stream().filter(a -> a.itemCode().equals(itemCode)).findFirst();
    }

    public record Issued(String adviceId, Instant at, Trigger trigger, List<String> itemCodes, List<String> dimensions,
                         String causeEventId) {
    }

    /** {@code owner} and {@code updatedBy} as stored: sealed personal data. */
    public record Assignment(String itemCode, String owner, LocalDate due, RoadmapStatus status, Instant updatedAt,
                             String updatedBy) {
    }
}
