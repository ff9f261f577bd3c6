package org.socialmaturity.scoring.benchmark;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.socialmaturity.contracts.maturity.Quadrant;

/** How a group of comparable companies stands, across every partner, or why it cannot be shown. */
@Schema(name = "Benchmark", description = "The distribution of phases and quadrants among comparable companies across "
        + "all partners, and the company's percentile of index among them; shown only for a group large enough "
        + "(see docs/api.md, Benchmarks), otherwise available is false and reason says why")
public record Benchmark(
        Group group,
        @Schema(example = "true") boolean available,
        @Schema(description = "Why the group is not shown; null when it is") String reason,
        @Schema(description = "Companies in the group with a determinate maturity; null when not shown", example = "12")
        Integer companies,
        @Schema(description = "Partners those companies belong to; null when not shown", example = "4") Integer partners,
        @Schema(description = "The share of the group with a lower index, ties counted half, in percent; null when "
                + "not shown or no company was asked about", example = "62.5") Double percentile,
        @Schema(description = "Companies in each phase, 1 to 4", example = "{\"1\":2,\"2\":5,\"3\":4,\"4\":1}")
        Map<Integer, Integer> phases,
        @Schema(description = "Companies in each quadrant",
                example = "{\"OBSERVERS\":3,\"CONSERVATIVE\":4,\"CONTENDERS\":1,\"SOCIAL_FIRST\":4}")
        Map<Quadrant, Integer> quadrants) {

    static Benchmark tooSmall(Group group) {
        return new Benchmark(group, false, BenchmarkRules.TOO_SMALL, null, null, null, null, null);
    }
}
