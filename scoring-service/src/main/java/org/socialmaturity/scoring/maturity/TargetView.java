package org.socialmaturity.scoring.maturity;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.socialmaturity.contracts.company.TargetSet;
import org.socialmaturity.contracts.maturity.MaturityRules;
import org.socialmaturity.contracts.maturity.MaturityRules.DimensionScore;
import org.socialmaturity.contracts.maturity.MaturityRules.Maturity;

/** The target the company's partner set, and how far the company is from it now. */
@Schema(name = "MaturityTarget", description = "The company's target and the gap to it")
public record TargetView(
        @Schema(example = "0b6f5d8e-8c1d-3f4e-9a2b-7c6d5e4f3a2b") String targetId,
        @Schema(example = "3") int phase,
        @Schema(example = "{\"LISTENING\":3}") Map<String, Integer> dimensions,
        @Schema(example = "2027-06-30") LocalDate due,
        @Schema(example = "2026-11-27T09:00:00Z") Instant setAt,
        @Schema(description = "Whether the maturity now meets it: a determinate phase at least the target's, and "
                + "every named dimension's score at least its level", example = "false") boolean met,
        @Schema(description = "Phases still to climb, 0 when the phase is reached; null before a determinate "
                + "maturity", example = "1") Integer phasesToGo,
        @Schema(description = "Each dimension the target names: its score now and the gap to the level")
        List<DimensionGap> dimensionGaps,
        @Schema(description = "Days until the due date; negative once it has passed", example = "215") long daysLeft) {

    @Schema(name = "DimensionGap")
    public record DimensionGap(
            @Schema(example = "LISTENING") String id,
            @Schema(example = "3") int target,
            @Schema(description = "null while unanswered", example = "2.5") Double score,
            @Schema(description = "Levels still to gain, 0 when reached", example = "0.5") double gap) {
    }

    /** The gap from {@code maturity} (null before any answer) to the target, on {@code today}. */
    public static TargetView of(TargetSet target, Maturity maturity, LocalDate today) {
        Map<String, Double> scores = new LinkedHashMap<>();
        if (maturity != null) {
            for (DimensionScore dimension : maturity.dimensions()) {
                scores.put(dimension.id(), dimension.score());
            }
        }
        List<DimensionGap> gaps = new ArrayList<>();
        target.dimensionLevels().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(level -> {
            Double score = scores.get(level.getKey());
            double gap = score == null ? level.getValue() : Math.max(0, level.getValue() - score);
            gaps.add(new DimensionGap(level.getKey(), level.getValue(),
                    score == null ? null : MaturityRules.twoDecimals(score), MaturityRules.twoDecimals(gap)));
        });
        boolean determinate = maturity != null && maturity.determinate();
        return new TargetView(target.targetId(), target.phase(), target.dimensionLevels(), target.due(),
                target.setAt(), determinate && target.metBy(maturity.phase(), scores),
                determinate ? Math.max(0, target.phase() - maturity.phase()) : null, gaps,
                ChronoUnit.DAYS.between(today, target.due()));
    }
}
