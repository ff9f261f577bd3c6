package org.socialmaturity.scoring.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.inject.Singleton;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.socialmaturity.contracts.advice.AdviceCatalogue;
import org.socialmaturity.contracts.advice.AdviceIssued;
import org.socialmaturity.contracts.maturity.MaturityRules.Maturity;
import org.socialmaturity.contracts.questionnaire.Language;
import org.socialmaturity.contracts.questionnaire.Phase;
import org.socialmaturity.contracts.questionnaire.Questionnaire;
import org.socialmaturity.contracts.questionnaire.QuestionnaireCatalogue;
import org.socialmaturity.contracts.proof.Checkpoint;
import org.socialmaturity.eventstore.AxonRuntime;
import org.socialmaturity.eventstore.checkpoint.Checkpoints;
import org.socialmaturity.scoring.maturity.MaturityView;
import org.socialmaturity.scoring.report.CompanyReport.AdviceGiven;
import org.socialmaturity.scoring.report.CompanyReport.DimensionLine;
import org.socialmaturity.scoring.report.CompanyReport.Point;
import org.socialmaturity.scoring.report.CompanyReport.Transition;
import org.socialmaturity.scoring.timeline.CompanyTimeline.Entry;
import org.socialmaturity.scoring.timeline.TimelineView;
import org.socialmaturity.scoring.timeline.TimelineRepository;

/**
 * Gathers a company's report: its maturity, trajectory and transitions from the timeline read model, and the advice
 * issued to it read back from its advice stream in the event store (recommendation-service appends it; scoring keeps
 * no projection of it), every text in the report's language.
 */
@Singleton
public class CompanyReports {

    private final TimelineRepository timelines;
    private final AxonRuntime axon;
    private final QuestionnaireCatalogue questionnaires;
    private final AdviceCatalogue advice;
    private final Checkpoints checkpoints;

    CompanyReports(TimelineRepository timelines, AxonRuntime axon, QuestionnaireCatalogue questionnaires,
                   AdviceCatalogue advice, Checkpoints checkpoints) {
        this.timelines = timelines;
        this.axon = axon;
        this.questionnaires = questionnaires;
        this.advice = advice;
        this.checkpoints = checkpoints;
    }

    /** @throws UnknownCompany when the partner has no such company */
    public CompanyReport of(String partnerId, String companyId, Language language) {
        TimelineView view = timelines.view(partnerId, companyId);
        Instant now = Instant.now();
        Entry last = view.entries().isEmpty() ? null : view.entries().get(view.entries().size() - 1);
        // The company is scored against the questionnaire its last answer pinned; before any answer, the current one.
        Questionnaire questionnaire = last == null ? questionnaires.current()
                : questionnaires.version(last.maturity().questionnaireVersion()).orElseThrow();
        MaturityView maturity = last == null
                ? MaturityView.unknown(companyId, now, questionnaire.requiredQuestions().size())
                : MaturityView.of(companyId, now, last.maturity(), questionnaires, language);
        return new CompanyReport(companyId, view.timeline().companyName, language, now, maturity,
                ReportText.quadrant(maturity.quadrant(), language),
                questionnaire.phases().stream().map(p -> p.name().in(language)).toList(),
                view.entries().stream().map(e -> new Point(e.at(), e.maturity().index(), e.maturity().phase(),
                        e.maturity().determinate())).toList(),
                view.timeline().transitions.stream().map(t -> new Transition(t.at(), t.from(), t.to())).toList(),
                last == null ? List.of() : dimensions(last.maturity(), questionnaire, language),
                maturity.holdingBack().stream().map(id -> dimensionName(id, questionnaire, language)).toList(),
                adviceIssued(partnerId, companyId, questionnaire, language),
                view.timeline().lastIndex, checkpointCovering(view.timeline().lastIndex));
    }

    /**
     * The signed checkpoint an auditor checks the company's dossier against: the first covering the events the report
     * was built from, signed now when none does yet.
     */
    private String checkpointCovering(long lastIndex) {
        Checkpoint checkpoint = checkpoints.covering(lastIndex);
        return checkpoint.headHash() + " · index " + checkpoint.headIndex() + " · key " + checkpoint.keyId();
    }

    private static List<DimensionLine> dimensions(Maturity maturity, Questionnaire questionnaire, Language language) {
        return maturity.dimensions().stream().map(d -> new DimensionLine(
                dimensionName(d.id(), questionnaire, language), ReportText.axis(d.axis(), language), d.score(),
                d.level(), maturity.holdingBack().contains(d.id()))).toList();
    }

    private static String dimensionName(String id, Questionnaire questionnaire, Language language) {
        return questionnaire.dimension(id).map(d -> d.name().in(language)).orElse(id);
    }

    /** Newest first, like the advice API. */
    private List<AdviceGiven> adviceIssued(String partnerId, String companyId, Questionnaire questionnaire,
                                           Language language) {
        List<AdviceGiven> given = new ArrayList<>();
        for (TrackedEventMessage<?> event : axon.storageEngine().readTrackedEvents(AdviceIssued.streamIdOf(companyId))) {
            if (event.getPayload() instanceof AdviceIssued issued && partnerId.equals(issued.partnerId())) {
                given.add(new AdviceGiven(issued.issuedAt(), occasion(issued.trigger(), questionnaire, language),
                        advice.render(issued.itemCodes(), issued.dimensions(), questionnaire, language)));
            }
        }
        Collections.reverse(given);
        return given;
    }

    /** "Entered phase 3 · Operational Adoption", "Moved to quadrant Social first". */
    private static String occasion(AdviceIssued.Trigger trigger, Questionnaire questionnaire, Language language) {
        return switch (trigger.type()) {
            case AdviceIssued.Trigger.QUADRANT_CHANGED -> ReportText.QUADRANT_CHANGED.in(language) + " "
                    + ReportText.quadrant(trigger.toQuadrant(), language);
            case AdviceIssued.Trigger.PHASE_DROPPED -> ReportText.PHASE_DROPPED.in(language) + " "
                    + phase(trigger.toPhase(), questionnaire, language);
            default -> ReportText.PHASE_ENTERED.in(language) + " " + phase(trigger.toPhase(), questionnaire, language);
        };
    }

    private static String phase(int number, Questionnaire questionnaire, Language language) {
        return number + questionnaire.phase(number).map(Phase::name).map(name -> " · " + name.in(language)).orElse("");
    }
}
