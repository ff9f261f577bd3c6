package org.socialmaturity.assessments.assessment;

/** What recording an answer left in place; {@code changed} is false when it repeated the current answer. */
public record AnswerOutcome(CurrentAnswer current, boolean changed) {
}
