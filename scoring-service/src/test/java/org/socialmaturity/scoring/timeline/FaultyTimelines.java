package org.socialmaturity.scoring.timeline;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.socialmaturity.eventstore.AxonSettings;
import org.socialmaturity.web.readmodel.ReadModelGenerations;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;

/**
 * The real timeline store, with a fault a test can arm for one company: writing that company's new history entries
 * (with whatever else a batch writes) fails a given number of times, as a MongoDB outage or a full disk would,
 * before it works again.
 */
@Alternative
@Priority(1)
@Singleton
public class FaultyTimelines extends TimelineRepository {

    private static final Map<String, Integer> FAILURES_LEFT = new ConcurrentHashMap<>();

    FaultyTimelines(MongoClient mongo, AxonSettings settings, ObjectMapper json, Instance<CompanyRebuild> rebuild,
                    TimelineEvents events, ReadModelGenerations generations,
                    @ConfigProperty(name = TimelineRepository.CACHE_MEGABYTES, defaultValue = TimelineRepository.DEFAULT_CACHE_MEGABYTES)
                    long cacheMegabytes) {
        super(mongo, settings, json, rebuild, events, generations, cacheMegabytes);
    }

    static void failEntriesOf(String companyId, int times) {
        FAILURES_LEFT.put(companyId, times);
    }

    static void heal(String companyId) {
        FAILURES_LEFT.remove(companyId);
    }

    @Override
    Set<String> write(int generation, Map<String, CompanyTimeline> changed, Map<String, Long> readAt) {
        for (CompanyTimeline timeline : changed.values()) {
            if (timeline.unsavedEntries.isEmpty() || !FAILURES_LEFT.containsKey(timeline.companyId)) {
                continue;
            }
            Integer left = FAILURES_LEFT.computeIfPresent(timeline.companyId, (c, count) -> count > 0 ? count - 1 : null);
            if (left != null || FAILURES_LEFT.containsKey(timeline.companyId)) {
                throw new IllegalStateException("injected fault: the history of " + timeline.companyId
                        + " cannot be written");
            }
        }
        return super.write(generation, changed, readAt);
    }
}
