package org.socialmaturity.scoring.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.socialmaturity.contracts.maturity.MaturityRules.Maturity;
import org.socialmaturity.scoring.timeline.CompanyTimeline;
import org.socialmaturity.scoring.timeline.TimelineEvents;
import org.socialmaturity.scoring.timeline.TimelineRepository;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;

/**
 * Benchmarks across every partner's companies. The companies are read in one pass over the timeline documents (each
 * holds the latest answer to every question, so its maturity now is scored from it, as the timeline scores its last
 * entry) and kept for {@link BenchmarkSettings#refresh()}: a request costs a filter over a list in memory, so one
 * partner asking for benchmarks all day slows nobody down. While a refresh runs, requests keep the previous list.
 */
@ApplicationScoped
public class Benchmarks {

    private static final Logger LOG = Logger.getLogger(Benchmarks.class);
    private static final String ALL = "all";

    private final TimelineRepository timelines;
    private final TimelineEvents events;
    private final LoadingCache<String, List<Peer>> peers;

    Benchmarks(TimelineRepository timelines, TimelineEvents events, BenchmarkSettings settings) {
        this.timelines = timelines;
        this.events = events;
        this.peers = Caffeine.newBuilder().refreshAfterWrite(settings.refresh())
                .expireAfterWrite(settings.refresh().multipliedBy(6))
                .build(key -> loadPeers());
    }

    public Benchmark of(Group group, Optional<String> company, String askingPartner) {
        return BenchmarkRules.benchmark(group, peers.get(ALL), company, askingPartner);
    }

    /**
     * The company among the companies like it (same sector, country and size band), its percentile null until its
     * maturity is determinate; empty for a timeline that does not hold the registration's sector and size yet.
     */
    public Optional<Benchmark> ofCompany(CompanyTimeline timeline) {
        if (timeline.sector == null || timeline.employees == null) {
            return Optional.empty();
        }
        return Optional.of(BenchmarkRules.benchmark(new Group(timeline.sector, timeline.country,
                SizeBand.of(timeline.employees)), peers.get(ALL), Optional.of(timeline.companyId), timeline.partnerId));
    }

    private List<Peer> loadPeers() {
        long started = System.nanoTime();
        List<Peer> loaded = new ArrayList<>();
        timelines.forEachCompany(timeline -> peer(timeline).ifPresent(loaded::add));
        LOG.debugf("Benchmarks: %d companies with a determinate maturity read in %d ms", loaded.size(),
                (System.nanoTime() - started) / 1_000_000);
        return List.copyOf(loaded);
    }

    /**
     * The company as a peer: only with a determinate maturity (an incomplete assessment would pull its group down) and
     * a registration that says where it belongs (timelines written before these fields existed get them on the next
     * rebuild of the read model).
     */
    private Optional<Peer> peer(CompanyTimeline timeline) {
        if (timeline.sector == null || timeline.employees == null) {
            return Optional.empty();
        }
        return events.now(timeline)
                .filter(Maturity::determinate)
                .map(maturity -> new Peer(timeline.companyId, timeline.partnerId, timeline.sector, timeline.country,
                        SizeBand.of(timeline.employees), maturity.index(), maturity.phase(), maturity.quadrant()));
    }
}
