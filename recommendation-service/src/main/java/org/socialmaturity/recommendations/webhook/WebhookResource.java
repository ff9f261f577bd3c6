package org.socialmaturity.recommendations.webhook;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.socialmaturity.http.ApiProblem;
import org.socialmaturity.http.CallContext;
import org.socialmaturity.http.Page;
import org.socialmaturity.http.ProblemMappers;

@Path("/api/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks", description = "Phase changes and advice POSTed to the partner, signed (HMAC-SHA256)")
public class WebhookResource {


    private final CallContext call;
    private final WebhookRepository webhooks;
    private final WebhookSettings settings;

    WebhookResource(CallContext call, WebhookRepository webhooks, WebhookSettings settings) {
        this.call = call;
        this.webhooks = webhooks;
        this.settings = settings;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Subscribe", description = "Every MaturityPhaseChanged, AdviceIssued and TargetReached (once "
            + "per target) of the partner's companies from now on is POSTed to url with X-Event-Id, X-Event-Type and X-Signature: "
            + "sha256=<hex HMAC-SHA256 of the exact body with secret>; failures are retried with exponential back-off "
            + "(6 attempts over 15 minutes by default). The secret is never shown again.")
    @RequestBody(required = true, content = @Content(examples = @ExampleObject(name = "subscription",
            value = "{\"url\":\"https://portal.example.com/hooks/maturity\",\"secret\":\"a-long-random-shared-secret\"}")))
    @APIResponse(responseCode = "201", description = "Subscribed", content = @Content(
            schema = @Schema(implementation = SubscriptionView.class), examples = @ExampleObject(name = "subscribed",
            value = "{\"id\":\"3b5d...\",\"url\":\"https://portal.example.com/hooks/maturity\",\"createdAt\":\"2026-11-23T10:00:00Z\"}")))
    @APIResponse(responseCode = "400", description = "url is not http(s), or points where it may not; secret too short",
            content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    @APIResponse(responseCode = "409", description = "The partner already holds the most subscriptions allowed "
            + "(platform.webhooks.max-subscriptions-per-partner, 10 by default)", content = @Content(
            mediaType = ProblemMappers.PROBLEM_JSON, examples = @ExampleObject(name = "limit", value = "{\"type\":"
            + "\"/problems/webhook-limit\",\"title\":\"Too many webhook subscriptions\",\"status\":409,\"limit\":10}")))
    public Response subscribe(@Valid @NotNull(message = "is required: an object with url and secret")
                              SubscriptionRequest body) {
        Subscription subscription = new Subscription(UUID.randomUUID().toString(), call.partnerId(), body.url(),
                body.secret(), Instant.now());
        if (!webhooks.subscribe(subscription, settings.maxSubscriptionsPerPartner())) {
            throw ApiProblem.conflict("webhook-limit", "Too many webhook subscriptions",
                    "A partner may hold at most " + settings.maxSubscriptionsPerPartner()
                            + " webhook subscriptions; delete one first")
                    .with("limit", settings.maxSubscriptionsPerPartner());
        }
        return Response.created(URI.create("/api/v1/webhooks/" + subscription.id()))
                .entity(SubscriptionView.of(subscription)).build();
    }

    @GET
    @Operation(summary = "List subscriptions", description = "The partner's webhook subscriptions, oldest first.")
    @APIResponse(responseCode = "200", description = "One page", content = @Content(examples = @ExampleObject(
            name = "page", value = "{\"items\":[{\"id\":\"3b5d...\",\"url\":\"https://portal.example.com/hooks/maturity\","
            + "\"createdAt\":\"2026-11-23T10:00:00Z\"}],\"page\":0,\"size\":20,\"total\":1}")))
    public Page<SubscriptionView> list(
            @Parameter(description = "Page number, from 0", example = "0", schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0")) @QueryParam("page") String page,
            @Parameter(description = "Page size, 1-100 (default 20)", example = "20", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20")) @QueryParam("size") String size) {
        Page.Request request = Page.Request.parse(page, size);
        List<Subscription> all = webhooks.subscriptions(call.partnerId());
        return Page.of(all.stream().skip(request.offset()).limit(request.size()).map(SubscriptionView::of).toList(),
                request, all.size());
    }

    @DELETE
    @Path("/{id}")
    // Answers nothing or a problem, so a client that accepts only problem+json is right too.
    @Produces({MediaType.APPLICATION_JSON, ProblemMappers.PROBLEM_JSON})
    @Operation(summary = "Unsubscribe", description = "Stops deliveries; pending ones are given up.")
    @APIResponse(responseCode = "204", description = "Unsubscribed")
    @APIResponse(responseCode = "404", description = "No such subscription for this partner",
            content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, examples = @ExampleObject(name = "unknown",
                    value = "{\"type\":\"/problems/not-found\",\"title\":\"Webhook not found\",\"status\":404}")))
    public Response unsubscribe(@Parameter(example = "3b5d...") @PathParam("id") String id) {
        if (!webhooks.unsubscribe(call.partnerId(), id)) {
            throw ApiProblem.notFound("Webhook", id);
        }
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(summary = "Delivery log", description = "Every delivery to this subscription with every attempt: when, "
            + "the HTTP status or the error, how long it took; status PENDING, DELIVERED or FAILED.")
    @APIResponse(responseCode = "200", description = "One page of deliveries", content = @Content(examples = @ExampleObject(
            name = "log", value = "{\"items\":[{\"id\":\"d1\",\"eventId\":\"e1\",\"eventType\":\"AdviceIssued\",\"status\":\"DELIVERED\","
            + "\"attempts\":[{\"at\":\"2026-11-23T10:00:01Z\",\"httpStatus\":500,\"durationMillis\":12},"
            + "{\"at\":\"2026-11-23T10:00:31Z\",\"httpStatus\":200,\"durationMillis\":9}]}],\"page\":0,\"size\":20,\"total\":1}")))
    @APIResponse(responseCode = "404", description = "No such subscription for this partner",
            content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Page<DeliveryView> deliveries(@PathParam("id") String id,
            @Parameter(description = "Page number, from 0", example = "0", schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0")) @QueryParam("page") String page,
            @Parameter(description = "Page size, 1-100 (default 20)", example = "20", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20")) @QueryParam("size") String size) {
        Page.Request request = Page.Request.parse(page, size);
        webhooks.subscription(call.partnerId(), id).orElseThrow(() -> ApiProblem.notFound("Webhook", id));
        List<Delivery> all = webhooks.deliveriesOf(id);
        return Page.of(all.stream().skip(request.offset()).limit(request.size()).map(DeliveryView::of).toList(),
                request, all.size());
    }

    @Schema(name = "WebhookSubscriptionRequest")
    public record SubscriptionRequest(
            @Schema(example = "https://portal.example.com/hooks/maturity", required = true) @PublicEndpoint String url,
            @Schema(description = "16-256 characters, used to sign every payload", example = "a-long-random-shared-secret",
                    required = true)
            @NotNull(message = SECRET_RULE) @Size(min = MIN_SECRET, max = MAX_SECRET, message = SECRET_RULE)
            String secret) {

        static final int MIN_SECRET = 16;
        static final int MAX_SECRET = 256;
        static final String SECRET_RULE = "must be " + MIN_SECRET + " to " + MAX_SECRET + " characters";

        public SubscriptionRequest {
            url = url == null ? null : url.strip();
        }
    }

    @Schema(name = "WebhookSubscription")
    public record SubscriptionView(String id, String url, Instant createdAt) {
        static SubscriptionView of(Subscription s) {
            return new SubscriptionView(s.id(), s.url(), s.createdAt());
        }
    }

    @Schema(name = "WebhookDelivery")
    public record DeliveryView(String id, String eventId, String eventType, Delivery.Status status, Instant createdAt,
                               List<Delivery.Attempt> attempts) {
        static DeliveryView of(Delivery d) {
            return new DeliveryView(d.id(), d.eventId(), d.eventType(), d.status(), d.createdAt(), d.attempts());
        }
    }
}
