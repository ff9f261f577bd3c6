package org.socialmaturity.scoring.timeline;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import org.socialmaturity.eventstore.AxonSettings;
import org.socialmaturity.scoring.timeline.CompanyTimeline.Entry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;

/**
 * The real timeline store, with a fault a test can arm for one company: writing that company's next history entries
 * fails a given number of times, as a MongoDB outage or a full disk would, before it works again.
 */
@Alternative
@Priority(1)
@Singleton
public class FaultyTimelines extends Timelines {

    private static final Map<String, Integer> FAILURES_LEFT = new ConcurrentHashMap<>();

    FaultyTimelines(MongoClient mongo, AxonSettings settings, ObjectMapper json, Instance<CompanyRebuild> rebuild) {
        super(mongo, settings, json, rebuild);
    }

    static void failEntriesOf(String companyId, int times) {
        FAILURES_LEFT.put(companyId, times);
    }

    static void heal(String companyId) {
        FAILURES_LEFT.remove(companyId);
    }

    @Override
    void saveEntry(String companyId, int n, Entry entry) {
        Integer left = FAILURES_LEFT.computeIfPresent(companyId, (company, count) -> count > 0 ? count - 1 : null);
        if (left != null || FAILURES_LEFT.containsKey(companyId)) {
            throw new IllegalStateException("injected fault: the history of " + companyId + " cannot be written");
        }
        super.saveEntry(companyId, n, entry);
    }
}
