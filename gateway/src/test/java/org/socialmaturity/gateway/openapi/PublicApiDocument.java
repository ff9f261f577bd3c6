package org.socialmaturity.gateway.openapi;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The public API's one OpenAPI document: the services' own documents (their annotations are where operations are
 * described) merged with the gateway's part (partner administration, key schemes, the gateway's own answers).
 * Identity headers disappear (the gateway sets them), every operation gets its key scheme and the gateway's
 * 401/413/429/503 answers, problem responses get the Problem schema, generic pages get their item type.
 */
final class PublicApiDocument {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    private static final Set<String> GATEWAY_HEADERS = Set.of("x-admin-key", "x-partner-id", "x-gateway-secret");

    private PublicApiDocument() {
    }

    static ObjectNode merge(List<JsonNode> services, JsonNode gateway) {
        List<String> problems = new ArrayList<>();
        Map<String, JsonNode> paths = new TreeMap<>();
        Map<String, JsonNode> schemas = new TreeMap<>();
        Map<String, JsonNode> tags = new TreeMap<>();
        for (JsonNode service : services) {
            service.path("paths").fields().forEachRemaining(path -> {
                JsonNode known = paths.putIfAbsent(path.getKey(), path.getValue());
                if (known != null && !known.equals(path.getValue())) {
                    problems.add("path " + path.getKey() + " differs between services");
                }
            });
            service.path("components").path("schemas").fields().forEachRemaining(schema -> {
                JsonNode known = schemas.putIfAbsent(schema.getKey(), schema.getValue());
                if (known != null && !withoutExamples(known).equals(withoutExamples(schema.getValue()))) {
                    problems.add("schema " + schema.getKey() + " differs between services: rename one");
                } else if (known != null && !known.has("examples")) {
                    schemas.put(schema.getKey(), schema.getValue());
                }
            });
            service.path("tags").forEach(tag -> tags.putIfAbsent(tag.path("name").asText(), tag));
        }
        gateway.path("paths").fields().forEachRemaining(path -> {
            if (paths.put(path.getKey(), path.getValue()) != null) {
                problems.add("path " + path.getKey() + " is both the gateway's and a service's");
            }
        });
        gateway.path("components").path("schemas").fields().forEachRemaining(schema -> {
            if (schemas.put(schema.getKey(), schema.getValue()) != null) {
                problems.add("schema " + schema.getKey() + " is both the gateway's and a service's");
            }
        });
        gateway.path("tags").forEach(tag -> tags.put(tag.path("name").asText(), tag));

        JsonNode operationIds = gateway.path("x-operation-ids");
        JsonNode pages = gateway.path("x-pages");
        Set<String> gatewayPaths = new LinkedHashSet<>();
        gateway.path("paths").fieldNames().forEachRemaining(gatewayPaths::add);
        paths.forEach((path, item) -> {
            ObjectNode copy = item.deepCopy();
            copy.fields().forEachRemaining(entry -> {
                if (!METHODS.contains(entry.getKey())) {
                    return;
                }
                String key = entry.getKey() + " " + path;
                ObjectNode operation = (ObjectNode) entry.getValue();
                shape(key, path, operation, gatewayPaths.contains(path), operationIds, pages, schemas, problems);
            });
            paths.put(path, copy);
        });

        ObjectNode document = JSON.objectNode();
        document.set("openapi", services.get(0).path("openapi"));
        document.set("info", gateway.path("info"));
        document.set("servers", gateway.path("servers"));
        ArrayNode tagList = document.putArray("tags");
        tags.values().forEach(tagList::add);
        ObjectNode pathNode = document.putObject("paths");
        paths.forEach(pathNode::set);
        ObjectNode components = document.putObject("components");
        components.set("securitySchemes", gateway.path("components").path("securitySchemes"));
        components.set("responses", gateway.path("components").path("responses"));
        ObjectNode schemaNode = components.putObject("schemas");
        schemas.forEach(schemaNode::set);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The public API document cannot be merged:\n  " + String.join("\n  ", problems));
        }
        return document;
    }

    private static void shape(String key, String path, ObjectNode operation, boolean gatewayOwn, JsonNode operationIds,
                              JsonNode pages, Map<String, JsonNode> schemas, List<String> problems) {
        if (!operation.has("operationId")) {
            if (operationIds.has(key)) {
                operation.put("operationId", operationIds.path(key).asText());
            } else {
                problems.add(key + " has no operationId: add it to x-operation-ids in src/openapi/gateway.yaml");
            }
        }
        if (operation.path("summary").asText().isBlank()) {
            problems.add(key + " has no summary");
        }
        if (operation.has("parameters")) {
            ArrayNode kept = JSON.arrayNode();
            operation.path("parameters").forEach(parameter -> {
                boolean identity = "header".equals(parameter.path("in").asText())
                        && GATEWAY_HEADERS.contains(parameter.path("name").asText().toLowerCase());
                if (!identity) {
                    kept.add(parameter);
                }
            });
            operation.set("parameters", kept);
        }
        boolean operator = path.startsWith("/api/v1/admin/");
        operation.putArray("security").addObject().putArray(operator ? "AdminKey" : "ApiKey");

        ObjectNode responses = (ObjectNode) operation.path("responses");
        for (Iterator<Map.Entry<String, JsonNode>> it = responses.fields(); it.hasNext(); ) {
            JsonNode content = it.next().getValue().path("content");
            JsonNode problem = content.path("application/problem+json");
            if (problem.isObject() && (!problem.has("schema") || problem.path("schema").path("type").asText().equals("object"))) {
                ((ObjectNode) problem).putObject("schema").put("$ref", "#/components/schemas/Problem");
            }
        }
        if (pages.has(key)) {
            String item = pages.path(key).asText();
            String pageName = item + "Page";
            schemas.put(pageName, page(item));
            ObjectNode json = (ObjectNode) responses.path("200").path("content").path("application/json");
            if (json.isMissingNode() || !(json instanceof ObjectNode)) {
                problems.add(key + " is listed in x-pages but has no JSON 200 response");
            } else {
                json.putObject("schema").put("$ref", "#/components/schemas/" + pageName);
            }
        }
        if (!gatewayOwn) {
            addIfAbsent(responses, "503", "Unavailable");
        }
        addIfAbsent(responses, "401", "Unauthorized");
        addIfAbsent(responses, "429", "RateLimited");
        if (operation.has("requestBody")) {
            addIfAbsent(responses, "413", "TooLarge");
        }
        if (!operation.toString().contains("example")) {
            problems.add(key + " has no example");
        }
    }

    /** Services differ in the examples they give of a shared type (an Instant), which is no difference of shape. */
    private static JsonNode withoutExamples(JsonNode schema) {
        ObjectNode copy = schema.deepCopy();
        copy.remove("examples");
        return copy;
    }

    private static ObjectNode page(String item) {
        ObjectNode page = JSON.objectNode();
        page.put("type", "object");
        page.put("description", "One page of " + item + " items; pages count from 0");
        ObjectNode properties = page.putObject("properties");
        properties.putObject("items").put("type", "array").putObject("items")
                .put("$ref", "#/components/schemas/" + item);
        properties.putObject("page").put("type", "integer").put("format", "int32");
        properties.putObject("size").put("type", "integer").put("format", "int32");
        properties.putObject("total").put("type", "integer").put("format", "int64");
        return page;
    }

    private static void addIfAbsent(ObjectNode responses, String status, String response) {
        if (!responses.has(status)) {
            responses.putObject(status).put("$ref", "#/components/responses/" + response);
        }
    }
}
