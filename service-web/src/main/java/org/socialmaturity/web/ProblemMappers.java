package org.socialmaturity.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** Every error of every service leaves as {@code application/problem+json}, with the request's correlation id. */
public class ProblemMappers {

    public static final String PROBLEM_JSON = "application/problem+json";
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final CallContext context;
    private final ObjectMapper mapper;
    private final UriInfo uriInfo;

    public ProblemMappers(CallContext context, ObjectMapper mapper, UriInfo uriInfo) {
        this.context = context;
        this.mapper = mapper;
        this.uriInfo = uriInfo;
    }

    @ServerExceptionMapper
    public Response apiProblem(ApiProblem problem) {
        return respond(problem);
    }

    /** A body that is not JSON, or a field of the wrong type: name the field and what it should be. */
    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        if (e instanceof JsonParseException || !(e instanceof JsonMappingException mapping)) {
            return respond(ApiProblem.invalid("body", "must be well-formed JSON"));
        }
        String field = mapping.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        if (field.isEmpty()) {
            field = "body";
        }
        String expected = e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
                ? describe(mismatch.getTargetType()) : "of the documented type";
        if (e instanceof InvalidFormatException && expected.equals("a number")) {
            return respond(ApiProblem.invalid(field, "must be a number"));
        }
        return respond(ApiProblem.invalid(field, "must be " + expected));
    }

    /** Registered for the exact type too, so that it wins over the JSON extension's own mapper. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e) {
        return unreadableJson(e);
    }

    /** A command to an id no aggregate has: as unknown as an id nobody registered. */
    @ServerExceptionMapper
    public Response unknownAggregate(AggregateNotFoundException e) {
        return respond(new ApiProblem(404, "not-found", "Not found",
                "Nothing with id " + e.getAggregateIdentifier() + " exists for this partner", List.of()));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json);
        }
        String title = Response.Status.fromStatusCode(status) != null
                ? Response.Status.fromStatusCode(status).getReasonPhrase() : "HTTP " + status;
        String detail = status == 404 ? "No resource at " + uriInfo.getPath() : e.getMessage();
        return respond(new ApiProblem(status, title.toLowerCase().replace(' ', '-'), title, detail, List.of()));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        LOG.errorf(e, "Unexpected failure of request %s", context.requestId());
        return respond(new ApiProblem(500, "internal", "Internal error",
                "The request failed unexpectedly; quote request id " + context.requestId() + " to support",
                List.of()));
    }

    private Response respond(ApiProblem problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "/problems/" + problem.type());
        body.put("title", problem.title());
        body.put("status", problem.status());
        body.put("detail", problem.getMessage());
        body.put("instance", uriInfo.getRequestUri().getPath());
        body.put("requestId", context.requestId());
        if (!problem.violations().isEmpty()) {
            body.put("violations", new ArrayList<>(problem.violations()));
        }
        body.putAll(problem.extensions());
        try {
            return Response.status(problem.status())
                    .type(PROBLEM_JSON)
                    .header(CallContextFilter.REQUEST_ID, context.requestId())
                    .entity(mapper.writeValueAsString(body))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A problem body could not be written", e);
        }
    }

    private static String describe(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }
}
