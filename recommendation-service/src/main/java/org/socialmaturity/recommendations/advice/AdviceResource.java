package org.socialmaturity.recommendations.advice;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestStreamElementType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.socialmaturity.contracts.advice.AdviceIssued.Trigger;
import org.socialmaturity.contracts.questionnaire.Language;
import org.socialmaturity.contracts.questionnaire.QuestionnaireCatalogue;
import org.socialmaturity.recommendations.advice.AdviceLogView.Issued;
import org.socialmaturity.contracts.advice.AdviceCatalogue;
import org.socialmaturity.http.CallContext;
import org.socialmaturity.web.LanguageNegotiation;
import org.socialmaturity.http.Page;
import org.socialmaturity.http.ProblemMappers;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Advice", description = "What a company should do next, issued as its phase or quadrant changes")
public class AdviceResource {

    private static final java.time.Duration STREAM_POLL = java.time.Duration.ofMillis(250);

    private final CallContext call;
    private final AdviceLogProjection logs;
    private final AdviceCatalogue catalogue;
    private final QuestionnaireCatalogue questionnaires;
    private final StreamQuota streams;

    AdviceResource(CallContext call, AdviceLogProjection logs, AdviceCatalogue catalogue, QuestionnaireCatalogue questionnaires,
                   StreamQuota streams) {
        this.streams = streams;
        this.call = call;
        this.logs = logs;
        this.catalogue = catalogue;
        this.questionnaires = questionnaires;
    }

    @GET
    @Path("/companies/{companyId}/advice")
    @Operation(summary = "The advice issued to a company",
            description = "Newest first, in English or Spanish (?lang=, else Accept-Language). Each piece of advice "
                    + "names its trigger (PHASE_ENTERED or PHASE_DROPPED with fromPhase and toPhase as numbers, "
                    + "QUADRANT_CHANGED with fromQuadrant and toQuadrant as names) and its items, "
                    + "each citing its seed source.")
    @APIResponse(responseCode = "200", description = "One page of advice", content = @Content(examples = @ExampleObject(
            name = "entered phase 2", value = "{\"items\":[{\"id\":\"8a7c...\",\"at\":\"2026-11-23T09:45:00Z\","
            + "\"trigger\":{\"type\":\"PHASE_ENTERED\",\"fromPhase\":null,\"toPhase\":2,\"fromQuadrant\":null,"
            + "\"toQuadrant\":null},\"dimensions\":[\"LISTENING\"],"
            + "\"items\":[{\"code\":\"PHASE.2\",\"title\":\"Phase 2, Path to Adoption: form the cross-functional working group\","
            + "\"body\":\"Bring sales, marketing, legal, HR and IT into a working group...\",\"source\":\"004 · Fase dos\"}]}],"
            + "\"page\":0,\"size\":20,\"total\":1}")))
    @APIResponse(responseCode = "404", description = "No such company for this partner",
            content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Page<AdviceView> advice(
            @Parameter(example = "5f0c3e9a-3d7e-4d0c-9f4e-2d8f1c6b7a10") @PathParam("companyId") String companyId,
            @Parameter(description = "en or es", example = "es") @QueryParam("lang") String lang,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage,
            @Parameter(description = "Page number, from 0", example = "0", schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0")) @QueryParam("page") String page,
            @Parameter(description = "Page size, 1-100 (default 20)", example = "20", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20")) @QueryParam("size") String size) {
        Language language = LanguageNegotiation.choose(lang, acceptLanguage);
        Page.Request request = Page.Request.parse(page, size);
        List<Issued> issued = new ArrayList<>(logs.require(call.partnerId(), companyId).issued);
        Collections.reverse(issued);
        return Page.of(issued.stream().skip(request.offset()).limit(request.size())
                .map(i -> view(i, language)).toList(), request, issued.size());
    }

    @GET
    @Path("/companies/{companyId}/advice/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Advice as it is issued (server-sent events)",
            description = "Each piece of advice issued to the company after the stream opened arrives as one event, "
                    + "JSON like an item of the advice list. Works against any replica: the stream follows the "
                    + "company's advice log.")
    @APIResponse(responseCode = "200", description = "An event stream", content = @Content(
            mediaType = MediaType.SERVER_SENT_EVENTS, examples = @ExampleObject(name = "event",
            value = "data:{\"id\":\"8a7c...\",\"at\":\"2026-11-23T09:45:00Z\",\"trigger\":{\"type\":\"PHASE_ENTERED\","
                    + "\"fromPhase\":2,\"toPhase\":3,\"fromQuadrant\":null,\"toQuadrant\":null},\"dimensions\":[],"
                    + "\"items\":[]}")))
    @APIResponse(responseCode = "404", description = "No such company for this partner",
            content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    @APIResponse(responseCode = "429", description = "The partner keeps its most streams open (5 by default)",
            content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    @APIResponse(responseCode = "503", description = "The platform holds as many streams as it can; retry later",
            content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Multi<AdviceView> stream(
            @PathParam("companyId") String companyId,
            @QueryParam("lang") String lang,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        Language language = LanguageNegotiation.choose(lang, acceptLanguage);
        String partnerId = call.partnerId();
        AtomicInteger seen = new AtomicInteger(logs.require(partnerId, companyId).issued.size());
        streams.open(partnerId);
        // Woken at once when this replica writes the company's log; the poll finds what other replicas wrote.
        Multi<Object> wakeUps = Multi.createBy().merging().streams(
                Multi.createFrom().ticks().every(STREAM_POLL).map(tick -> (Object) tick),
                logs.written().filter(companyId::equals).map(written -> (Object) written));
        return wakeUps
                .onOverflow().drop()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .concatMap(tick -> {
                    List<Issued> issued = logs.require(partnerId, companyId).issued;
                    List<AdviceView> fresh = issued.subList(Math.min(seen.get(), issued.size()), issued.size())
                            .stream().map(i -> view(i, language)).toList();
                    seen.set(issued.size());
                    return Multi.createFrom().iterable(fresh);
                })
                .onTermination().invoke(() -> streams.close(partnerId));
    }

    private AdviceView view(Issued issued, Language language) {
        return new AdviceView(issued.adviceId(), issued.at(), issued.trigger(), issued.dimensions(),
                catalogue.render(issued.itemCodes(), issued.dimensions(), questionnaires.current(), language));
    }

    public record AdviceView(String id, Instant at, Trigger trigger, List<String> dimensions,
                             List<AdviceCatalogue.Rendered> items) {
    }
}
