package org.socialmaturity.contracts.questionnaire;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Every questionnaire version: the one built in (read from the classpath, {@code questionnaires/index.json}) and those
 * the operator published since ({@link QuestionnairePublished} events, in order), with the mapping each carries; the
 * last one published is the current one. A service's catalogue is a cache over the event store ({@link #over}): it
 * looks for new publications at most every {@code freshness}, and at once when asked for a version it does not know
 * (an event can pin a version only after its publication is stored). A built-in version that breaks a rule of
 * {@link QuestionnaireRules} refuses to load, so a running service never serves a broken catalogue.
 */
public final class QuestionnaireCatalogue {

    private static final String ROOT = "questionnaires/";
    private static final System.Logger LOG = System.getLogger(QuestionnaireCatalogue.class.getName());
    private static final java.util.regex.Pattern VERSION_NAME = java.util.regex.Pattern.compile("v[0-9]{1,6}");

    /** The publications stored after the first {@code known} of them, in order. */
    @FunctionalInterface
    public interface Publications {
        List<QuestionnairePublished> after(long known);
    }

    private final Publications source;
    private final long freshnessNanos;
    private volatile Snapshot snapshot;
    private volatile long checkedAt;

    private QuestionnaireCatalogue(Snapshot snapshot, Publications source, Duration freshness) {
        this.snapshot = snapshot;
        this.source = source;
        this.freshnessNanos = freshness.toNanos();
        this.checkedAt = System.nanoTime();
    }

    /** The built-in versions only. */
    public static QuestionnaireCatalogue load() {
        return new QuestionnaireCatalogue(builtIn(), null, Duration.ZERO);
    }

    /** The built-in versions and {@code published}, in order (a dossier's, for the verifier). */
    public static QuestionnaireCatalogue of(List<QuestionnairePublished> published) {
        Snapshot snapshot = builtIn();
        for (QuestionnairePublished publication : published) {
            snapshot = snapshot.with(publication);
        }
        return new QuestionnaireCatalogue(snapshot, null, Duration.ZERO);
    }

    /**
     * The built-in versions and those {@code source} holds, looked for again at most every {@code freshness}: first
     * when the catalogue is first asked (a service builds it before its event store is open).
     */
    public static QuestionnaireCatalogue over(Publications source, Duration freshness) {
        QuestionnaireCatalogue catalogue = new QuestionnaireCatalogue(builtIn(), source, freshness);
        catalogue.checkedAt = System.nanoTime() - freshness.toNanos() - 1;
        return catalogue;
    }

    /** This catalogue with one more publication (an aggregate replaying its events). */
    public QuestionnaireCatalogue with(QuestionnairePublished publication) {
        return new QuestionnaireCatalogue(fresh().with(publication), null, Duration.ZERO);
    }

    public Questionnaire current() {
        Snapshot known = fresh();
        return known.versions().get(known.current());
    }

    /**
     * A version; one not known yet is looked for at once (an event can pin a version only after its publication is
     * stored), unless it cannot be a version name.
     */
    public Optional<Questionnaire> version(String version) {
        Questionnaire known = fresh().versions().get(version);
        if (known == null && source != null && version != null && VERSION_NAME.matcher(version).matches()) {
            refreshQuietly();
            known = snapshot.versions().get(version);
        }
        return Optional.ofNullable(known);
    }

    /** Every version, oldest first. */
    public List<String> versions() {
        return List.copyOf(fresh().versions().keySet());
    }

    /** The mapping published with {@code version}, from the version before it. */
    public Optional<QuestionnaireMapping> mappingInto(String version) {
        version(version);
        return Optional.ofNullable(snapshot.mappings().get(version));
    }

    /** How many versions were published (the built-in ones not counted). */
    public long published() {
        return fresh().published();
    }

    /** Why {@code questionnaire} with {@code mapping} cannot be published next; empty when it can. */
    public List<String> problemsOfPublishing(Questionnaire questionnaire, QuestionnaireMapping mapping) {
        Snapshot known = fresh();
        return PublicationRules.check(questionnaire, mapping, known.versions().get(known.current()),
                known.versions().keySet());
    }

    /** Looks for publications now. @throws RuntimeException when the store cannot be read */
    public void refresh() {
        if (source == null) {
            return;
        }
        synchronized (this) {
            Snapshot known = snapshot;
            for (QuestionnairePublished publication : source.after(known.published())) {
                known = known.with(publication);
            }
            snapshot = known;
            checkedAt = System.nanoTime();
        }
    }

    /** What it knows, looked for again when older than the freshness; what it knew when the store cannot be read. */
    private Snapshot fresh() {
        if (source != null && System.nanoTime() - checkedAt > freshnessNanos) {
            synchronized (this) {
                // Another thread may have looked while this one waited.
                if (System.nanoTime() - checkedAt > freshnessNanos) {
                    refreshQuietly();
                }
            }
        }
        return snapshot;
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException unreadable) {
            // Served from what it knows; looked for again after the freshness, not on every call meanwhile.
            checkedAt = System.nanoTime();
            LOG.log(System.Logger.Level.WARNING, "Questionnaire publications unreadable, serving the versions known: "
                    + unreadable);
        }
    }

    private static Snapshot builtIn() {
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
        return new Snapshot(versions, Map.of(), index.current(), 0);
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

    /** What the catalogue knows at one moment; never changed, replaced. */
    private record Snapshot(Map<String, Questionnaire> versions, Map<String, QuestionnaireMapping> mappings,
                            String current, long published) {

        /** A publication stored is applied as it is: it was checked before it was stored. */
        Snapshot with(QuestionnairePublished publication) {
            Questionnaire questionnaire = publication.questionnaire();
            Map<String, Questionnaire> moreVersions = new LinkedHashMap<>(versions);
            moreVersions.put(questionnaire.version(), questionnaire);
            Map<String, QuestionnaireMapping> moreMappings = new LinkedHashMap<>(mappings);
            if (publication.mapping() != null) {
                moreMappings.put(questionnaire.version(), publication.mapping());
            }
            return new Snapshot(moreVersions, moreMappings, questionnaire.version(), published + 1);
        }
    }
}
