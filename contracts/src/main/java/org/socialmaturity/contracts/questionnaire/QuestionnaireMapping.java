package org.socialmaturity.contracts.questionnaire;

import java.util.List;
import java.util.Map;

/**
 * How the answers to one version ({@code from}) carry into the version published with this mapping, so that a
 * company's maturity stays continuous across versions. Each of {@code questions} carries the answers to one question
 * into one question of the new version (a question split in two is named twice); CHOICE answers go through
 * {@code options} (old option id to new option id; omitted: the same ids), NUMBER answers carry their value, which
 * the new question's bands place. With {@code carryUnchanged}, every question of the old version that keeps its id,
 * type and option ids in the new version, and that no entry names, carries to itself. An answer nothing carries is
 * left out of the new version's scores, and the maturity says so.
 */
public record QuestionnaireMapping(String from, boolean carryUnchanged, List<QuestionMapping> questions) {

    public QuestionnaireMapping {
        questions = questions == null ? List.of() : List.copyOf(questions);
    }

    public record QuestionMapping(String from, String to, Map<String, String> options) {

        public QuestionMapping {
            options = options == null ? Map.of() : Map.copyOf(options);
        }
    }
}
