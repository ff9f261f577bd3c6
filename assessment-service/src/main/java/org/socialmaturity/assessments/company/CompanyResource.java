package org.socialmaturity.assessments.company;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.socialmaturity.http.ApiProblem;
import org.socialmaturity.http.CallContext;
import org.socialmaturity.web.Commands;
import org.socialmaturity.http.Page;
import org.socialmaturity.http.ProblemMappers;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Companies", description = "A partner's client companies")
public class CompanyResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");
    private static final Duration LISTING_WAIT = Duration.ofSeconds(2);

    private final CallContext call;
    private final Commands commands;
    private final CompanyRepository companies;
    private final CompanyDirectoryProjection directory;

    CompanyResource(CallContext call, Commands commands, CompanyRepository companies, CompanyDirectoryProjection directory) {
        this.call = call;
        this.commands = commands;
        this.companies = companies;
        this.directory = directory;
    }

    @POST
    @Path("/companies")
    @Operation(summary = "Register a company",
            description = "Registers a client company of the calling partner. With an Idempotency-Key, a retry of the "
                    + "same registration answers the company registered the first time (header "
                    + "Idempotent-Replayed: true) instead of registering it twice; the same key with a different "
                    + "body is refused with 422.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = CompanyRequest.class),
            examples = @ExampleObject(name = "airline",
                    value = "{\"name\":\"Aerolíneas del Sur S.A.\",\"sector\":\"airlines\",\"country\":\"ES\",\"employees\":1200}")))
    @APIResponse(responseCode = "201", description = "Registered; Location names the company",
            content = @Content(schema = @Schema(implementation = CompanyResponse.class), examples = @ExampleObject(
                    name = "registered", value = CompanyResponse.EXAMPLE)))
    @APIResponse(responseCode = "400", description = "A field breaks a rule",
            content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, examples = @ExampleObject(name = "invalid",
                    value = "{\"type\":\"/problems/validation\",\"title\":\"The request is invalid\",\"status\":400,"
                            + "\"detail\":\"country must be an ISO 3166-1 alpha-2 code in upper case, such as ES\","
                            + "\"violations\":[{\"field\":\"country\",\"message\":\"must be an ISO 3166-1 alpha-2 code in upper case, such as ES\"}]}")))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used before with a different body",
            content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Response register(
            @Valid @NotNull(message = "is required") CompanyRequest body,
            @Parameter(description = "Makes retries safe: the same key registers the company once",
                    example = "portal-7d1f2c") @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey) {
        String partnerId = call.partnerId();
        if (idempotencyKey == null) {
            return registerNew(UUID.randomUUID().toString(), partnerId, body);
        }
        if (!KEY.matcher(idempotencyKey).matches()) {
            throw ApiProblem.invalid(IDEMPOTENCY_KEY, "must be 1-255 visible ASCII characters");
        }
        String companyId = UUID.nameUUIDFromBytes((partnerId + "\n" + idempotencyKey)
                .getBytes(StandardCharsets.UTF_8)).toString();
        return companies.find(partnerId, companyId)
                .map(existing -> replay(CompanyResponse.of(existing), body))
                .orElseGet(() -> registerNew(companyId, partnerId, body));
    }

    private Response registerNew(String companyId, String partnerId, CompanyRequest request) {
        try {
            commands.send(new RegisterCompany(companyId, partnerId, request.name(), request.sector(),
                    request.country(), request.employees()));
        } catch (AggregateStreamCreationException concurrentRetry) {
            // The same Idempotency-Key raced us and won: answer what it registered.
            return replay(CompanyResponse.of(companies.require(partnerId, companyId)), request);
        }
        directory.awaitListed(companyId, LISTING_WAIT);
        return created(CompanyResponse.of(companies.require(partnerId, companyId))).build();
    }

    private Response replay(CompanyResponse existing, CompanyRequest request) {
        if (!existing.sameRegistrationAs(request)) {
            throw new ApiProblem(422, "idempotency-key-reused", "Idempotency-Key reused",
                    "This Idempotency-Key registered company " + existing.id() + " with a different body",
                    List.of());
        }
        return created(existing).header("Idempotent-Replayed", "true").build();
    }

    private static Response.ResponseBuilder created(CompanyResponse company) {
        return Response.created(URI.create("/api/v1/companies/" + company.id())).entity(company);
    }

    @GET
    @Path("/companies")
    @Operation(summary = "List companies", description = "The calling partner's companies, oldest first, one page at a time.")
    @APIResponse(responseCode = "200", description = "One page of companies",
            content = @Content(examples = @ExampleObject(name = "page",
                    value = "{\"items\":[" + CompanyResponse.EXAMPLE + "],\"page\":0,\"size\":20,\"total\":1}")))
    public Page<CompanyResponse> list(
            @Parameter(description = "Page number, from 0", example = "0", schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0")) @QueryParam("page") String page,
            @Parameter(description = "Page size, 1-100 (default 20)", example = "20", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20")) @QueryParam("size") String size) {
        Page.Request request = Page.Request.parse(page, size);
        String partnerId = call.partnerId();
        return Page.of(directory.list(partnerId, request).stream().map(CompanyResponse::of).toList(),
                request, directory.count(partnerId));
    }

    @GET
    @Path("/companies/{companyId}")
    @Operation(summary = "Get a company", description = "One of the calling partner's companies; another partner's id answers 404.")
    @APIResponse(responseCode = "200", description = "The company",
            content = @Content(schema = @Schema(implementation = CompanyResponse.class),
                    examples = @ExampleObject(name = "company", value = CompanyResponse.EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such company for this partner",
            content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    public CompanyResponse get(@Parameter(example = "5f0c3e9a-3d7e-4d0c-9f4e-2d8f1c6b7a10") @PathParam("companyId") String companyId) {
        return CompanyResponse.of(companies.require(call.partnerId(), companyId));
    }
}
