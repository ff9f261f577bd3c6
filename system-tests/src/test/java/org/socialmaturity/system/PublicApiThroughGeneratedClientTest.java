package org.socialmaturity.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.socialmaturity.client.ApiClient;
import org.socialmaturity.client.ApiException;
import org.socialmaturity.client.api.AdviceApi;
import org.socialmaturity.client.api.AssessmentsApi;
import org.socialmaturity.client.api.CompaniesApi;
import org.socialmaturity.client.api.ImportsApi;
import org.socialmaturity.client.api.MaturityApi;
import org.socialmaturity.client.api.OperationsApi;
import org.socialmaturity.client.api.PartnersApi;
import org.socialmaturity.client.api.QuestionnairesApi;
import org.socialmaturity.client.api.TrajectoryAndHistoryApi;
import org.socialmaturity.client.api.WebhooksApi;
import org.socialmaturity.client.model.Advice;
import org.socialmaturity.client.model.AdviceTrigger;
import org.socialmaturity.client.model.Answer;
import org.socialmaturity.client.model.Assessment;
import org.socialmaturity.client.model.AssessmentStatus;
import org.socialmaturity.client.model.Benchmark;
import org.socialmaturity.client.model.BenchmarkGroup;
import org.socialmaturity.client.model.Cancellation;
import org.socialmaturity.client.model.Company;
import org.socialmaturity.client.model.CompanyRegistration;
import org.socialmaturity.client.model.ImportProgress;
import org.socialmaturity.client.model.ImportStatus;
import org.socialmaturity.client.model.ImportRequest;
import org.socialmaturity.client.model.PastAssessment;
import org.socialmaturity.client.model.Maturity;
import org.socialmaturity.client.model.MaturityTarget;
import org.socialmaturity.client.model.PartnerRegistration;
import org.socialmaturity.client.model.Question;
import org.socialmaturity.client.model.QuestionType;
import org.socialmaturity.client.model.Questionnaire;
import org.socialmaturity.client.model.QuestionnairePublication;
import org.socialmaturity.client.model.QuestionnairePublished;
import org.socialmaturity.client.model.RebuildState;
import org.socialmaturity.client.model.RecordedAnswer;
import org.socialmaturity.client.model.RegisteredPartner;
import org.socialmaturity.client.model.RoadmapItem;
import org.socialmaturity.client.model.RoadmapRequest;
import org.socialmaturity.client.model.RoadmapStatus;
import org.socialmaturity.client.model.SizeBand;
import org.socialmaturity.client.model.Target;
import org.socialmaturity.client.model.TargetRequest;
import org.socialmaturity.client.model.Trajectory;
import org.socialmaturity.client.model.WebhookSubscription;
import org.socialmaturity.client.model.WebhookSubscriptionRequest;
import org.socialmaturity.testsupport.PlatformProcesses;

import com.fasterxml.jackson.databind.DeserializationFeature;

/**
 * The whole public scenario through a client generated from the gateway's OpenAPI document, against the gateway and
 * the three services as processes. The client's JSON mapping refuses unknown fields, so a response carrying
 * anything the document does not describe fails here.
 */
class PublicApiThroughGeneratedClientTest {

    private static final String ADMIN_KEY = PlatformProcesses.ADMIN_KEY;
    private static PlatformProcesses platform;
    private static String gateway;
    private static String secondGateway;

    @BeforeAll
    static void startThePlatform() throws Exception {
        platform = new PlatformProcesses();
        Map<String, String> settings = Map.of("PLATFORM_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES", "true");
        Map<String, String> services = platform.startServices(settings);
        Map<String, String> gatewaySettings = Map.of(
                "ASSESSMENT_SERVICE_URL", services.get("assessment"), "SCORING_SERVICE_URL", services.get("scoring"),
                "RECOMMENDATION_SERVICE_URL", services.get("recommendation"));
        gateway = platform.start("gateway", "gateway-a", gatewaySettings);
        secondGateway = platform.start("gateway", "gateway-b", gatewaySettings);
    }

    @AfterAll
    static void stopThePlatform() {
        platform.close();
    }

    private static ApiClient client(String header, String key) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(gateway);
        client.getObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        client.setRequestInterceptor(request -> request.header(header, key));
        return client;
    }

    @Test
    void aPartnerPortalTakesACompanyThroughThreeAssessments() throws Exception {
        ApiClient operator = client("X-Admin-Key", ADMIN_KEY);
        RegisteredPartner registered = new PartnersApi(operator).createPartner(new PartnerRegistration().name("Generated portal"));
        ApiClient portal = client("X-API-Key", registered.getApiKey());

        Questionnaire questionnaire = new QuestionnairesApi(portal).getCurrentQuestionnaire("es", null);
        assertEquals("es", questionnaire.getLanguage());
        assertEquals(21, questionnaire.getQuestions().size());

        CompaniesApi companies = new CompaniesApi(portal);
        Company company = companies.registerCompany(new CompanyRegistration().name("Viajes Generados S.A.")
                .sector("travel").country("ES").employees(800), "generated-1");
        assertEquals(company.getId(), companies.registerCompany(new CompanyRegistration().name("Viajes Generados S.A.")
                .sector("travel").country("ES").employees(800), "generated-1").getId(), "Idempotency-Key honoured");
        assertEquals(List.of(company.getId()), companies.listCompanies(null, null).getItems().stream().map(Company::getId).toList());

        AssessmentsApi assessments = new AssessmentsApi(portal);
        for (int level : new int[] {2, 3, 2}) {
            Assessment assessment = assessments.startAssessment(company.getId());
            for (Question question : questionnaire.getQuestions()) {
                assessments.recordAnswer(assessment.getId(), question.getId(), answerAt(question, level));
            }
            assertEquals(AssessmentStatus.SUBMITTED, assessments.submitAssessment(assessment.getId()).getStatus());
        }

        Assessment mistaken = assessments.startAssessment(company.getId());
        assertEquals(AssessmentStatus.CANCELLED, assessments.cancelAssessment(mistaken.getId(),
                new Cancellation().reason("Started by mistake")).getStatus());

        TrajectoryAndHistoryApi timeline = new TrajectoryAndHistoryApi(portal);
        await().untilAsserted(() -> {
            Trajectory trajectory = call(() -> timeline.getTrajectory(company.getId(), null, null));
            assertEquals(63, trajectory.getPoints().size());
            assertEquals(List.of("null>2", "2>3", "3>2"), trajectory.getTransitions().stream()
                    .map(t -> t.getFrom() + ">" + t.getTo()).toList());
        });
        assertEquals(63L, timeline.getHistory(company.getId(), 0, 100).getTotal());
        MaturityApi maturityApi = new MaturityApi(portal);
        Maturity maturity = maturityApi.getMaturity(company.getId(), null, "en", null);
        assertEquals(2, maturity.getPhase());
        // The only travel company of the platform: its group is too small to show anything of.
        assertEquals(new BenchmarkGroup().sector("travel").country("ES").size(SizeBand.LARGE),
                maturity.getBenchmark().getGroup());
        assertEquals(false, maturity.getBenchmark().getAvailable());
        Benchmark travel = maturityApi.getBenchmark("ES", "travel", "LARGE", company.getId());
        assertEquals(false, travel.getAvailable());
        assertEquals(null, travel.getCompanies());
        assertThrows(ApiException.class, () -> maturityApi.getBenchmark("ES", "travel", "HUGE", null));

        // A target a phase above, and listening at level 3: the maturity answer shows the gap.
        String due = LocalDate.now(ZoneOffset.UTC).plusDays(90).toString();
        Target target = companies.setCompanyTarget(company.getId(), new TargetRequest().phase(3)
                .putDimensionsItem("LISTENING", 3).due(due));
        await().untilAsserted(() -> {
            MaturityTarget gap = call(() -> maturityApi.getMaturity(company.getId(), null, "en", null)).getTarget();
            assertTrue(gap != null, "the target is in the maturity answer once scoring has read it");
            assertEquals(target.getTargetId(), gap.getTargetId());
            assertEquals(false, gap.getMet());
            assertEquals(1, gap.getPhasesToGo());
            assertTrue(gap.getDaysLeft() == 90L || gap.getDaysLeft() == 89L, "90 days, 89 across midnight UTC");
            assertEquals("LISTENING", gap.getDimensionGaps().get(0).getId());
        });
        assertThrows(ApiException.class, () -> companies.setCompanyTarget(company.getId(),
                new TargetRequest().phase(7).due(due)));

        AdviceApi adviceApi = new AdviceApi(portal);
        await().untilAsserted(() -> {
            List<Advice> advice = call(() -> adviceApi.listAdvice(company.getId(), "en", null, null, null)).getItems();
            assertEquals(List.of(AdviceTrigger.TypeEnum.PHASE_DROPPED, AdviceTrigger.TypeEnum.PHASE_ENTERED,
                    AdviceTrigger.TypeEnum.PHASE_ENTERED), advice.stream().filter(a -> a.getTrigger().getType()
                    != AdviceTrigger.TypeEnum.QUADRANT_CHANGED).map(a -> a.getTrigger().getType()).toList());
            assertEquals(List.of("3>2", "2>3", "null>2"), advice.stream().filter(a -> a.getTrigger().getType()
                    != AdviceTrigger.TypeEnum.QUADRANT_CHANGED).map(a -> a.getTrigger().getFromPhase() + ">"
                    + a.getTrigger().getToPhase()).toList(), "phases as numbers");
            assertTrue(advice.stream().filter(a -> a.getTrigger().getType() == AdviceTrigger.TypeEnum.QUADRANT_CHANGED)
                    .allMatch(a -> a.getTrigger().getToQuadrant() != null && a.getTrigger().getToPhase() == null));
            assertTrue(advice.stream().allMatch(a -> !a.getItems().isEmpty()));
        });

        // The advice as a roadmap: each item once, however often it was issued; OPEN until assigned.
        List<RoadmapItem> roadmap = adviceApi.getRoadmap(company.getId(), "en", null).getItems();
        assertEquals(1, roadmap.stream().filter(i -> i.getCode().equals("PHASE.2")).count());
        assertTrue(roadmap.stream().allMatch(i -> i.getStatus() == RoadmapStatus.OPEN));
        RoadmapItem assigned = adviceApi.assignRoadmapItem(company.getId(), "PHASE.2", new RoadmapRequest()
                .status(RoadmapRequest.StatusEnum.IN_PROGRESS).owner("lucia@cliente.example").due(due), "es", null);
        assertEquals(RoadmapStatus.IN_PROGRESS, assigned.getStatus());
        assertEquals(LocalDate.parse(due), assigned.getDue());
        await().untilAsserted(() -> assertEquals("lucia@cliente.example", call(() -> adviceApi.getRoadmap(company.getId(),
                "en", null)).getItems().stream().filter(i -> i.getCode().equals("PHASE.2")).findFirst().orElseThrow()
                .getOwner()));
        assertEquals(400, assertThrows(ApiException.class, () -> adviceApi.assignRoadmapItem(company.getId(),
                "PHASE.2", new RoadmapRequest().status(RoadmapRequest.StatusEnum.DONE).due("soon"), null, null))
                .getCode());

        WebhooksApi webhooks = new WebhooksApi(portal);
        WebhookSubscription subscription = webhooks.subscribeWebhook(new WebhookSubscriptionRequest()
                .url("http://127.0.0.1:9/hooks").secret("a-webhook-secret-of-32-characters"));
        assertEquals(1L, webhooks.listWebhooks(null, null).getTotal());
        webhooks.unsubscribeWebhook(subscription.getId());

        // A company migrating from spreadsheets: two past assessments imported, placed at their dates.
        Company migrated = companies.registerCompany(new CompanyRegistration().name("Migrada S.A.").sector("travel")
                .country("ES").employees(120), null);
        ImportsApi imports = new ImportsApi(portal);
        ImportRequest history = new ImportRequest()
                .addAssessmentsItem(pastAssessment(migrated.getId(), "2025-06-30", questionnaire, 3))
                .addAssessmentsItem(pastAssessment(migrated.getId(), "2024-01-15", questionnaire, 2));
        ImportProgress started = imports.startImport("spreadsheet-2026", history);
        await().untilAsserted(() -> assertEquals(ImportStatus.DONE,
                call(() -> imports.getImport(started.getImportId())).getStatus()));
        assertEquals(started.getImportId(), imports.startImport("spreadsheet-2026", history).getImportId(),
                "the same import again is the one made");
        await().untilAsserted(() -> {
            assertEquals(2, call(() -> maturityApi.getMaturity(migrated.getId(), "2024-06-01T00:00:00Z", "en", null))
                    .getPhase(), "as of mid-2024: the 2024 assessment");
            assertEquals(3, call(() -> maturityApi.getMaturity(migrated.getId(), "2025-12-31T00:00:00Z", "en", null))
                    .getPhase(), "as of the end of 2025: the 2025 one, every dimension at 3");
        });
        assertEquals(null, maturityApi.getMaturity(migrated.getId(), "2023-12-31T00:00:00Z", "en", null).getPhase(),
                "nothing known before the first past assessment");
        assertTrue(new TrajectoryAndHistoryApi(portal).getHistory(migrated.getId(), 0, 100).getItems().stream()
                .allMatch(e -> started.getImportId().equals(e.getImportId())));

        // The operator publishes the shipped v2: new assessments pin it, the company goes on from its v1 answers.
        QuestionnairePublication v2;
        try (var in = getClass().getClassLoader().getResourceAsStream(
                org.socialmaturity.contracts.questionnaire.QuestionnairePublication.EXAMPLE_V2)) {
            v2 = operator.getObjectMapper().readValue(in, QuestionnairePublication.class);
        }
        QuestionnairePublished published = new OperationsApi(operator).publishQuestionnaire(v2);
        assertEquals(List.of("v1", "v2"), published.getVersions());
        assertEquals("v2", new QuestionnairesApi(portal).listQuestionnaireVersions().getCurrent());
        Assessment onV2 = assessments.startAssessment(company.getId());
        assertEquals("v2", onV2.getQuestionnaireVersion());
        assessments.recordAnswer(onV2.getId(), "responsiveness-private-resolution-hours", new Answer()
                .value(BigDecimal.valueOf(6)));
        await().untilAsserted(() -> {
            Maturity afterV2 = call(() -> maturityApi.getMaturity(company.getId(), null, "en", null));
            assertEquals("v2", afterV2.getQuestionnaireVersion());
            assertEquals(List.of(), afterV2.getNotCarried());
            assertTrue(afterV2.getDeterminate(), "v1's answers carried: still determinate");
        });
        RecordedAnswer notApplicable = assessments.recordAnswer(onV2.getId(), "crm-data-use", new Answer()
                .notApplicable(true).reason("No CRM"));
        assertEquals(true, notApplicable.getNotApplicable());
        assertEquals(null, notApplicable.getLevel());
        await().untilAsserted(() -> assertEquals(List.of("crm-data-use"), call(() -> maturityApi.getMaturity(
                company.getId(), null, "en", null)).getNotApplicable()));
        assertEquals(400, assertThrows(ApiException.class, () -> new OperationsApi(operator).publishQuestionnaire(
                v2.mapping(null).questionnaire(v2.getQuestionnaire().phaseShare(0.5)))).getCode());

        RegisteredPartner other = new PartnersApi(operator).createPartner(new PartnerRegistration().name("Other portal"));
        ApiException hidden = assertThrows(ApiException.class,
                () -> new CompaniesApi(client("X-API-Key", other.getApiKey())).getCompany(company.getId()));
        assertEquals(404, hidden.getCode());
        assertTrue(hidden.getResponseBody().contains("/problems/not-found"));

        // Revoked through one gateway replica, refused by the other at the very next request.
        ApiClient portalOnSecondGateway = client("X-API-Key", registered.getApiKey());
        portalOnSecondGateway.updateBaseUri(secondGateway);
        CompaniesApi companiesOnSecondGateway = new CompaniesApi(portalOnSecondGateway);
        assertEquals(company.getId(), companiesOnSecondGateway.getCompany(company.getId()).getId());
        new PartnersApi(operator).revokeKey(registered.getId(), registered.getKeyId());
        assertEquals(401, assertThrows(ApiException.class,
                () -> companiesOnSecondGateway.getCompany(company.getId())).getCode());
        assertEquals(401, assertThrows(ApiException.class, () -> companies.getCompany(company.getId())).getCode());

        OperationsApi operations = new OperationsApi(operator);
        operations.startReplay("scoring");
        await().untilAsserted(() -> assertEquals(RebuildState.DONE, call(() -> operations.getReplay("scoring")).getState()));
    }

    /** Every required question of {@code questionnaire} at {@code level}. */
    private static PastAssessment pastAssessment(String companyId, String date, Questionnaire questionnaire,
                                                 int level) {
        PastAssessment past = new PastAssessment().companyId(companyId).date(date)
                .questionnaireVersion(questionnaire.getVersion()).answeredBy("ana@cliente.example");
        questionnaire.getQuestions().stream().filter(Question::getRequired)
                .forEach(q -> past.putAnswersItem(q.getId(), answerAt(q, level)));
        return past;
    }

    private static Answer answerAt(Question question, int level) {
        if (question.getType() == QuestionType.NUMBER) {
            BigDecimal from = question.getBands().stream().filter(b -> b.getLevel() == level).findFirst().orElseThrow().getFrom();
            return new Answer().value(from);
        }
        return new Answer().optionId(question.getOptions().stream().filter(o -> o.getLevel() == level)
                .findFirst().orElseThrow().getId());
    }

    private interface ApiCall<T> {
        T call() throws ApiException;
    }

    private static <T> T call(ApiCall<T> call) {
        try {
            return call.call();
        } catch (ApiException e) {
            throw new AssertionError(e.getCode() + " " + e.getResponseBody(), e);
        }
    }
}
