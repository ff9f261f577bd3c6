package org.socialmaturity.scoring.timeline;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.socialmaturity.contracts.assessment.RawAnswer;
import org.socialmaturity.contracts.maturity.AnswerState;
import org.socialmaturity.scoring.timeline.CompanyTimeline.Entry;
import org.socialmaturity.scoring.timeline.TimelineRepository.Cached;

import com.github.benmanes.caffeine.cache.Cache;

/** The timeline cache holds as many companies as fit in its bytes, not a count of companies whatever their size. */
class TimelineCacheTest {

    private static final long MEGABYTE = 1024 * 1024;

    @Test
    void companiesWithLongHistoriesAreKeptOnlyAsFarAsTheirBytesFit() {
        Cache<String, Cached> cache = TimelineRepository.cacheOf(32 * MEGABYTE);
        for (int company = 0; company < 20; company++) {
            cache.put("company-" + company, timeline(2_000, 2_000)); // ~8 MB each: notes of 2,000 characters
        }
        cache.cleanUp();
        long held = cache.policy().eviction().orElseThrow().weightedSize().orElseThrow();
        assertTrue(held <= 32 * MEGABYTE, "held " + held + " bytes");
        assertTrue(cache.estimatedSize() < 20 && cache.estimatedSize() >= 2, "kept " + cache.estimatedSize());
    }

    @Test
    void aCompanyHeavierThanTheWholeCacheIsNotKept() {
        Cache<String, Cached> cache = TimelineRepository.cacheOf(4 * MEGABYTE);
        cache.put("small", timeline(10, 0));
        cache.put("huge", timeline(5_000, 2_000));
        cache.cleanUp();
        assertNull(cache.getIfPresent("huge"));
        assertNotNull(cache.getIfPresent("small"));
    }

    private static Cached timeline(int entries, int noteLength) {
        List<Entry> all = new ArrayList<>();
        List<String> points = new ArrayList<>();
        String note = "n".repeat(noteLength);
        for (int i = 0; i < entries; i++) {
            all.add(new Entry(i, "event-" + i, Instant.EPOCH, "assessment", "v1", "team-dedicated-staff", null,
                    new RawAnswer(null, BigDecimal.ONE, note), 1, "partner:p", "request", null, null));
            points.add("{\"at\":\"1970-01-01T00:00:00Z\",\"eventId\":\"event-" + i + "\",\"index\":12.5}");
        }
        return new Cached(1, all, points, new AnswerState(), entries);
    }
}
