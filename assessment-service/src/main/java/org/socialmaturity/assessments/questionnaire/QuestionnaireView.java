package org.socialmaturity.assessments.questionnaire;

import java.math.BigDecimal;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.socialmaturity.contracts.questionnaire.Axis;
import org.socialmaturity.contracts.questionnaire.Band;
import org.socialmaturity.contracts.questionnaire.Language;
import org.socialmaturity.contracts.questionnaire.QuestionType;
import org.socialmaturity.contracts.questionnaire.Questionnaire;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A questionnaire version in one language, as partners display it. */
@Schema(name = "Questionnaire", description = "One questionnaire version in one language: phases, dimensions, "
        + "questions with their options and levels or their numeric bands")
public record QuestionnaireView(
        @Schema(example = "v1") String version,
        @Schema(example = "en") String language,
        @Schema(description = "Share of the weight that must reach a phase", example = "0.75") double phaseShare,
        @Schema(description = "An SMI axis is high at or above this index", example = "50") double quadrantThreshold,
        List<PhaseView> phases,
        List<DimensionView> dimensions,
        List<QuestionView> questions) {

    static QuestionnaireView of(Questionnaire q, Language language) {
        return new QuestionnaireView(q.version(), language.code(), q.phaseShare(), q.quadrantThreshold(),
                q.phases().stream().map(p -> new PhaseView(p.number(), p.name().in(language),
                        p.description().in(language))).toList(),
                q.dimensions().stream().map(d -> new DimensionView(d.id(), d.name().in(language),
                        d.description().in(language), d.axis(), d.weight())).toList(),
                q.questions().stream().map(question -> new QuestionView(question.id(), question.dimension(),
                        question.type(), question.required(), question.text().in(language),
                        question.help().in(language),
                        question.type() == QuestionType.CHOICE ? question.options().stream()
                                .map(o -> new OptionView(o.id(), o.text().in(language), o.level())).toList() : null,
                        question.unit() == null ? null : question.unit().in(language), question.min(),
                        question.max(), question.type() == QuestionType.NUMBER ? question.bands() : null)).toList());
    }

    @Schema(name = "Phase")
    public record PhaseView(
            @Schema(example = "2") int number,
            @Schema(example = "Path to Adoption") String name,
            @Schema(example = "Key departments use social media for their own goals...") String description) {
    }

    @Schema(name = "Dimension")
    public record DimensionView(
            @Schema(example = "GOVERNANCE") String id,
            @Schema(example = "Governance") String name,
            @Schema(example = "Who owns social media and with how much authority.") String description,
            @Schema(example = "INVESTMENT") Axis axis,
            @Schema(example = "1") double weight) {
    }

    @Schema(name = "Question", description = "options for CHOICE questions; unit, min, max and bands for NUMBER questions")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record QuestionView(
            @Schema(example = "team-dedicated-staff") String id,
            @Schema(example = "TEAM") String dimension,
            @Schema(example = "NUMBER") QuestionType type,
            @Schema(example = "true") boolean required,
            @Schema(example = "How many full-time equivalents serve customers on social media?") String text,
            @Schema(example = "Add up the hours: two people at half time count as 1.") String help,
            List<OptionView> options,
            @Schema(example = "full-time equivalents") String unit,
            @Schema(example = "0") BigDecimal min,
            @Schema(example = "10000") BigDecimal max,
            @Schema(description = "from inclusive, to exclusive; a missing to is open-ended") List<Band> bands) {
    }

    @Schema(name = "Option")
    public record OptionView(
            @Schema(example = "social-media-manager") String id,
            @Schema(example = "A Social Media Manager who coordinates departments") String text,
            @Schema(description = "Maturity level 1-4 this option stands for", example = "2") int level) {
    }
}
