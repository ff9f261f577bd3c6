package org.socialmaturity.scoring.timeline;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.socialmaturity.contracts.assessment.AssessmentStatus;
import org.socialmaturity.contracts.assessment.RawAnswer;
import org.socialmaturity.contracts.company.TargetSet;
import org.socialmaturity.contracts.maturity.Quadrant;
import org.socialmaturity.contracts.maturity.MaturityRules.Maturity;
import org.socialmaturity.scoring.maturity.RecordMaturity;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What scoring keeps about one company in one small document (read and written by id): its state (the latest answer
 * to each question), how many answers it has recorded, and the phase and quadrant changes declared for it. The
 * entries, one per answer with the maturity it resulted in, are documents of their own ({@code companyId/n}), so
 * that a company's thousandth answer costs what its first did. {@code lastIndex} is the global index of the last
 * event applied: an event at or before it was applied already and is skipped, so handling an event twice changes
 * nothing.
 */
public class CompanyTimeline {

    public String companyId;
    public String partnerId;
    public String companyName;
    /** As registered; what benchmarks group companies by. */
    public String sector;
    public String country;
    public Integer employees;
    /** The questionnaire version the last answer pinned (the version of state answers kept before they named theirs). */
    public String lastVersion;
    /** The latest target its partner set; null when none. */
    public TargetSet target;
    public long lastIndex = -1;
    public int entryCount;
    public Map<String, AssessmentInfo> assessments = new LinkedHashMap<>();
    /** In the order answered, the latest last. */
    public Map<String, StateAnswer> state = new LinkedHashMap<>();
    public List<PhaseTransition> transitions = new ArrayList<>();
    public List<QuadrantTransition> quadrantTransitions = new ArrayList<>();
    /** Entries applied in memory and not written yet: the last ones of {@code entryCount}. */
    @JsonIgnore
    public final List<Entry> unsavedEntries = new ArrayList<>();

    /** The aggregates whose events make up the company's history: the company, its maturity, its assessments. */
    public Set<String> aggregateIds() {
        Set<String> ids = new LinkedHashSet<>();
        ids.add(companyId);
        ids.add(RecordMaturity.maturityIdOf(companyId));
        ids.addAll(assessments.keySet());
        return ids;
    }

    public record AssessmentInfo(String questionnaireVersion, AssessmentStatus status, Instant startedAt) {

        AssessmentInfo withStatus(AssessmentStatus newStatus) {
            return new AssessmentInfo(questionnaireVersion, newStatus, startedAt);
        }
    }

    /**
     * The latest answer to one question of one questionnaire version, across all the company's assessments, keyed
     * {@code version:questionId} (documents written before versions were data: {@code questionId}, with no version,
     * option or value). Its option or number is what a mapping carries into a later version.
     */
    public record StateAnswer(String questionId, int level, String assessmentId, Instant at, String version,
                              String optionId, BigDecimal value) {
    }

    /**
     * One recorded answer, who gave it (and the import it came with, if any), and the maturity that resulted. The maturity is not stored: it follows from
     * the levels of the company's answers up to this one and the pinned questionnaire version, and is scored again
     * when entries are read ({@link TimelineEvents#scored}), which keeps an entry a fifth of its size.
     */
    public record Entry(
            long globalIndex,
            String eventId,
            Instant at,
            String assessmentId,
            String questionnaireVersion,
            String questionId,
            RawAnswer previousAnswer,
            RawAnswer answer,
            int level,
            String actor,
            String correlationId,
            @JsonInclude(JsonInclude.Include.NON_NULL) String importId,
            @JsonIgnore Maturity maturity) {

        Entry withMaturity(Maturity scored) {
            return new Entry(globalIndex, eventId, at, assessmentId, questionnaireVersion, questionId, previousAnswer,
                    answer, level, actor, correlationId, importId, scored);
        }

        /** The entry without its answers' notes (up to 2,000 characters each), which only the history shows. */
        Entry withoutNotes() {
            return new Entry(globalIndex, eventId, at, assessmentId, questionnaireVersion, questionId,
                    withoutNote(previousAnswer), withoutNote(answer), level, actor, correlationId, importId, maturity);
        }

        private static RawAnswer withoutNote(RawAnswer answer) {
            return answer == null || answer.note() == null ? answer
                    : answer.withNote(null);
        }
    }

    public record PhaseTransition(Instant at, Integer from, int to, String causeEventId, String eventId) {
    }

    public record QuadrantTransition(Instant at, Quadrant from, Quadrant to, String causeEventId, String eventId) {
    }
}
