package org.socialmaturity.contracts.questionnaire;

/** One of the four adoption phases of seed 004. */
public record Phase(int number, Text name, Text description) {
}
