package org.socialmaturity.contracts.advice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.socialmaturity.contracts.maturity.Quadrant;
import org.socialmaturity.contracts.questionnaire.Dimension;
import org.socialmaturity.contracts.questionnaire.Language;
import org.socialmaturity.contracts.questionnaire.QuestionnaireCatalogue;

class AdviceCatalogueTest {

    private final AdviceCatalogue catalogue = AdviceCatalogue.load();

    @Test
    void everyPhaseQuadrantDimensionLevelAndTheDropHaveAdviceInBothLanguages() {
        List<String> required = new ArrayList<>();
        for (int phase = 1; phase <= 4; phase++) {
            required.add(AdviceCatalogue.phase(phase));
        }
        for (Quadrant quadrant : Quadrant.values()) {
            required.add(AdviceCatalogue.quadrant(quadrant.name()));
        }
        for (Dimension dimension : QuestionnaireCatalogue.load().current().dimensions()) {
            for (int level = 1; level <= 3; level++) {
                required.add(AdviceCatalogue.nextStep(dimension.id(), level));
            }
        }
        required.add(AdviceCatalogue.PHASE_DROPPED);

        List<String> problems = new ArrayList<>();
        for (String code : required) {
            catalogue.item(code).ifPresentOrElse(item -> {
                for (Language language : Language.values()) {
                    if (blank(item.title().in(language)) || blank(item.body().in(language))) {
                        problems.add(code + " has no " + language.code() + " text");
                    }
                }
                if (!item.source().matches("00[0-4].*")) {
                    problems.add(code + " cites no seed: " + item.source());
                }
            }, () -> problems.add(code + " is missing"));
        }
        assertEquals(List.of(), problems);
        assertEquals(required.size(), catalogue.items().size(), "no advice that nothing can trigger");
    }

    @Test
    void theDropAlertNamesTheDimensionsThatFell() {
        AdviceCatalogue.Rendered es = catalogue.item(AdviceCatalogue.PHASE_DROPPED).orElseThrow()
                .render(Language.ES, "Escucha, CRM social");
        assertTrue(es.body().contains("Escucha, CRM social"), es.body());
        assertTrue(es.title().startsWith("Alerta"));
    }

    @Test
    void issuedAdviceIsRenderedInTheLanguageWithTheDimensionsNamedByTheQuestionnaire() {
        List<AdviceCatalogue.Rendered> es = catalogue.render(List.of(AdviceCatalogue.PHASE_DROPPED),
                List.of("LISTENING", "SOCIAL_CRM"), QuestionnaireCatalogue.load().current(), Language.ES);
        assertEquals(1, es.size());
        assertTrue(es.get(0).body().contains("Escucha, CRM social"), es.get(0).body());
        assertTrue(es.get(0).source().startsWith("00"), es.get(0).source());
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
