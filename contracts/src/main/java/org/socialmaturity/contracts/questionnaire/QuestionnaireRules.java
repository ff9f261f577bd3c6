package org.socialmaturity.contracts.questionnaire;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The rules a questionnaire version must follow before it may be published. */
public final class QuestionnaireRules {

    private QuestionnaireRules() {
    }

    /** @return one sentence per broken rule; empty when the questionnaire is valid */
    public static List<String> check(Questionnaire q) {
        List<String> problems = new ArrayList<>();
        if (q.phaseShare() <= 0 || q.phaseShare() > 1) {
            problems.add("phaseShare must be in (0, 1]");
        }
        if (q.quadrantThreshold() < 0 || q.quadrantThreshold() > 100) {
            problems.add("quadrantThreshold must be in [0, 100]");
        }
        checkPhases(q, problems);
        checkDimensions(q, problems);
        duplicates(q.questions(), Question::id).forEach(id -> problems.add("question id " + id + " is not unique"));
        Set<String> dimensionIds = q.dimensions().stream().map(Dimension::id).collect(Collectors.toSet());
        for (Question question : q.questions()) {
            checkQuestion(question, dimensionIds, problems);
        }
        Set<String> asked = q.questions().stream().map(Question::dimension).collect(Collectors.toSet());
        for (Dimension dimension : q.dimensions()) {
            if (!asked.contains(dimension.id())) {
                problems.add("dimension " + dimension.id() + " has no question");
            }
        }
        return problems;
    }

    private static void checkPhases(Questionnaire q, List<String> problems) {
        List<Integer> numbers = q.phases().stream().map(Phase::number).sorted().toList();
        if (!numbers.equals(List.of(1, 2, 3, 4))) {
            problems.add("phases must be numbered 1 to 4, found " + numbers);
        }
        for (Phase phase : q.phases()) {
            requireText(phase.name(), "phase " + phase.number() + " name", problems);
            requireText(phase.description(), "phase " + phase.number() + " description", problems);
        }
    }

    private static void checkDimensions(Questionnaire q, List<String> problems) {
        duplicates(q.dimensions(), Dimension::id).forEach(id -> problems.add("dimension id " + id + " is not unique"));
        for (Dimension dimension : q.dimensions()) {
            if (dimension.axis() == null) {
                problems.add("dimension " + dimension.id() + " has no axis");
            }
            if (!(dimension.weight() > 0)) {
                problems.add("dimension " + dimension.id() + " must have a positive weight");
            }
            requireText(dimension.name(), "dimension " + dimension.id() + " name", problems);
            requireText(dimension.description(), "dimension " + dimension.id() + " description", problems);
        }
    }

    private static void checkQuestion(Question question, Set<String> dimensionIds, List<String> problems) {
        String where = "question " + question.id();
        if (!dimensionIds.contains(question.dimension())) {
            problems.add(where + " names unknown dimension " + question.dimension());
        }
        requireText(question.text(), where + " text", problems);
        requireText(question.help(), where + " help", problems);
        if (question.type() == null) {
            problems.add(where + " has no type");
            return;
        }
        Set<Integer> levels = new HashSet<>();
        if (question.type() == QuestionType.CHOICE) {
            if (!question.bands().isEmpty() || question.unit() != null) {
                problems.add(where + " is CHOICE but has bands or a unit");
            }
            duplicates(question.options(), Option::id)
                    .forEach(id -> problems.add(where + " option id " + id + " is not unique"));
            for (Option option : question.options()) {
                checkLevel(option.level(), where + " option " + option.id(), problems);
                requireText(option.text(), where + " option " + option.id() + " text", problems);
                levels.add(option.level());
            }
        } else {
            if (!question.options().isEmpty()) {
                problems.add(where + " is NUMBER but has options");
            }
            requireText(question.unit(), where + " unit", problems);
            checkBands(question, where, problems);
            question.bands().forEach(band -> {
                checkLevel(band.level(), where + " band from " + band.from(), problems);
                levels.add(band.level());
            });
        }
        if (!levels.contains(1) || !levels.contains(4)) {
            problems.add(where + " cannot reach both level 1 and level 4");
        }
    }

    /** Bands must cover [min, max] exactly: start at min, each starting where the previous ended, the last open. */
    private static void checkBands(Question question, String where, List<String> problems) {
        List<Band> bands = question.bands();
        if (question.min() == null || question.max() == null || question.min().compareTo(question.max()) >= 0) {
            problems.add(where + " needs min < max");
            return;
        }
        if (bands.isEmpty()) {
            problems.add(where + " has no bands");
            return;
        }
        if (bands.get(0).from().compareTo(question.min()) != 0) {
            problems.add(where + " first band must start at min " + question.min());
        }
        for (int i = 0; i < bands.size(); i++) {
            Band band = bands.get(i);
            boolean last = i == bands.size() - 1;
            if (band.to() != null && band.to().compareTo(band.from()) <= 0) {
                problems.add(where + " band from " + band.from() + " is empty");
            }
            if (!last) {
                BigDecimal nextFrom = bands.get(i + 1).from();
                if (band.to() == null || band.to().compareTo(nextFrom) != 0) {
                    problems.add(where + " bands are not contiguous at " + band.to() + " / " + nextFrom);
                }
            } else if (band.to() != null && band.to().compareTo(question.max()) <= 0) {
                problems.add(where + " last band must reach past max " + question.max() + " or be open");
            }
        }
    }

    private static void checkLevel(int level, String where, List<String> problems) {
        if (level < 1 || level > 4) {
            problems.add(where + " has level " + level + " outside 1-4");
        }
    }

    private static void requireText(Text text, String where, List<String> problems) {
        if (text == null || !text.complete()) {
            problems.add(where + " needs English and Spanish text");
        }
    }

    private static <T> Set<String> duplicates(List<T> items, Function<T, String> id) {
        Set<String> seen = new HashSet<>();
        return items.stream().map(id).filter(i -> !seen.add(i)).collect(Collectors.toSet());
    }
}
