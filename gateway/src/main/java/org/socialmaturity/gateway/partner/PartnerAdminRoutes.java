package org.socialmaturity.gateway.partner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.socialmaturity.gateway.AdminKey;
import org.socialmaturity.gateway.BoundedBody;
import org.socialmaturity.gateway.CorrelationId;
import org.socialmaturity.gateway.FailedAuthentications;
import org.socialmaturity.gateway.GatewaySettings;
import org.socialmaturity.gateway.Problems;
import org.socialmaturity.gateway.Problems.Problem;
import org.socialmaturity.gateway.Problems.Violation;
import org.socialmaturity.gateway.partner.PartnerDirectory.IssuedKey;
import org.socialmaturity.gateway.partner.PartnerDirectory.KeyInfo;
import org.socialmaturity.gateway.partner.PartnerDirectory.Partner;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The operator's partner administration, {@code /api/v1/admin/partners/**}: create a partner (its key shown once),
 * list and read partners with their keys' ids, issue another key, revoke one.
 */
@ApplicationScoped
public class PartnerAdminRoutes {

    static final String BASE = "/api/v1/admin/partners";
    private static final Logger LOG = Logger.getLogger(PartnerAdminRoutes.class);
    private static final int MAX_NAME = 200;
    private static final int MAX_PAGE_SIZE = 100;

    private final PartnerDirectory directory;
    private final AdminKey adminKey;
    private final FailedAuthentications failures;
    private final GatewaySettings settings;
    private final ObjectMapper json;
    private final Vertx vertx;

    PartnerAdminRoutes(PartnerDirectory directory, AdminKey adminKey, FailedAuthentications failures,
                       GatewaySettings settings, ObjectMapper json, Vertx vertx) {
        this.directory = directory;
        this.adminKey = adminKey;
        this.failures = failures;
        this.settings = settings;
        this.json = json;
        this.vertx = vertx;
    }

    void register(@Observes Router router) {
        router.routeWithRegex(BASE + "(/.*)?").order(-10).handler(this::handle);
    }

    private void handle(RoutingContext context) {
        String requestId = CorrelationId.of(context.request());
        Call call = new Call(context, requestId);
        context.request().pause();
        if (failures.refusedAsThrottled(context.request(), requestId)) {
            return;
        }
        Optional<Problem> refusal = adminKey.refusal(context.request().getHeader(AdminKey.HEADER));
        if (refusal.isPresent()) {
            call.problem(refusal.get());
            return;
        }
        failures.succeeded(context.request());
        BoundedBody.read(context.request(), settings.maxBodyBytes()).onComplete(read -> {
            if (read.failed()) {
                BoundedBody.refuse(context.request(), requestId, read.cause());
                return;
            }
            vertx.executeBlocking(() -> {
                dispatch(call, context.request().method(), context.request().path(), read.result());
                return null;
            }, false).onFailure(call::unexpected);
        });
    }

    private void dispatch(Call call, HttpMethod method, String path, Buffer body) {
        String[] parts = path.substring(BASE.length()).split("/", -1);
        // "" | "", id | "", id, "keys" | "", id, "keys", keyId
        int depth = parts.length;
        if (depth == 1 || (depth == 2 && parts[1].isEmpty())) {
            if (method == HttpMethod.POST) {
                create(call, body);
            } else if (method == HttpMethod.GET) {
                list(call);
            } else {
                call.methodNotAllowed("GET, POST");
            }
        } else if (depth == 2) {
            onPartner(call, parts[1], partner -> {
                if (method == HttpMethod.GET) {
                    call.respond(200, describe(partner, directory.keysOf(partner.id())));
                } else {
                    call.methodNotAllowed("GET");
                }
            });
        } else if (depth == 3 && parts[2].equals("keys")) {
            onPartner(call, parts[1], partner -> {
                if (method == HttpMethod.POST) {
                    IssuedKey issued = directory.issueKey(partner);
                    LOG.infof("Operator issued key %s to partner %s; request %s", issued.info().id(), partner.id(),
                            call.requestId);
                    call.created(BASE + "/" + partner.id() + "/keys/" + issued.info().id(), issuedKey(issued));
                } else if (method == HttpMethod.GET) {
                    call.respond(200, Map.of("items", directory.keysOf(partner.id()).stream().map(PartnerAdminRoutes::key).toList()));
                } else {
                    call.methodNotAllowed("GET, POST");
                }
            });
        } else if (depth == 4 && parts[2].equals("keys")) {
            onPartner(call, parts[1], partner -> {
                if (method != HttpMethod.DELETE) {
                    call.methodNotAllowed("DELETE");
                } else if (directory.revoke(partner.id(), parts[3])) {
                    LOG.infof("Operator revoked key %s of partner %s; request %s", parts[3], partner.id(), call.requestId);
                    call.noContent();
                } else {
                    call.problem(Problem.notFound("Key not found", "Partner " + partner.id() + " has no key " + parts[3]));
                }
            });
        } else {
            call.problem(Problem.notFound("Not found", "No operation at " + path));
        }
    }

    private void create(Call call, Buffer body) {
        JsonNode node;
        try {
            node = body.length() == 0 ? null : json.readTree(body.getBytes());
        } catch (Exception e) {
            call.invalid(List.of(new Violation("body", "must be a JSON object")));
            return;
        }
        if (node == null || !node.isObject()) {
            call.invalid(List.of(new Violation("body", "must be a JSON object with a name")));
            return;
        }
        List<Violation> violations = new ArrayList<>();
        node.fieldNames().forEachRemaining(field -> {
            if (!Set.of("name").contains(field)) {
                violations.add(new Violation(field, "is not a known field"));
            }
        });
        JsonNode name = node.get("name");
        if (name == null || name.isNull()) {
            violations.add(new Violation("name", "is required"));
        } else if (!name.isTextual()) {
            violations.add(new Violation("name", "must be a string"));
        } else if (name.asText().isBlank() || name.asText().strip().length() > MAX_NAME
                || name.asText().chars().anyMatch(Character::isISOControl)) {
            violations.add(new Violation("name", "must be 1-" + MAX_NAME + " characters without control characters"));
        }
        if (!violations.isEmpty()) {
            call.invalid(violations);
            return;
        }
        PartnerDirectory.Registered registered = directory.register(name.asText().strip());
        Partner partner = registered.partner();
        LOG.infof("Operator registered partner %s (%s) with key %s; request %s", partner.id(), partner.name(),
                registered.key().info().id(), call.requestId);
        Map<String, Object> created = new LinkedHashMap<>();
        created.put("id", partner.id());
        created.put("name", partner.name());
        created.put("createdAt", partner.createdAt().toString());
        created.put("keyId", registered.key().info().id());
        created.put("apiKey", registered.key().apiKey());
        call.created(BASE + "/" + partner.id(), created);
    }

    private void list(Call call) {
        List<Violation> violations = new ArrayList<>();
        int page = call.intParam("page", 0, 0, Integer.MAX_VALUE / MAX_PAGE_SIZE, violations);
        int size = call.intParam("size", 20, 1, MAX_PAGE_SIZE, violations);
        if (!violations.isEmpty()) {
            call.invalid(violations);
            return;
        }
        PartnerDirectory.Page found = directory.partners(page, size);
        Map<String, List<KeyInfo>> keys = directory.keysOf(found.items().stream().map(Partner::id).toList());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", found.items().stream()
                .map(partner -> describe(partner, keys.getOrDefault(partner.id(), List.of()))).toList());
        body.put("page", found.page());
        body.put("size", found.size());
        body.put("total", found.total());
        call.respond(200, body);
    }

    private void onPartner(Call call, String id, Consumer<Partner> action) {
        directory.partner(id).ifPresentOrElse(action,
                () -> call.problem(Problem.notFound("Partner not found", "No partner " + id)));
    }

    private static Map<String, Object> describe(Partner partner, List<KeyInfo> keys) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", partner.id());
        body.put("name", partner.name());
        body.put("createdAt", partner.createdAt().toString());
        body.put("keys", keys.stream().map(PartnerAdminRoutes::key).toList());
        return body;
    }

    private static Map<String, Object> key(KeyInfo key) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", key.id());
        body.put("createdAt", key.createdAt().toString());
        body.put("revokedAt", key.revokedAt() == null ? null : key.revokedAt().toString());
        body.put("active", key.revokedAt() == null);
        return body;
    }

    private static Map<String, Object> issuedKey(IssuedKey issued) {
        Map<String, Object> body = new LinkedHashMap<>(key(issued.info()));
        body.put("apiKey", issued.apiKey());
        return body;
    }

    /** One admin request: writes its answers with the correlation id, from whichever thread. */
    private final class Call {
        private final RoutingContext context;
        private final String requestId;

        Call(RoutingContext context, String requestId) {
            this.context = context;
            this.requestId = requestId;
        }

        int intParam(String name, int fallback, int min, int max, List<Violation> violations) {
            String raw = context.request().getParam(name);
            if (raw == null || raw.isBlank()) {
                return fallback;
            }
            try {
                int value = Integer.parseInt(raw.strip());
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            violations.add(new Violation(name, "must be a whole number from " + min + " to " + max));
            return fallback;
        }

        void respond(int status, Object body) {
            try {
                byte[] bytes = json.writeValueAsBytes(body);
                context.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                        .putHeader(CorrelationId.HEADER, requestId).end(Buffer.buffer(bytes));
            } catch (Exception e) {
                unexpected(e);
            }
        }

        void created(String location, Object body) {
            context.response().putHeader("Location", location);
            respond(201, body);
        }

        void noContent() {
            context.response().setStatusCode(204).putHeader(CorrelationId.HEADER, requestId).end();
        }

        void invalid(List<Violation> violations) {
            problem(Problem.invalid(violations));
        }

        void problem(Problem problem) {
            Problems.refuse(context.request(), requestId, problem);
        }

        void methodNotAllowed(String allowed) {
            context.response().putHeader("Allow", allowed);
            problem(new Problem(405, "method-not-allowed", "Method not allowed", "Allowed here: " + allowed));
        }

        void unexpected(Throwable failure) {
            LOG.errorf(failure, "Unexpected failure of request %s", requestId);
            problem(new Problem(500, "internal", "Internal error",
                    "The request failed unexpectedly; quote request id " + requestId + " to support"));
        }
    }
}
