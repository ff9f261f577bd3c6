package org.socialmaturity.contracts.maturity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.socialmaturity.contracts.questionnaire.Axis;
import org.socialmaturity.contracts.questionnaire.Dimension;
import org.socialmaturity.contracts.questionnaire.Question;
import org.socialmaturity.contracts.questionnaire.Questionnaire;
import org.socialmaturity.contracts.questionnaire.QuestionnaireCatalogue;

/**
 * The scoring rules of docs/design.md §2, as a pure function of a company's state: the same levels always give the same
 * numbers. Nothing here is rounded; responses round to one decimal.
 */
public final class MaturityRules {

    private MaturityRules() {
    }

    /**
     * Scores a company.
     *
     * @param questionnaire the version whose dimensions, weights and required questions apply
     * @param levels        the level (1-4) of the latest answer to each question, by question id
     */
    public static Maturity score(Questionnaire questionnaire, Map<String, Integer> levels) {
        return score(questionnaire, new AnswerState.Levels(levels, List.of()));
    }

    /** Scores a company's state under the newest version it answers; empty before its first answer. */
    public static Optional<Maturity> score(AnswerState state, QuestionnaireCatalogue catalogue) {
        return state.newestVersion(catalogue).map(newest -> score(newest, state.levelsUnder(newest, catalogue)));
    }

    /**
     * Scores a company's state under one version: the answers it carries (see {@link AnswerState}), and the names of
     * those it does not. A question answered as not applicable counts in no mean; a dimension whose every question is
     * so is excluded (no score, its weight out of the index and of the phase's share) and named.
     */
    public static Maturity score(Questionnaire questionnaire, AnswerState.Levels carried) {
        Map<String, Integer> levels = carried.levels();
        Set<String> notApplicable = carried.notApplicable();
        Map<String, List<Integer>> byDimension = new LinkedHashMap<>();
        Map<String, Boolean> allNotApplicable = new LinkedHashMap<>();
        questionnaire.dimensions().forEach(d -> byDimension.put(d.id(), new ArrayList<>()));
        for (Question question : questionnaire.questions()) {
            Integer level = levels.get(question.id());
            if (level != null) {
                byDimension.get(question.dimension()).add(level);
            }
            allNotApplicable.merge(question.dimension(), notApplicable.contains(question.id()), Boolean::logicalAnd);
        }
        List<DimensionScore> dimensions = new ArrayList<>();
        for (Dimension dimension : questionnaire.dimensions()) {
            List<Integer> answered = byDimension.get(dimension.id());
            Double score = answered.isEmpty() ? null
                    : answered.stream().mapToInt(Integer::intValue).average().orElseThrow();
            dimensions.add(new DimensionScore(dimension.id(), dimension.axis(), dimension.weight(), score,
                    allNotApplicable.getOrDefault(dimension.id(), false)));
        }
        boolean determinate = questionnaire.requiredQuestions().stream()
                .allMatch(q -> levels.containsKey(q.id()) || notApplicable.contains(q.id()));
        double index = index(dimensions, null);
        double investment = index(dimensions, Axis.INVESTMENT);
        double innovation = index(dimensions, Axis.INNOVATION);
        int phase = phase(dimensions, questionnaire.phaseShare());
        Quadrant quadrant = Quadrant.of(atLeast(investment, questionnaire.quadrantThreshold()),
                atLeast(innovation, questionnaire.quadrantThreshold()));
        List<String> holdingBack = phase == 4 ? List.of() : dimensions.stream().filter(d -> !d.notApplicable())
                .filter(d -> d.score() == null || d.score() < phase + 1).map(DimensionScore::id).toList();
        int answered = (int) questionnaire.questions().stream()
                .filter(q -> levels.containsKey(q.id()) || notApplicable.contains(q.id())).count();
        List<String> questionsNotApplicable = questionnaire.questions().stream().map(Question::id)
                .filter(notApplicable::contains).toList();
        return new Maturity(questionnaire.version(), determinate, phase, quadrant, index, investment, innovation,
                dimensions, holdingBack, answered, questionnaire.requiredQuestions().size(),
                List.copyOf(carried.notCarried()), questionsNotApplicable,
                dimensions.stream().filter(DimensionScore::notApplicable).map(DimensionScore::id).toList());
    }

    /**
     * Weighted mean of {@code (score - 1) / 3 * 100} over the answered dimensions (of one axis, or all). Scaled
     * once, after the mean, so that a mean of 1.5 is exactly 50, not 49.99999999999999.
     */
    static double index(List<DimensionScore> dimensions, Axis axis) {
        double weighted = 0;
        double weights = 0;
        for (DimensionScore d : dimensions) {
            if (d.score() != null && (axis == null || d.axis() == axis)) {
                weighted += d.weight() * (d.score() - 1);
                weights += d.weight();
            }
        }
        return weights == 0 ? 0 : weighted / weights * 100 / 3;
    }

    /** How responses round an index: to one decimal. */
    public static double oneDecimal(double value) {
        return Math.round(value * 10) / 10.0;
    }

    /** How responses round a dimension score: to two decimals. */
    public static double twoDecimals(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /** Thresholds compare with a tolerance far below the one decimal responses show. */
    private static boolean atLeast(double value, double threshold) {
        return value >= threshold - 1e-9;
    }

    /**
     * The highest p such that dimensions holding at least {@code share} of all the weight score p or more; the weight
     * of dimensions that do not apply is not part of it.
     */
    static int phase(List<DimensionScore> dimensions, double share) {
        double total = dimensions.stream().filter(d -> !d.notApplicable()).mapToDouble(DimensionScore::weight).sum();
        for (int p = 4; p >= 2; p--) {
            int level = p;
            double reaching = dimensions.stream().filter(d -> d.score() != null && d.score() >= level)
                    .mapToDouble(DimensionScore::weight).sum();
            if (total > 0 && atLeast(reaching / total, share)) {
                return p;
            }
        }
        return 1;
    }

    /**
     * A dimension's score: the mean level of its answered questions (not applicable ones left out), or null when none
     * is answered; {@code notApplicable} when every question of it was answered as not applicable.
     */
    public record DimensionScore(String id, Axis axis, double weight, Double score, boolean notApplicable) {

        /** The whole level the score has reached (1-4), or null. */
        public Integer level() {
            return score == null ? null : (int) Math.floor(score);
        }
    }

    /**
     * A company's maturity computed from one state. {@code answered} counts the questions answered as not applicable,
     * named in {@code notApplicable}; {@code excludedDimensions} are those left out for it; {@code notCarried} are
     * answers to other versions that do not count here.
     */
    public record Maturity(
            String questionnaireVersion,
            boolean determinate,
            int phase,
            Quadrant quadrant,
            double index,
            double investment,
            double innovation,
            List<DimensionScore> dimensions,
            List<String> holdingBack,
            int answered,
            int required,
            List<String> notCarried,
            List<String> notApplicable,
            List<String> excludedDimensions) {
    }
}
