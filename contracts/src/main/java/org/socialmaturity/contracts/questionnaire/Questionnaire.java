package org.socialmaturity.contracts.questionnaire;

import java.util.List;
import java.util.Optional;

/**
 * One version of the maturity questionnaire: the model's parameters, its phases, dimensions and questions.
 * It is data (a catalogue file), never code: an assessment pins the version it was started with.
 */
public record Questionnaire(
        String version,
        double phaseShare,
        double quadrantThreshold,
        List<Phase> phases,
        List<Dimension> dimensions,
        List<Question> questions) {

    public Questionnaire {
        phases = List.copyOf(phases);
        dimensions = List.copyOf(dimensions);
        questions = List.copyOf(questions);
    }

    public Optional<Question> question(String questionId) {
        return questions.stream().filter(q -> q.id().equals(questionId)).findFirst();
    }

    public Optional<Dimension> dimension(String dimensionId) {
        return dimensions.stream().filter(d -> d.id().equals(dimensionId)).findFirst();
    }

    public Optional<Phase> phase(int number) {
        return phases.stream().filter(p -> p.number() == number).findFirst();
    }

    public List<Question> requiredQuestions() {
        return questions.stream().filter(Question::required).toList();
    }
}
