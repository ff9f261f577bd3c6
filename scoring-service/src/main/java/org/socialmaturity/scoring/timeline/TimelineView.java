package org.socialmaturity.scoring.timeline;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.socialmaturity.contracts.assessment.Evidence;
import org.socialmaturity.scoring.timeline.CompanyTimeline.Entry;

/**
 * A company's timeline with its entries, in the order the answers were recorded, for queries of its maturity: entries
 * without their answers' notes (the history reads those from the store, {@link TimelineRepository#walk}); {@code points} holds
 * each entry's trajectory point already written as JSON, so that a long trajectory is joined, not serialized.
 */
public record TimelineView(CompanyTimeline timeline, List<Entry> entries, List<String> points) {

    /** The positions of the first entry at or after {@code from} and of the first entry after {@code to}. */
    public int[] range(Instant from, Instant to) {
        int start = from == null ? 0 : firstAfter(from.minusNanos(1));
        int end = to == null ? entries.size() : firstAfter(to);
        return new int[] {start, Math.max(start, end)};
    }

    private int firstAfter(Instant instant) {
        int low = 0;
        int high = entries.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (entries.get(middle).at().isAfter(instant)) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low;
    }

    /** The maturity after the last answer at or before {@code instant}; empty before the first answer. */
    public Optional<Entry> asOf(Instant instant) {
        int low = 0;
        int high = entries.size() - 1;
        Entry found = null;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            Entry entry = entries.get(middle);
            if (entry.at().isAfter(instant)) {
                high = middle - 1;
            } else {
                found = entry;
                low = middle + 1;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The last entry of one assessment: the company's maturity when that assessment's last answer was recorded. */
    public Optional<Entry> lastOf(String assessmentId) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).assessmentId().equals(assessmentId)) {
                return Optional.of(entries.get(i));
            }
        }
        return Optional.empty();
    }

    /** Every attachment the company's answers (current or replaced) name as evidence, in the order they appear. */
    public Stream<Evidence> attachmentsNamed() {
        return entries.stream().flatMap(e -> Stream.of(e.answer(), e.previousAnswer()))
                .filter(a -> a != null && a.evidence() != null).flatMap(a -> a.evidence().stream())
                .filter(Evidence::attachment);
    }
}
