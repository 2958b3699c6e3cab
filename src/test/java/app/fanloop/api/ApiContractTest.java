package app.fanloop.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;

import app.fanloop.security.MutatingRoutes;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The OpenAPI document at /q/openapi is the API's contract: every route under /api (read from the compiled
 * resource classes) is in it with a summary, its success response with a schema, its request body with a
 * schema, and an example for each; every example there is valid against its schema (with no property the
 * schema does not name); and the document names no route that does not exist.
 */
@QuarkusTest
class ApiContractTest {

    static final String DOCUMENT = "https://fanloop.test/openapi.json";
    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode document;
    static SchemaRegistry schemas;

    public record Route(String method, String path, Method declared) {
        String key() {
            return method + " " + path;
        }
    }

    @org.junit.jupiter.api.BeforeEach
    void load() throws Exception {
        if (document != null) {
            return;
        }
        document = JSON.readTree(given().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
        JsonNode strict = strict(document.deepCopy());
        String text = JSON.writeValueAsString(strict);
        schemas = SchemaRegistry.withDialect(Dialects.getOpenApi31(), b -> b.schemas(Map.of(DOCUMENT, text)));
    }

    @Test
    void every_api_route_is_documented_with_schemas_and_examples() {
        List<String> problems = new ArrayList<>();
        List<Route> routes = routes();
        assertTrue(routes.size() > 20, "found only " + routes.size() + " API routes");
        for (Route route : routes) {
            JsonNode op = document.path("paths").path(route.path()).path(route.method().toLowerCase());
            if (op.isMissingNode()) {
                problems.add(route.key() + ": not in the document");
                continue;
            }
            if (op.path("summary").asText().isBlank()) {
                problems.add(route.key() + ": no summary");
            }
            boolean returnsBody = route.declared().getReturnType() != void.class;
            JsonNode success = successResponse(op);
            if (success == null) {
                problems.add(route.key() + ": no 2xx response");
            } else if (returnsBody) {
                JsonNode media = success.path("content").path("application/json");
                if (media.path("schema").isMissingNode()) {
                    problems.add(route.key() + ": its response has no schema");
                } else if (example(media).isEmpty()) {
                    problems.add(route.key() + ": its response has no example");
                }
            }
            if (hasBody(route.declared())) {
                JsonNode media = op.path("requestBody").path("content").path("application/json");
                if (media.path("schema").isMissingNode()) {
                    problems.add(route.key() + ": its request body has no schema");
                } else if (example(media).isEmpty()) {
                    problems.add(route.key() + ": its request body has no example");
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void the_document_names_only_routes_that_exist() {
        Set<String> real = new TreeSet<>();
        routes().forEach(r -> real.add(r.key()));
        Set<String> documented = new TreeSet<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (Set.of("get", "put", "post", "delete", "patch").contains(method)) {
                documented.add(method.toUpperCase() + " " + path.getKey());
            }
        }));
        documented.removeAll(real);
        assertEquals(Set.of(), documented);
    }

    @Test
    void every_documented_example_is_valid_against_its_schema() {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = document.path("components").path("schemas").fields(); it.hasNext();) {
            var entry = it.next();
            for (JsonNode example : examplesOf(entry.getValue())) {
                checked++;
                validate("#/components/schemas/" + entry.getKey(), example, entry.getKey(), problems);
            }
        }
        for (Route route : routes()) {
            JsonNode op = document.path("paths").path(route.path()).path(route.method().toLowerCase());
            JsonNode success = successResponse(op);
            if (success != null && !success.path("content").path("application/json").path("schema").isMissingNode()) {
                for (JsonNode example : example(success.path("content").path("application/json"))) {
                    checked++;
                    validateInline(success.path("content").path("application/json").path("schema"), example,
                            route.key() + " response", problems);
                }
            }
        }
        assertTrue(checked > 20, "only " + checked + " examples checked");
        assertEquals(List.of(), problems);
    }

    @Test
    void a_wrong_example_is_refused() {
        List<String> problems = new ArrayList<>();
        validate("#/components/schemas/Vote", JSON.createObjectNode().put("suggestion", "not a number"), "wrong", problems);
        validate("#/components/schemas/Vote", JSON.createObjectNode().put("suggestion", 1).put("voted", true)
                .put("votes", 1).put("surprise", 1), "extra", problems);
        assertEquals(2, problems.size(), problems.toString());
    }

    // ---------------------------------------------------------------- the routes

    /** Every route under /api, from the compiled resource classes (the role matrix reads them the same way). */
    static List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        for (Class<?> c : MutatingRoutes.classes()) {
            jakarta.ws.rs.Path root = c.getAnnotation(jakarta.ws.rs.Path.class);
            if (root == null) {
                continue;
            }
            for (Method m : c.getDeclaredMethods()) {
                String http = MutatingRoutes.httpMethod(m);
                jakarta.ws.rs.Path sub = m.getAnnotation(jakarta.ws.rs.Path.class);
                String path = MutatingRoutes.join(root.value(), sub == null ? null : sub.value());
                if (http != null && path.startsWith("/api/")) {
                    routes.add(new Route(http, path, m));
                }
            }
        }
        return routes;
    }

    /** A parameter without a JAX-RS or REST annotation is the request body. */
    static boolean hasBody(Method m) {
        for (Parameter p : m.getParameters()) {
            if (p.getAnnotations().length == 0 && !p.getType().getName().startsWith("jakarta.ws.rs.core")
                    && !p.getType().getName().startsWith("io.vertx")) {
                return true;
            }
        }
        return false;
    }

    static JsonNode successResponse(JsonNode op) {
        for (Iterator<String> it = op.path("responses").fieldNames(); it.hasNext();) {
            String code = it.next();
            if (code.startsWith("2")) {
                return op.path("responses").path(code);
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- examples

    /** The examples of a media type: its own, or its schema's, or for a list one made of its items' example. */
    static List<JsonNode> example(JsonNode media) {
        List<JsonNode> found = new ArrayList<>();
        if (media.has("example")) {
            found.add(media.get("example"));
        }
        media.path("examples").forEach(e -> found.add(e.path("value")));
        if (found.isEmpty()) {
            found.addAll(examplesOf(resolve(media.path("schema"))));
        }
        if (found.isEmpty()) {
            JsonNode itemSchema = resolve(resolve(media.path("schema")).path("properties").path("items").path("items"));
            for (JsonNode item : examplesOf(itemSchema)) {
                ObjectNode list = JSON.createObjectNode();
                list.putArray("items").add(item);
                list.putNull("next");
                found.add(list);
            }
        }
        return found;
    }

    static List<JsonNode> examplesOf(JsonNode schema) {
        List<JsonNode> found = new ArrayList<>();
        if (schema.has("example")) {
            found.add(parsed(schema.get("example")));
        }
        // An enum's or a scalar's generated "examples" are not ours to check; objects' are.
        if ("object".equals(schema.path("type").asText())) {
            schema.path("examples").forEach(e -> found.add(parsed(e)));
        }
        return found;
    }

    /** Examples written in annotations arrive as JSON text or as parsed JSON. */
    static JsonNode parsed(JsonNode example) {
        if (example.isTextual()) {
            try {
                return JSON.readTree(example.asText());
            } catch (Exception notJson) {
                return example;
            }
        }
        return example;
    }

    static JsonNode resolve(JsonNode schema) {
        String ref = schema.path("$ref").asText();
        if (ref.startsWith("#/components/schemas/")) {
            return document.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()));
        }
        return schema;
    }

    static void validate(String pointer, JsonNode example, String what, List<String> problems) {
        Schema schema = schemas.getSchema(SchemaLocation.of(DOCUMENT + pointer));
        schema.validate(example).forEach(e -> problems.add(what + ": " + e.getMessage()));
    }

    static void validateInline(JsonNode schemaNode, JsonNode example, String what, List<String> problems) {
        String ref = schemaNode.path("$ref").asText();
        if (!ref.isEmpty()) {
            validate(ref, example, what, problems);
        }
    }

    /** The document with every object schema closed to properties it does not name, so a misspelt example fails. */
    static JsonNode strict(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.has("properties") && !object.has("additionalProperties")) {
                object.put("additionalProperties", false);
            }
            object.fields().forEachRemaining(f -> strict(f.getValue()));
        } else if (node instanceof ArrayNode array) {
            array.forEach(ApiContractTest::strict);
        }
        return node;
    }
}
