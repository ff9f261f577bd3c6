package org.socialmaturity.contracts.advice;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.socialmaturity.contracts.questionnaire.Language;
import org.socialmaturity.contracts.questionnaire.Questionnaire;
import org.socialmaturity.contracts.questionnaire.Text;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The advice the platform can give, written from the seeds, in every language: the playbook on entering each phase
 * ({@code PHASE.n}), each SMI quadrant's recommendation ({@code QUADRANT.X}), the next step for each dimension at
 * each level below 4 ({@code DIMENSION.D.Ln}) and the alert for a drop ({@code ALERT.PHASE_DROPPED}). Data, not
 * code: {@code advice/v1.json}.
 */
public final class AdviceCatalogue {

    public static final String PHASE_DROPPED = "ALERT.PHASE_DROPPED";

    private final Map<String, Item> items;

    private AdviceCatalogue(Map<String, Item> items) {
        this.items = Map.copyOf(items);
    }

    public static AdviceCatalogue load() {
        try (InputStream in = AdviceCatalogue.class.getClassLoader().getResourceAsStream("advice/v1.json")) {
            if (in == null) {
                throw new IllegalStateException("Missing advice/v1.json");
            }
            File file = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build()
                    .readValue(in, File.class);
            Map<String, Item> items = new LinkedHashMap<>();
            for (Item item : file.items()) {
                if (items.put(item.code(), item) != null) {
                    throw new IllegalStateException("Advice code " + item.code() + " is not unique");
                }
            }
            return new AdviceCatalogue(items);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<Item> item(String code) {
        return Optional.ofNullable(items.get(code));
    }

    public List<Item> items() {
        return List.copyOf(items.values());
    }

    /**
     * The items of advice issued ({@link AdviceIssued#itemCodes()}), in a language, {@code {dimensions}} naming the
     * dimensions the advice is about as the questionnaire names them.
     */
    public List<Rendered> render(List<String> itemCodes, List<String> dimensions, Questionnaire questionnaire,
                                 Language language) {
        String names = dimensions.stream()
                .map(id -> questionnaire.dimension(id).map(d -> d.name().in(language)).orElse(id))
                .collect(Collectors.joining(", "));
        return itemCodes.stream()
                .map(code -> item(code).orElseThrow(() -> new IllegalStateException("No advice " + code))
                        .render(language, names))
                .toList();
    }

    public static String phase(int phase) {
        return "PHASE." + phase;
    }

    public static String quadrant(String quadrant) {
        return "QUADRANT." + quadrant;
    }

    /** The next step for a dimension whose whole level is {@code level} (1-3). */
    public static String nextStep(String dimension, int level) {
        return "DIMENSION." + dimension + ".L" + level;
    }

    /** One piece of advice; {@code {dimensions}} in a body is replaced by the dimensions it is about. */
    public record Item(String code, String source, Text title, Text body) {

        public Rendered render(Language language, String dimensionNames) {
            return new Rendered(code, title.in(language), body.in(language).replace("{dimensions}", dimensionNames),
                    source);
        }
    }

    public record Rendered(String code, String title, String body, String source) {
    }

    private record File(String version, List<Item> items) {
    }
}
