package org.socialmaturity.scoring.timeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.socialmaturity.contracts.assessment.RawAnswer;
import org.socialmaturity.contracts.maturity.Quadrant;
import org.socialmaturity.scoring.maturity.MaturityRules.Maturity;

/**
 * Everything scoring knows about one company, kept as one document in the service's database (read and written by
 * id): its state (the latest answer to each question), one entry per recorded answer with the maturity it resulted
 * in, and the phase and quadrant changes declared for it. {@code lastIndex} is the global index of the last event
 * applied: an event at or before it was applied already and is skipped, so handling an event twice changes nothing.
 */
public class CompanyTimeline {

    public String companyId;
    public String partnerId;
    public String companyName;
    public long lastIndex = -1;
    public Map<String, AssessmentInfo> assessments = new LinkedHashMap<>();
    public Map<String, StateAnswer> state = new LinkedHashMap<>();
    public List<Entry> entries = new ArrayList<>();
    public List<PhaseTransition> transitions = new ArrayList<>();
    public List<QuadrantTransition> quadrantTransitions = new ArrayList<>();

    /** The maturity after the last answer at or before {@code instant}; empty before the first answer. */
    public Optional<Entry> asOf(Instant instant) {
        Entry found = null;
        for (Entry entry : entries) {
            if (entry.at().isAfter(instant)) {
                break;
            }
            found = entry;
        }
        return Optional.ofNullable(found);
    }

    public Optional<Entry> latest() {
        return entries.isEmpty() ? Optional.empty() : Optional.of(entries.get(entries.size() - 1));
    }

    /** The last entry of one assessment: the company's maturity when that assessment's last answer was recorded. */
    public Optional<Entry> lastOf(String assessmentId) {
        Entry found = null;
        for (Entry entry : entries) {
            if (entry.assessmentId().equals(assessmentId)) {
                found = entry;
            }
        }
        return Optional.ofNullable(found);
    }

    public record AssessmentInfo(String questionnaireVersion, String status, Instant startedAt) {

        AssessmentInfo withStatus(String newStatus) {
            return new AssessmentInfo(questionnaireVersion, newStatus, startedAt);
        }
    }

    /** The latest answer to one question, across all the company's assessments. */
    public record StateAnswer(String questionId, int level, String assessmentId, Instant at) {
    }

    /** One recorded answer, who gave it, and the maturity that resulted. */
    public record Entry(
            long globalIndex,
            String eventId,
            Instant at,
            String assessmentId,
            String questionId,
            RawAnswer previousAnswer,
            RawAnswer answer,
            int level,
            String actor,
            String correlationId,
            Maturity maturity) {
    }

    public record PhaseTransition(Instant at, Integer from, int to, String causeEventId, String eventId) {
    }

    public record QuadrantTransition(Instant at, Quadrant from, Quadrant to, String causeEventId, String eventId) {
    }
}
