package org.socialmaturity.contracts.advice;

/** Where a partner's client stands on one item of advice on its roadmap. An item nobody has touched is {@code OPEN}. */
public enum RoadmapStatus {
    OPEN,
    IN_PROGRESS,
    DONE,
    WONT_DO
}
