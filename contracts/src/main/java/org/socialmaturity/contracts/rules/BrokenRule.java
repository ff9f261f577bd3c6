package org.socialmaturity.contracts.rules;

/** One rule an input broke: the field (a path such as {@code value} or {@code assessments[2].answers[0]}) and the rule. */
public record BrokenRule(String field, String rule) {
}
