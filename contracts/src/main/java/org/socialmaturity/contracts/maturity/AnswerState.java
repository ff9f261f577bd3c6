package org.socialmaturity.contracts.maturity;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.socialmaturity.contracts.assessment.RawAnswer;
import org.socialmaturity.contracts.questionnaire.Question;
import org.socialmaturity.contracts.questionnaire.QuestionType;
import org.socialmaturity.contracts.questionnaire.Questionnaire;
import org.socialmaturity.contracts.questionnaire.QuestionnaireCatalogue;
import org.socialmaturity.contracts.questionnaire.QuestionnaireMapping;
import org.socialmaturity.contracts.questionnaire.QuestionnaireMapping.QuestionMapping;

/**
 * A company's state: the latest answer to each question of each questionnaire version it answered, in the order they
 * were recorded. It is scored under the newest version it answers ({@link #newestVersion}). Scored under one version
 * ({@link #levelsUnder}), the answers to that version count as they are and
 * those to earlier versions are carried forward through each version's mapping; an answer no mapping carries (or one
 * to a later version: mappings only lead forward) is named as not carried. The latest answer wins.
 */
public final class AnswerState {

    private final Map<String, Held> held = new LinkedHashMap<>();

    public AnswerState copy() {
        AnswerState copy = new AnswerState();
        copy.held.putAll(held);
        return copy;
    }

    /** Records an answer as the latest. */
    public void record(Held answer) {
        String key = answer.version() + ":" + answer.questionId();
        held.remove(key);
        held.put(key, answer);
    }

    public Collection<Held> held() {
        return List.copyOf(held.values());
    }

    public int size() {
        return held.size();
    }

    /**
     * The newest version (in publication order) the state answers: what the company's maturity is scored under, so
     * that an answer to an older assessment after a newer version was answered is carried forward, not the newer
     * answers dropped.
     */
    public Optional<Questionnaire> newestVersion(QuestionnaireCatalogue catalogue) {
        List<String> versions = catalogue.versions();
        int newest = -1;
        for (Held answer : held.values()) {
            int at = versions.indexOf(answer.version());
            if (at < 0) {
                // Looked for once more in the store; scoring without it would be wrong, not late: the caller fails
                // and is retried.
                catalogue.version(answer.version()).orElseThrow(() -> new IllegalStateException("Questionnaire "
                        + answer.version() + " is not known here yet"));
                versions = catalogue.versions();
                at = versions.indexOf(answer.version());
            }
            newest = Math.max(newest, at);
        }
        return newest < 0 ? Optional.empty() : catalogue.version(versions.get(newest));
    }

    /**
     * The level of each question of {@code target} the state answers, the questions it answers as not applicable, and
     * the answers that do not count under it.
     */
    public Levels levelsUnder(Questionnaire target, QuestionnaireCatalogue catalogue) {
        Map<String, Integer> levels = new LinkedHashMap<>();
        Set<String> notApplicable = new LinkedHashSet<>();
        List<String> notCarried = new ArrayList<>();
        for (Held answer : held.values()) {
            List<Held> counted = answer.version().equals(target.version()) ? List.of(answer)
                    : carry(answer, target.version(), catalogue);
            if (counted.isEmpty()) {
                notCarried.add(answer.version() + "/" + answer.questionId());
            }
            for (Held c : counted) {
                if (c.notApplicable()) {
                    levels.remove(c.questionId());
                    notApplicable.add(c.questionId());
                } else {
                    levels.put(c.questionId(), c.level());
                    notApplicable.remove(c.questionId());
                }
            }
        }
        return new Levels(levels, notApplicable, notCarried);
    }

    /** The answer as it reads in {@code targetVersion}, version by version; empty when a step does not carry it. */
    private static List<Held> carry(Held answer, String targetVersion, QuestionnaireCatalogue catalogue) {
        List<String> versions = catalogue.versions();
        int from = versions.indexOf(answer.version());
        int to = versions.indexOf(targetVersion);
        if (from < 0 || to < 0 || from > to || answer.unreadable()) {
            return List.of();
        }
        List<Held> answers = List.of(answer);
        for (int step = from + 1; step <= to && !answers.isEmpty(); step++) {
            String version = versions.get(step);
            Optional<QuestionnaireMapping> mapping = catalogue.mappingInto(version);
            Optional<Questionnaire> before = catalogue.version(versions.get(step - 1));
            Optional<Questionnaire> after = catalogue.version(version);
            if (mapping.isEmpty() || before.isEmpty() || after.isEmpty()) {
                return List.of();
            }
            List<Held> next = new ArrayList<>();
            for (Held a : answers) {
                next.addAll(step(a, mapping.get(), before.get(), after.get()));
            }
            answers = next;
        }
        return answers;
    }

    private static List<Held> step(Held answer, QuestionnaireMapping mapping, Questionnaire before,
                                   Questionnaire after) {
        List<Held> carried = new ArrayList<>();
        List<QuestionMapping> named = mapping.questions().stream()
                .filter(m -> m.from().equals(answer.questionId())).toList();
        for (QuestionMapping entry : named) {
            after.question(entry.to()).flatMap(to -> into(answer, to, entry.options().isEmpty() ? null
                    : entry.options().get(answer.optionId()), after.version())).ifPresent(carried::add);
        }
        if (named.isEmpty() && mapping.carryUnchanged()) {
            Optional<Question> was = before.question(answer.questionId());
            Optional<Question> is = after.question(answer.questionId());
            if (was.isPresent() && is.isPresent() && unchanged(was.get(), is.get())) {
                into(answer, is.get(), null, after.version()).ifPresent(carried::add);
            }
        }
        return carried;
    }

    /**
     * The answer to {@code to}: its option renamed ({@code option}, or the same id when null) or its number; not
     * applicable where {@code to} may be so.
     */
    private static Optional<Held> into(Held answer, Question to, String option, String version) {
        if (answer.notApplicable()) {
            return to.optionalInScope() ? Optional.of(new Held(version, to.id(), null, null, Question.NOT_APPLICABLE))
                    : Optional.empty();
        }
        String optionId = answer.optionId() == null ? null : option != null ? option : answer.optionId();
        try {
            int level = to.levelOf(new RawAnswer(optionId, answer.value(), null, null));
            return Optional.of(new Held(version, to.id(), optionId, answer.value(), level));
        } catch (IllegalArgumentException notAnOptionOrBand) {
            return Optional.empty();
        }
    }

    private static boolean unchanged(Question was, Question is) {
        return was.type() == is.type() && (was.type() != QuestionType.CHOICE || was.options().stream()
                .allMatch(o -> is.option(o.id()).isPresent()));
    }

    /**
     * The latest answer to one question of one version: its option or number (what a mapping carries) and its level
     * there, {@link Question#NOT_APPLICABLE} for an answer saying it does not apply. Answers kept before options and
     * numbers were (null both, with a level) count in their own version only.
     */
    public record Held(String version, String questionId, String optionId, BigDecimal value, int level) {

        public static Held of(String version, String questionId, RawAnswer answer, int level) {
            return new Held(version, questionId, answer.optionId(), answer.value(), level);
        }

        public boolean notApplicable() {
            return level == Question.NOT_APPLICABLE;
        }

        boolean unreadable() {
            return optionId == null && value == null && !notApplicable();
        }
    }

    /**
     * The levels by question id of the version scored, the questions answered as not applicable, and the answers
     * ({@code version/questionId}) left out.
     */
    public record Levels(Map<String, Integer> levels, Set<String> notApplicable, List<String> notCarried) {

        public Levels(Map<String, Integer> levels, List<String> notCarried) {
            this(levels, Set.of(), notCarried);
        }
    }
}
