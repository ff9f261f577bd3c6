package org.socialmaturity.contracts.questionnaire;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.socialmaturity.contracts.questionnaire.QuestionnaireMapping.QuestionMapping;

/**
 * What a new version must follow, besides {@link QuestionnaireRules}, to be published after the current one: a new
 * version name, ids safe in paths and documents, the same dimensions (advice, targets and benchmarks are per
 * dimension), and a mapping whose every entry names real questions and options of both versions.
 */
final class PublicationRules {

    private static final Pattern VERSION = Pattern.compile("v[1-9][0-9]{0,5}");
    private static final Pattern QUESTION_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private PublicationRules() {
    }

    static List<String> check(Questionnaire next, QuestionnaireMapping mapping, Questionnaire previous,
                              Collection<String> published) {
        List<String> missing = missingIds(next, mapping);
        if (!missing.isEmpty()) {
            return missing;
        }
        List<String> problems = new ArrayList<>(QuestionnaireRules.check(next));
        if (next.version() == null || !VERSION.matcher(next.version()).matches()) {
            problems.add("version must be v followed by a number, such as v2");
        } else if (published.contains(next.version())) {
            problems.add("version " + next.version() + " is published already: a change is a new version");
        }
        next.questions().stream().map(Question::id).filter(id -> id == null || !QUESTION_ID.matcher(id).matches())
                .forEach(id -> problems.add("question id " + id + " must be lower-case letters, digits and dashes"));
        Set<String> dimensions = ids(next.dimensions());
        Set<String> previousDimensions = ids(previous.dimensions());
        if (!dimensions.equals(previousDimensions)) {
            problems.add("dimensions must stay " + previousDimensions.stream().sorted().toList()
                    + " (advice, targets and benchmarks are per dimension); found " + dimensions.stream().sorted()
                    .toList());
        }
        if (mapping != null) {
            checkMapping(mapping, previous, next, problems);
        }
        return problems;
    }

    private static void checkMapping(QuestionnaireMapping mapping, Questionnaire previous, Questionnaire next,
                                     List<String> problems) {
        if (!previous.version().equals(mapping.from())) {
            problems.add("mapping.from must be " + previous.version() + ", the current version");
            return;
        }
        Set<String> pairs = new HashSet<>();
        for (QuestionMapping entry : mapping.questions()) {
            String where = "mapping " + entry.from() + " -> " + entry.to();
            if (!pairs.add(entry.from() + "\n" + entry.to())) {
                problems.add(where + " is named twice");
            }
            Question from = previous.question(entry.from()).orElse(null);
            Question to = next.question(entry.to()).orElse(null);
            if (from == null) {
                problems.add(where + ": " + entry.from() + " is not a question of " + previous.version());
            }
            if (to == null) {
                problems.add(where + ": " + entry.to() + " is not a question of " + next.version());
            }
            if (from == null || to == null) {
                continue;
            }
            if (from.type() != to.type()) {
                problems.add(where + " maps a " + from.type() + " question to a " + to.type() + " one");
            } else if (from.type() == QuestionType.CHOICE) {
                checkOptions(entry, from, to, where, problems);
            } else if (!entry.options().isEmpty()) {
                problems.add(where + " maps options of NUMBER questions");
            }
        }
    }

    private static void checkOptions(QuestionMapping entry, Question from, Question to, String where,
                                     List<String> problems) {
        if (entry.options().isEmpty()) {
            from.options().stream().map(Option::id).filter(id -> to.option(id).isEmpty()).forEach(id ->
                    problems.add(where + " keeps option ids, but " + id + " is not an option of " + to.id()));
            return;
        }
        entry.options().forEach((old, mapped) -> {
            if (from.option(old).isEmpty()) {
                problems.add(where + ": " + old + " is not an option of " + from.id());
            }
            if (to.option(mapped).isEmpty()) {
                problems.add(where + ": " + mapped + " is not an option of " + to.id());
            }
        });
    }

    /** What the other rules need to be there before they can be read: every id and every band's start. */
    private static List<String> missingIds(Questionnaire next, QuestionnaireMapping mapping) {
        List<String> problems = new ArrayList<>();
        next.dimensions().stream().filter(d -> d.id() == null).findFirst()
                .ifPresent(d -> problems.add("every dimension needs an id"));
        for (Question question : next.questions()) {
            if (question.id() == null || question.dimension() == null) {
                problems.add("every question needs an id and a dimension");
                continue;
            }
            if (question.options().stream().anyMatch(o -> o.id() == null)) {
                problems.add("question " + question.id() + ": every option needs an id");
            }
            if (question.bands().stream().anyMatch(b -> b.from() == null)) {
                problems.add("question " + question.id() + ": every band needs a from");
            }
        }
        if (mapping != null && mapping.questions().stream().anyMatch(m -> m.from() == null || m.to() == null)) {
            problems.add("mapping: every entry needs from and to");
        }
        return problems;
    }

    private static Set<String> ids(List<Dimension> dimensions) {
        return dimensions.stream().map(Dimension::id).collect(Collectors.toSet());
    }
}
