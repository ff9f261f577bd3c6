package org.socialmaturity.contracts.questionnaire;

/** The two SMI axes (seed 000) a dimension contributes to. */
public enum Axis {
    INVESTMENT,
    INNOVATION
}
