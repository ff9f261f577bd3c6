package org.socialmaturity.contracts.questionnaire;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Every published questionnaire version, read from the classpath ({@code questionnaires/index.json} names the
 * versions and the current one). A version that breaks a rule of {@link QuestionnaireRules} refuses to load, so a
 * running service never serves a broken catalogue.
 */
public final class QuestionnaireCatalogue {

    private static final String ROOT = "questionnaires/";

    private final Map<String, Questionnaire> versions;
    private final String currentVersion;

    private QuestionnaireCatalogue(Map<String, Questionnaire> versions, String currentVersion) {
        this.versions = Map.copyOf(versions);
        this.currentVersion = currentVersion;
    }

    public static QuestionnaireCatalogue load() {
        ObjectMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        Index index = read(mapper, ROOT + "index.json", Index.class);
        Map<String, Questionnaire> versions = new LinkedHashMap<>();
        for (String version : index.versions()) {
            Questionnaire questionnaire = read(mapper, ROOT + version + ".json", Questionnaire.class);
            if (!version.equals(questionnaire.version())) {
                throw new IllegalStateException(version + ".json declares version " + questionnaire.version());
            }
            List<String> problems = QuestionnaireRules.check(questionnaire);
            if (!problems.isEmpty()) {
                throw new IllegalStateException("Questionnaire " + version + " is invalid: " + problems);
            }
            versions.put(version, questionnaire);
        }
        if (!versions.containsKey(index.current())) {
            throw new IllegalStateException("The current questionnaire " + index.current() + " is not published");
        }
        return new QuestionnaireCatalogue(versions, index.current());
    }

    public Questionnaire current() {
        return versions.get(currentVersion);
    }

    public Optional<Questionnaire> version(String version) {
        return Optional.ofNullable(versions.get(version));
    }

    public List<String> versions() {
        return List.copyOf(versions.keySet());
    }

    private static <T> T read(ObjectMapper mapper, String resource, Class<T> type) {
        try (InputStream in = QuestionnaireCatalogue.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing catalogue resource " + resource);
            }
            return mapper.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable catalogue resource " + resource, e);
        }
    }

    private record Index(String current, List<String> versions) {
    }
}
