package org.socialmaturity.scoring.report;

import java.time.Instant;
import java.util.List;

import org.socialmaturity.contracts.advice.AdviceCatalogue;
import org.socialmaturity.contracts.questionnaire.Language;
import org.socialmaturity.scoring.maturity.MaturityView;

/**
 * Everything the printed report of a company shows, already in its language: the renderer only lays it out.
 *
 * @param maturity        the maturity now, as {@code GET .../maturity} answers it
 * @param phaseNames      the name of each phase, phase 1 first, for the chart's bands
 * @param trajectory      the maturity after each recorded answer, oldest first
 * @param holdingBack     the names of the dimensions scoring below the next phase
 * @param advice          the advice issued to the company, newest first
 * @param lastGlobalIndex the global index of the last event the report was built from
 * @param checkpoint      the signed checkpoint covering those events: its head hash, index and key id (the one an
 *                        auditor checks the company's dossier against); null prints no checkpoint
 */
public record CompanyReport(
        String companyId,
        String companyName,
        Language language,
        Instant generatedAt,
        MaturityView maturity,
        String quadrantName,
        List<String> phaseNames,
        List<Point> trajectory,
        List<Transition> transitions,
        List<DimensionLine> dimensions,
        List<String> holdingBack,
        List<AdviceGiven> advice,
        long lastGlobalIndex,
        String checkpoint) {

    /** The maturity after one answer; provisional until every required question has an answer. */
    public record Point(Instant at, double index, int phase, boolean determinate) {
    }

    /** A determinate phase change; {@code from} is null for the first one. */
    public record Transition(Instant at, Integer from, int to) {
    }

    /** One dimension now: its name, mean level (null when unanswered), whole level, and whether it holds back. */
    public record DimensionLine(String name, String axis, Double score, Integer level, boolean holdingBack) {
    }

    /** One piece of advice: when and why it was issued ({@code occasion}, in words), and its items. */
    public record AdviceGiven(Instant at, String occasion, List<AdviceCatalogue.Rendered> items) {
    }
}
