package org.socialmaturity.contracts.questionnaire;

/** A dimension of maturity, the axis it feeds and its weight in the index. */
public record Dimension(String id, Axis axis, double weight, Text name, Text description, String sources) {
}
