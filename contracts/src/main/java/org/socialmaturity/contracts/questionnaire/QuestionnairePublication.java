package org.socialmaturity.contracts.questionnaire;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A version as the operator submits it: the questionnaire, in the format of the built-in one, and optionally the
 * mapping from the current version. {@code questionnaires/examples/v2-publication.json} is one.
 */
public record QuestionnairePublication(Questionnaire questionnaire, QuestionnaireMapping mapping) {

    public static final String EXAMPLE_V2 = "questionnaires/examples/v2-publication.json";

    /**
     * The example v2 shipped with the platform: v1's resolution question split into the public and the private
     * channel, and a new optional question on the time to resolve in private messages, mapped from v1.
     */
    public static QuestionnairePublication exampleV2() {
        try (InputStream in = QuestionnairePublication.class.getClassLoader().getResourceAsStream(EXAMPLE_V2)) {
            return new ObjectMapper().readValue(in, QuestionnairePublication.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable " + EXAMPLE_V2, e);
        }
    }
}
