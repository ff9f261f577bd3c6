package org.socialmaturity.recommendations.advice;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.socialmaturity.contracts.advice.AdviceIssued.Trigger;
import org.socialmaturity.contracts.maturity.MaturityPhaseChanged;
import org.socialmaturity.contracts.maturity.QuadrantChanged;
import org.socialmaturity.contracts.advice.AdviceCatalogue;

/**
 * Which advice a change calls for, as a pure function of the change: the trigger's own items, then the next step for
 * each of the three weakest dimensions below the next phase.
 */
public final class AdviceRules {

    static final int WEAKEST = 3;

    private AdviceRules() {
    }

    public static Advice forPhaseChange(MaturityPhaseChanged change) {
        boolean dropped = change.fromPhase() != null && change.toPhase() < change.fromPhase();
        List<String> items = new ArrayList<>();
        items.add(dropped ? AdviceCatalogue.PHASE_DROPPED : AdviceCatalogue.phase(change.toPhase()));
        List<String> weakest = below(change.dimensionScores(), Math.min(change.toPhase() + 1, 4), WEAKEST);
        weakest.forEach(d -> items.add(AdviceCatalogue.nextStep(d, level(change.dimensionScores().get(d)))));
        // A drop names every dimension that fell below the phase the company held; an entry, the weakest.
        List<String> dimensions = dropped
                ? below(change.dimensionScores(), change.fromPhase(), Integer.MAX_VALUE) : weakest;
        return new Advice(Trigger.phaseChange(change.fromPhase(), change.toPhase()), items, dimensions);
    }

    public static Advice forQuadrantChange(QuadrantChanged change) {
        List<String> items = new ArrayList<>();
        items.add(AdviceCatalogue.quadrant(change.toQuadrant().name()));
        List<String> weakest = below(change.dimensionScores(), 4, WEAKEST);
        weakest.forEach(d -> items.add(AdviceCatalogue.nextStep(d, level(change.dimensionScores().get(d)))));
        return new Advice(Trigger.quadrantChange(change.fromQuadrant(), change.toQuadrant()), items, weakest);
    }

    /** Dimensions scoring below {@code threshold}, weakest first (ties in catalogue order), at most {@code limit}. */
    static List<String> below(Map<String, Double> scores, int threshold, int limit) {
        List<String> order = new ArrayList<>(scores.keySet());
        return scores.entrySet().stream()
                .filter(e -> e.getValue() != null && e.getValue() < threshold)
                .sorted(Comparator.comparingDouble((Map.Entry<String, Double> e) -> e.getValue())
                        .thenComparingInt(e -> order.indexOf(e.getKey())))
                .limit(limit)
                .map(Map.Entry::getKey)
                .toList();
    }

    /** The level whose next step applies: the whole level reached, 1 to 3. */
    static int level(Double score) {
        return Math.max(1, Math.min(3, (int) Math.floor(score)));
    }

    /** The advice a change calls for: its trigger, the catalogue codes, and the dimensions it is about. */
    public record Advice(Trigger trigger, List<String> itemCodes, List<String> dimensions) {
    }
}
