package org.socialmaturity.scoring.benchmark;

/** A company's size by its employees, in the European Union's bands (Recommendation 2003/361/EC). */
public enum SizeBand {
    MICRO, SMALL, MEDIUM, LARGE;

    public static SizeBand of(int employees) {
        if (employees < 10) {
            return MICRO;
        }
        if (employees < 50) {
            return SMALL;
        }
        return employees < 250 ? MEDIUM : LARGE;
    }
}
