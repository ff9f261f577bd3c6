package org.socialmaturity.gateway.routing;

/** The services behind the gateway, by the name their replay path uses. */
public enum Service {
    ASSESSMENT("assessment-service"),
    SCORING("scoring-service"),
    RECOMMENDATION("recommendation-service");

    private final String displayName;

    Service(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
