package org.socialmaturity.scoring.maturity;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.socialmaturity.contracts.maturity.MaturityRules;
import org.socialmaturity.contracts.maturity.MaturityRules.Maturity;
import org.socialmaturity.contracts.maturity.Quadrant;
import org.socialmaturity.contracts.questionnaire.Language;
import org.socialmaturity.contracts.questionnaire.QuestionnaireCatalogue;
import org.socialmaturity.scoring.benchmark.Benchmark;

/** A company's maturity as partners and auditors read it; numbers rounded for display, computed unrounded. */
@Schema(name = "Maturity", description = "A company's maturity at an instant: phase, SMI quadrant, indexes, dimension "
        + "scores and the dimensions holding it below the next phase")
public record MaturityView(
        @Schema(example = "5f0c3e9a-3d7e-4d0c-9f4e-2d8f1c6b7a10") String companyId,
        @Schema(example = "2026-11-23T10:00:00Z") Instant asOf,
        @Schema(description = "False until every required question has an answer; phase and quadrant are then "
                + "provisional", example = "true") boolean determinate,
        @Schema(description = "1-4; null before the first answer", example = "2") Integer phase,
        @Schema(example = "Path to Adoption") String phaseName,
        @Schema(example = "CONSERVATIVE") Quadrant quadrant,
        @Schema(description = "0-100, one decimal", example = "41.7") Double index,
        @Schema(example = "55.0") Double investment,
        @Schema(example = "28.3") Double innovation,
        List<DimensionView> dimensions,
        @Schema(description = "Dimensions scoring below the next phase", example = "[\"LISTENING\",\"SOCIAL_CRM\"]")
        List<String> holdingBack,
        @Schema(example = "19") int answered,
        @Schema(example = "19") int required,
        @Schema(description = "The questionnaire version it is scored under: the newest the company has answered "
                + "(answers to earlier ones carried by their mappings); null before the first answer", example = "v2")
        String questionnaireVersion,
        @Schema(description = "Answers to other versions that do not count under this one (version/questionId): "
                + "no mapping carries them (or they answer a later version); empty when every answer counts",
                example = "[]") List<String> notCarried,
        @Schema(description = "Questions answered as not applicable to the company: in no mean, and counted as "
                + "answered", example = "[\"crm-handle-linking\",\"crm-data-use\"]") List<String> notApplicable,
        @Schema(description = "Dimensions whose every question does not apply: no score, their weight left out of "
                + "the index and the phase", example = "[\"SOCIAL_CRM\"]") List<String> excludedDimensions,
        @Schema(description = "The company among companies of its sector, country and size band across all partners; "
                + "null for a past instant (asOf)") Benchmark benchmark,
        @Schema(description = "The target its partner set (PUT .../target) and the gap to it; null when none is set "
                + "or for a past instant (asOf)") TargetView target) {

    static final String EXAMPLE = "{\"companyId\":\"5f0c3e9a-3d7e-4d0c-9f4e-2d8f1c6b7a10\",\"asOf\":\"2026-11-23T10:00:00Z\","
            + "\"determinate\":true,\"phase\":2,\"phaseName\":\"Path to Adoption\",\"quadrant\":\"CONSERVATIVE\",\"index\":41.7,"
            + "\"investment\":55.0,\"innovation\":28.3,\"dimensions\":[{\"id\":\"GOVERNANCE\",\"score\":2.5,\"level\":2}],"
            + "\"holdingBack\":[\"LISTENING\",\"SOCIAL_CRM\"],\"answered\":19,\"required\":19,"
            + "\"questionnaireVersion\":\"v1\",\"notCarried\":[],\"notApplicable\":[],\"excludedDimensions\":[],\"benchmark\":{\"group\":{\"sector\":\"airlines\",\"country\":\"ES\",\"size\":\"LARGE\"},"
            + "\"available\":true,\"reason\":null,\"companies\":12,\"partners\":4,\"percentile\":62.5,"
            + "\"phases\":{\"1\":2,\"2\":5,\"3\":4,\"4\":1},\"quadrants\":{\"OBSERVERS\":3,"
            + "\"CONSERVATIVE\":4,\"CONTENDERS\":1,\"SOCIAL_FIRST\":4}},"
            + "\"target\":{\"targetId\":\"0b6f5d8e-8c1d-3f4e-9a2b-7c6d5e4f3a2b\",\"phase\":3,"
            + "\"dimensions\":{\"LISTENING\":3},\"due\":\"2027-06-30\",\"setAt\":\"2026-11-27T09:00:00Z\","
            + "\"met\":false,\"phasesToGo\":1,\"dimensionGaps\":[{\"id\":\"LISTENING\",\"target\":3,"
            + "\"score\":2.5,\"gap\":0.5}],\"daysLeft\":215}}";

    public static MaturityView of(String companyId, Instant asOf, Maturity maturity, QuestionnaireCatalogue catalogue,
                                  Language language) {
        String phaseName = catalogue.version(maturity.questionnaireVersion())
                .flatMap(q -> q.phase(maturity.phase())).map(p -> p.name().in(language)).orElse(null);
        return new MaturityView(companyId, asOf, maturity.determinate(), maturity.phase(), phaseName,
                maturity.quadrant(), oneDecimal(maturity.index()), oneDecimal(maturity.investment()),
                oneDecimal(maturity.innovation()),
                maturity.dimensions().stream().map(d -> new DimensionView(d.id(),
                        d.score() == null ? null : MaturityRules.twoDecimals(d.score()), d.level())).toList(),
                maturity.holdingBack(), maturity.answered(), maturity.required(), maturity.questionnaireVersion(),
                maturity.notCarried(), maturity.notApplicable(), maturity.excludedDimensions(), null, null);
    }

    /** Before the first answer: nothing is known yet. */
    public static MaturityView unknown(String companyId, Instant asOf, int required) {
        return new MaturityView(companyId, asOf, false, null, null, null, null, null, null, List.of(), List.of(), 0,
                required, null, List.of(), List.of(), List.of(), null, null);
    }

    /** The same maturity, placed among comparable companies and measured against its target. */
    public MaturityView now(Benchmark placed, TargetView aimedAt) {
        return new MaturityView(companyId, asOf, determinate, phase, phaseName, quadrant, index, investment,
                innovation, dimensions, holdingBack, answered, required, questionnaireVersion, notCarried, notApplicable,
                excludedDimensions, placed, aimedAt);
    }

    public static double oneDecimal(double value) {
        return MaturityRules.oneDecimal(value);
    }

    @Schema(name = "DimensionScore")
    public record DimensionView(
            @Schema(example = "GOVERNANCE") String id,
            @Schema(description = "Mean level of the dimension's answered questions, 1-4; null when none", example = "2.5")
            Double score,
            @Schema(description = "The whole level reached", example = "2") Integer level) {
    }
}
