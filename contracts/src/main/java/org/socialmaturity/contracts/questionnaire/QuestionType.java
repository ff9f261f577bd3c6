package org.socialmaturity.contracts.questionnaire;

public enum QuestionType {
    /** One option, each option carrying a level. */
    CHOICE,
    /** A number, mapped to a level by bands. */
    NUMBER
}
