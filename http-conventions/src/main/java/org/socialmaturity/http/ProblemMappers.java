package org.socialmaturity.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.socialmaturity.contracts.rules.DomainException;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * Every error of every service (and of the gateway's own operations) leaves as {@code application/problem+json}, with
 * the request's correlation id: the one place where refusals of the domain, broken Bean Validation constraints and
 * unreadable JSON become problems.
 */
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

    /** A rule of the domain, refused: its kind decides the status. */
    @ServerExceptionMapper
    public Response domainRefusal(DomainException refusal) {
        return respond(ApiProblem.of(refusal));
    }

    /**
     * Bean Validation on a request: every broken constraint, each named by the field it is on (the JSON path inside the
     * body, or the parameter), in the order the body declares its fields, so that the answer is the same each time.
     */
    @ServerExceptionMapper
    public Response brokenConstraints(ConstraintViolationException e) {
        List<ConstraintViolation<?>> broken = new ArrayList<>(e.getConstraintViolations());
        // What a method answered breaking its own constraints is the server's fault, not the caller's.
        if (broken.isEmpty() || broken.stream().anyMatch(ProblemMappers::onReturnValue)) {
            return unexpected(e);
        }
        broken.sort(Comparator.<ConstraintViolation<?>>comparingInt(ProblemMappers::declaredAt)
                .thenComparing(violation -> field(violation.getPropertyPath()))
                .thenComparing(ConstraintViolation::getMessage));
        return respond(ApiProblem.invalid(broken.stream()
                .map(violation -> new Violation(field(violation.getPropertyPath()), violation.getMessage())).toList()));
    }

    private static boolean onReturnValue(ConstraintViolation<?> violation) {
        return StreamSupport.stream(violation.getPropertyPath().spliterator(), false)
                .anyMatch(node -> node.getKind() == ElementKind.RETURN_VALUE);
    }

    /** Where the violated field is declared in the bean holding it; after every declared one when it is not a field. */
    private static int declaredAt(ConstraintViolation<?> violation) {
        Object leaf = violation.getLeafBean();
        String name = null;
        for (Path.Node node : violation.getPropertyPath()) {
            name = node.getName();
        }
        if (leaf == null || name == null) {
            return Integer.MAX_VALUE;
        }
        List<String> declared = leaf.getClass().isRecord()
                ? java.util.Arrays.stream(leaf.getClass().getRecordComponents()).map(c -> c.getName()).toList()
                : java.util.Arrays.stream(leaf.getClass().getDeclaredFields()).map(f -> f.getName()).toList();
        int index = declared.indexOf(name);
        return index < 0 ? Integer.MAX_VALUE : index;
    }

    /**
     * {@code create.body.name} is {@code name}, {@code create.body.answers[2].value} is {@code answers[2].value}, a map's
     * entry {@code dimensions.LISTENING}; {@code create.body} (the body itself) is {@code body}; a parameter is named as
     * declared. The method's and the body parameter's own names mean nothing to the caller.
     */
    static String field(Path path) {
        List<Path.Node> nodes = StreamSupport.stream(path.spliterator(), false)
                .filter(node -> node.getKind() != ElementKind.METHOD).toList();
        List<Path.Node> inside = nodes.stream()
                .filter(node -> node.getKind() != ElementKind.PARAMETER && node.getKind() != ElementKind.BEAN).toList();
        if (inside.isEmpty()) {
            return nodes.isEmpty() ? "body" : nodes.get(nodes.size() - 1).getName();
        }
        StringBuilder field = new StringBuilder();
        for (Path.Node node : inside) {
            if (node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            } else if (node.getKey() != null) {
                field.append('.').append(node.getKey());
            }
            if (node.getName() != null && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                field.append(field.isEmpty() ? "" : ".").append(node.getName());
            }
        }
        return field.toString();
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

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json);
        }
        String title = Response.Status.fromStatusCode(status) != null
                ? Response.Status.fromStatusCode(status).getReasonPhrase() : "HTTP " + status;
        String detail = status == 404 ? "No resource at " + uriInfo.getRequestUri().getPath() : e.getMessage();
        Response.ResponseBuilder problem = builder(new ApiProblem(status, title.toLowerCase().replace(' ', '-'), title,
                detail, List.of()));
        // Such as Allow on a 405: what the framework's answer said beyond its status.
        e.getResponse().getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(value -> problem.header(name, value));
            }
        });
        return problem.build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        LOG.errorf(e, "Unexpected failure of request %s", context.requestId());
        return respond(new ApiProblem(500, "internal", "Internal error",
                "The request failed unexpectedly; quote request id " + context.requestId() + " to support",
                List.of()));
    }

    private Response respond(ApiProblem problem) {
        return builder(problem).build();
    }

    private Response.ResponseBuilder builder(ApiProblem problem) {
        try {
            return Response.status(problem.status())
                    .type(PROBLEM_JSON)
                    .header(CorrelationId.HEADER, context.requestId())
                    .entity(mapper.writeValueAsString(problem.body(uriInfo.getRequestUri().getPath(),
                            context.requestId())));
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
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        return "an object";
    }
}
