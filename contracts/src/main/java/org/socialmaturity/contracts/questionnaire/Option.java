package org.socialmaturity.contracts.questionnaire;

/** A choice and the maturity level (1-4) it stands for. */
public record Option(String id, int level, Text text) {
}
