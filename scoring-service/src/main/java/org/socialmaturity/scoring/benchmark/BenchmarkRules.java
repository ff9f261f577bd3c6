package org.socialmaturity.scoring.benchmark;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.socialmaturity.contracts.maturity.MaturityRules;
import org.socialmaturity.contracts.maturity.Quadrant;

/**
 * When a group of companies may be shown, and what is shown of it: a pure function of the group's members, so that
 * the published method and the code are the same thing.
 *
 * <p>A group is shown only when, leaving out the asking partner's own companies, it has at least
 * {@link #MIN_COMPANIES} companies from at least {@link #MIN_PARTNERS} partners, and no company weighs more than
 * {@link #MAX_WEIGHT} of them: its index is at most that share of the sum of their indexes (the dominance rule of
 * statistical disclosure control, applied to the only magnitude shown). The partner's own companies are left out
 * because it knows them: subtracting them from the group must not leave a group too small to show. Below that, the
 * answer says the group is too small and shows no number at all, not even how many companies it has.
 */
public final class BenchmarkRules {

    public static final int MIN_COMPANIES = 5;
    public static final int MIN_PARTNERS = 3;
    public static final double MAX_WEIGHT = 0.25;
    static final String TOO_SMALL = "The group is too small to show without revealing its companies: a benchmark needs "
            + MIN_COMPANIES + " companies from " + MIN_PARTNERS + " partners besides your own, none weighing more "
            + "than 25% of their index.";

    private BenchmarkRules() {
    }

    /**
     * The benchmark of the group among {@code peers} (every company with a determinate maturity), and the percentile of
     * {@code company} in it when it is one of them.
     */
    public static Benchmark benchmark(Group group, List<Peer> peers, Optional<String> company, String askingPartner) {
        List<Peer> members = peers.stream().filter(p -> p.belongsTo(group)).toList();
        if (!showable(members.stream().filter(p -> !p.partnerId().equals(askingPartner)).toList())) {
            return Benchmark.tooSmall(group);
        }
        Map<Integer, Integer> phases = new TreeMap<>();
        for (int phase = 1; phase <= 4; phase++) {
            phases.put(phase, 0);
        }
        Map<Quadrant, Integer> quadrants = new EnumMap<>(Quadrant.class);
        for (Quadrant quadrant : Quadrant.values()) {
            quadrants.put(quadrant, 0);
        }
        members.forEach(p -> {
            phases.merge(p.phase(), 1, Integer::sum);
            quadrants.merge(p.quadrant(), 1, Integer::sum);
        });
        Double percentile = company.flatMap(id -> members.stream().filter(p -> p.companyId().equals(id)).findFirst())
                .map(own -> percentile(own.index(), members)).orElse(null);
        return new Benchmark(group, true, null, members.size(),
                (int) members.stream().map(Peer::partnerId).distinct().count(), percentile, phases, quadrants);
    }

    static boolean showable(List<Peer> members) {
        if (members.size() < MIN_COMPANIES || members.stream().map(Peer::partnerId).distinct().count() < MIN_PARTNERS) {
            return false;
        }
        double sum = members.stream().mapToDouble(Peer::index).sum();
        double largest = members.stream().mapToDouble(Peer::index).max().orElse(0);
        // All at index 0: each weighs the same, 1/n, which the count rule already bounds.
        return sum == 0 || largest <= MAX_WEIGHT * sum;
    }

    /**
     * The share of the group below the index, counting companies at the same index as half below (mid-rank), in
     * percent with one decimal: the lowest of five distinct indexes is at 10, the highest at 90.
     */
    static double percentile(double index, List<Peer> members) {
        long below = members.stream().filter(p -> p.index() < index).count();
        long same = members.stream().filter(p -> p.index() == index).count();
        return MaturityRules.oneDecimal(100.0 * (below + same / 2.0) / members.size());
    }
}
