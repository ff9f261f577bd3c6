package org.socialmaturity.contracts.questionnaire;

/** A text in every supported language. */
public record Text(String en, String es) {

    public String in(Language language) {
        return language == Language.ES ? es : en;
    }

    boolean complete() {
        return en != null && !en.isBlank() && es != null && !es.isBlank();
    }
}
