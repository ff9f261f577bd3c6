package org.socialmaturity.scoring.benchmark;

import java.util.Locale;

import org.socialmaturity.contracts.maturity.Quadrant;

/** One company as benchmarks see it: where it belongs and its determinate maturity now, nothing that names it. */
public record Peer(String companyId, String partnerId, String sector, String country, SizeBand size, double index,
                   int phase, Quadrant quadrant) {

    boolean belongsTo(Group group) {
        return normalised(group.sector()).equals(normalised(sector)) && group.country().equals(country)
                && group.size() == size;
    }

    /** Sectors are free text given at registration: compared without case and surrounding space. */
    static String normalised(String sector) {
        return sector == null ? "" : sector.strip().toLowerCase(Locale.ROOT);
    }
}
