package org.socialmaturity.contracts.maturity;

/** The Social Maturity Index quadrants (seed 000): investment x innovation. */
public enum Quadrant {
    OBSERVERS,
    CONSERVATIVE,
    CONTENDERS,
    SOCIAL_FIRST;

    public static Quadrant of(boolean highInvestment, boolean highInnovation) {
        if (highInvestment) {
            return highInnovation ? SOCIAL_FIRST : CONSERVATIVE;
        }
        return highInnovation ? CONTENDERS : OBSERVERS;
    }
}
