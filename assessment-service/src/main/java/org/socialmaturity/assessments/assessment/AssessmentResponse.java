package org.socialmaturity.assessments.assessment;

import org.socialmaturity.contracts.assessment.AssessmentStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.socialmaturity.contracts.assessment.Evidence;
import org.socialmaturity.contracts.assessment.RawAnswer;
import org.socialmaturity.web.privacy.PersonalData;

import com.fasterxml.jackson.annotation.JsonInclude;

@Schema(name = "Assessment", description = "An assessment: its status, the answers so far and the required questions still unanswered")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AssessmentResponse(
        @Schema(example = "0b8f6c1e-8a43-4d1f-a1c5-55a1d2c3e4f5") String id,
        @Schema(example = "5f0c3e9a-3d7e-4d0c-9f4e-2d8f1c6b7a10") String companyId,
        @Schema(description = "The questionnaire version this assessment is answered against", example = "v1")
        String questionnaireVersion,
        @Schema(example = "OPEN") AssessmentStatus status,
        @Schema(example = "2026-11-23T09:16:00Z") Instant startedAt,
        @Schema(description = "When it was submitted or cancelled", example = "2026-11-23T09:45:00Z") Instant closedAt,
        List<Answer> answers,
        @Schema(description = "Required questions without an answer", example = "[\"kpis-measurement\"]")
        List<String> missing,
        @Schema(example = "18") int answered,
        @Schema(example = "19") int required) {

    static final String EXAMPLE_OPEN = "{\"id\":\"0b8f6c1e-8a43-4d1f-a1c5-55a1d2c3e4f5\",\"companyId\":\"5f0c3e9a-3d7e-4d0c-9f4e-2d8f1c6b7a10\","
            + "\"questionnaireVersion\":\"v1\",\"status\":\"OPEN\",\"startedAt\":\"2026-11-23T09:16:00Z\","
            + "\"answers\":[{\"questionId\":\"governance-owner\",\"optionId\":\"social-media-manager\",\"level\":2,"
            + "\"recordedBy\":\"maria@portal.example\",\"recordedAt\":\"2026-11-23T09:20:00Z\"},"
            + "{\"questionId\":\"team-dedicated-staff\",\"value\":2.5,\"note\":\"Two agents and a supervisor at half time\","
            + "\"level\":3,\"recordedBy\":\"maria@portal.example\",\"recordedAt\":\"2026-11-23T09:21:00Z\"}],"
            + "\"missing\":[\"governance-business-goals\",\"adoption-departments\"],\"answered\":2,\"required\":19}";
    static final String EXAMPLE_CANCELLED = "{\"id\":\"0b8f6c1e-8a43-4d1f-a1c5-55a1d2c3e4f5\",\"companyId\":\"5f0c3e9a-3d7e-4d0c-9f4e-2d8f1c6b7a10\","
            + "\"questionnaireVersion\":\"v1\",\"status\":\"CANCELLED\",\"startedAt\":\"2026-11-23T09:16:00Z\","
            + "\"closedAt\":\"2026-11-23T09:30:00Z\",\"answers\":[],\"missing\":[\"governance-owner\"],\"answered\":0,\"required\":19}";

    /** The assessment as a partner reads it: who answered and the notes revealed, or {@code "erased"}. */
    static AssessmentResponse of(AssessmentState state, PersonalData personalData) {
        return new AssessmentResponse(state.assessmentId(), state.companyId(), state.questionnaireVersion(),
                state.status(), state.startedAt(), state.closedAt(),
                state.answers().stream().map(a -> Answer.of(a, null, personalData)).toList(), state.missing(),
                state.answers().size(), state.required());
    }

    @Schema(name = "RecordedAnswer", description = "An answer as recorded, with the level it stands for")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Answer(
            @Schema(example = "governance-owner") String questionId,
            @Schema(example = "social-media-manager") String optionId,
            @Schema(example = "2.5") BigDecimal value,
            @Schema(example = "Confirmed with the head of customer care") String note,
            @Schema(description = "Maturity level 1-4 the answer stands for; null when the question does not apply",
                    example = "2") Integer level,
            @Schema(description = "What backs the answer: links, and attachments by SHA-256 (GET "
                    + "/api/v1/companies/{companyId}/attachments/{sha256})") List<Evidence> evidence,
            @Schema(example = "maria@portal.example") String recordedBy,
            @Schema(example = "2026-11-23T09:20:00Z") Instant recordedAt,
            @Schema(description = "Only on PUT: false when the answer repeated the current one and nothing was recorded",
                    example = "true") Boolean changed,
            @Schema(description = "True when the question does not apply to the company (null otherwise)")
            Boolean notApplicable,
            @Schema(description = "Why the question does not apply") String reason) {

        static Answer of(CurrentAnswer answer, Boolean changed, PersonalData personalData) {
            RawAnswer revealed = personalData.reveal(answer.answer());
            return new Answer(answer.questionId(), revealed.optionId(), revealed.value(), revealed.note(),
                    revealed.isNotApplicable() ? null : answer.level(), revealed.evidence(),
                    personalData.reveal(answer.recordedBy()), answer.recordedAt(), changed, revealed.notApplicable(),
                    revealed.reason());
        }
    }
}
