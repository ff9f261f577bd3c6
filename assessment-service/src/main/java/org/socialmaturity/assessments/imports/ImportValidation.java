package org.socialmaturity.assessments.imports;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Singleton;

import org.socialmaturity.assessments.assessment.AnswerRequest;
import org.socialmaturity.assessments.assessment.AnswerRules;
import org.socialmaturity.assessments.company.CompanyRepository;
import org.socialmaturity.assessments.company.CompanyDirectoryProjection;
import org.socialmaturity.contracts.assessment.RawAnswer;
import org.socialmaturity.contracts.questionnaire.Question;
import org.socialmaturity.contracts.questionnaire.Questionnaire;
import org.socialmaturity.contracts.questionnaire.QuestionnaireCatalogue;
import org.socialmaturity.contracts.rules.InvalidInput;
import org.socialmaturity.contracts.rules.BrokenRule;

/**
 * Every rule a past assessment must follow, checked on the whole batch before anything is written: a report of every
 * bad part, or the batch ready to record, oldest first. Past assessments of a company must come after its latest
 * answer (its history is imported before its live answers, oldest first), so that the company's answers stay in the
 * order they were given.
 */
@Singleton
public class ImportValidation {

    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    static final int MAX_ANSWERED_BY = 200;

    private final CompanyRepository companies;
    private final CompanyDirectoryProjection directory;
    private final QuestionnaireCatalogue catalogue;

    ImportValidation(CompanyRepository companies, CompanyDirectoryProjection directory, QuestionnaireCatalogue catalogue) {
        this.companies = companies;
        this.directory = directory;
        this.catalogue = catalogue;
    }

    /** A past assessment, checked: its answers in the order sent; {@code path} where the batch holds it. */
    public record Valid(String path, String companyId, Instant at, String questionnaireVersion, String answeredBy,
                        List<ValidAnswer> answers) {

        /** Recorded as {@code at}, its answers a millisecond apart after it, then closed: done by this instant. */
        Instant closedAt() {
            return at.plusMillis(answers.size() + 1L);
        }
    }

    public record ValidAnswer(String questionId, RawAnswer answer) {
    }

    /** @throws InvalidInput naming every bad part of the batch */
    List<Valid> check(String partnerId, ImportBatch batch, Instant now) {
        List<BrokenRule> violations = new ArrayList<>();
        List<Valid> valid = new ArrayList<>();
        for (ImportBatch.Assessment assessment : batch.assessments()) {
            check(partnerId, assessment, now, violations).ifPresent(valid::add);
        }
        List<Valid> oldestFirst = valid.stream().sorted(Comparator.comparing(Valid::at)).toList();
        Map<String, Valid> previous = new HashMap<>();
        for (Valid assessment : oldestFirst) {
            Valid before = previous.put(assessment.companyId(), assessment);
            if (before != null && !assessment.at().isAfter(before.closedAt())) {
                violations.add(new BrokenRule(assessment.path(), "is dated " + assessment.at() + ", "
                        + "within the company's past assessment of " + before.at() + ": a company's past assessments "
                        + "need distinct dates"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInput(violations).with("badParts", violations.size());
        }
        return oldestFirst;
    }

    private Optional<Valid> check(String partnerId, ImportBatch.Assessment assessment, Instant now,
                                  List<BrokenRule> violations) {
        int before = violations.size();
        String path = assessment.path();
        if (assessment.companyId() == null) {
            violations.add(new BrokenRule(path + ".companyId", "is required"));
        } else if (companies.find(partnerId, assessment.companyId()).isEmpty()) {
            violations.add(new BrokenRule(path + ".companyId", "is not a company of this partner"));
        }
        Instant at = date(assessment, now, violations);
        if (at != null && assessment.companyId() != null) {
            directory.lastAnsweredAt(assessment.companyId()).filter(latest -> !at.isAfter(latest)).ifPresent(latest ->
                    violations.add(new BrokenRule(path + ".date", "must be after the company's latest answer ("
                            + latest + "): import a company's history before its live answers, oldest first")));
        }
        String version = assessment.questionnaireVersion() != null ? assessment.questionnaireVersion()
                : catalogue.current().version();
        Optional<Questionnaire> pinned = catalogue.version(version);
        if (pinned.isEmpty()) {
            violations.add(new BrokenRule(path + ".questionnaireVersion", "must be one of " + catalogue.versions()));
        }
        if (assessment.answeredBy() != null && (assessment.answeredBy().isBlank()
                || assessment.answeredBy().length() > MAX_ANSWERED_BY)) {
            violations.add(new BrokenRule(path + ".answeredBy", "must be 1-" + MAX_ANSWERED_BY + " characters"));
        }
        List<ValidAnswer> answers = new ArrayList<>();
        Set<String> answered = new HashSet<>();
        for (ImportBatch.Answer answer : assessment.answers()) {
            answer(answer, pinned, answered, violations).ifPresent(answers::add);
        }
        return violations.size() > before ? Optional.empty()
                : Optional.of(new Valid(path + ".date", assessment.companyId(), at, version, assessment.answeredBy(),
                answers));
    }

    private static Optional<ValidAnswer> answer(ImportBatch.Answer answer, Optional<Questionnaire> pinned,
                                                Set<String> answered, List<BrokenRule> violations) {
        String path = answer.path();
        if (answer.questionId() == null) {
            violations.add(new BrokenRule(path + ".questionId", "is required"));
            return Optional.empty();
        }
        if (pinned.isEmpty()) {
            return Optional.empty();
        }
        Optional<Question> question = pinned.get().question(answer.questionId());
        if (question.isEmpty()) {
            violations.add(new BrokenRule(path + ".questionId", answer.questionId() + " is not a question of "
                    + "questionnaire " + pinned.get().version()));
            return Optional.empty();
        }
        if (!answered.add(answer.questionId())) {
            violations.add(new BrokenRule(path + ".questionId", answer.questionId() + " is answered twice in one "
                    + "past assessment"));
            return Optional.empty();
        }
        AnswerRequest.Parsed parsed;
        try {
            parsed = AnswerRequest.parse(answer.body());
        } catch (InvalidInput invalid) {
            invalid.brokenRules().forEach(rule -> violations.add(new BrokenRule(fieldOf(path, rule.field()), rule.rule())));
            return Optional.empty();
        }
        if (!parsed.uploads().isEmpty()) {
            violations.add(new BrokenRule(path + ".evidence", "attachments cannot be imported: link the documents "
                    + "(url and sha256)"));
            return Optional.empty();
        }
        List<BrokenRule> broken = AnswerRules.check(question.get(), parsed.answer());
        broken.forEach(rule -> violations.add(new BrokenRule(fieldOf(path, rule.field()), rule.rule())));
        return broken.isEmpty() ? Optional.of(new ValidAnswer(answer.questionId(), parsed.answer())) : Optional.empty();
    }

    /** {@code 2024-01-15} (midnight UTC) or an instant; in the past, from 2000 on. */
    private static Instant date(ImportBatch.Assessment assessment, Instant now, List<BrokenRule> violations) {
        String field = assessment.path() + ".date";
        if (assessment.date() == null) {
            violations.add(new BrokenRule(field, "is required: the day (2024-01-15) or instant the assessment was "
                    + "made"));
            return null;
        }
        Instant at;
        try {
            at = assessment.date().length() == 10 ? LocalDate.parse(assessment.date()).atStartOfDay(ZoneOffset.UTC)
                    .toInstant() : Instant.parse(assessment.date());
        } catch (DateTimeParseException e) {
            violations.add(new BrokenRule(field, "must be an ISO-8601 date (2024-01-15) or instant "
                    + "(2024-01-15T10:00:00Z)"));
            return null;
        }
        if (!at.isBefore(now)) {
            violations.add(new BrokenRule(field, "must be in the past"));
        } else if (at.isBefore(EARLIEST)) {
            violations.add(new BrokenRule(field, "must be on or after 2000-01-01"));
        }
        return at;
    }

    private static String fieldOf(String path, String field) {
        return "body".equals(field) ? path : path + "." + field;
    }
}
