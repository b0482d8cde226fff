package com.promisevalidator.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Completes the generated OpenAPI document from one file, src/main/resources/openapi/operations.json (keyed
 * "METHOD /path"): each operation's tag, summary, description, a request and a response example, its success status
 * and the problem+json error responses it can give. Kept in one file rather than in annotations on every resource:
 * the error catalogue is the same everywhere, and examples read better as JSON than as escaped strings. The query
 * parameters and headers shared by many operations are described here too. OpenApiLintTest fails the build when an
 * operation is missing from the file.
 */
public class ApiDocs implements OASFilter {

    private static final String SCHEMAS = "#/components/schemas/";
    private static final String PROBLEM = SCHEMAS + "Problem";
    private static final Map<Integer, String> TITLES = Map.ofEntries(
            Map.entry(400, "Bad request: a field or query parameter is malformed; `errors` names each one"),
            Map.entry(401, "No API key, or an unknown one, in X-API-Key"),
            Map.entry(403, "The API key is valid but its role may not do this"),
            Map.entry(404, "Nothing with this id or code (or not visible to this key)"),
            Map.entry(409, "Conflict with the current state (capacity gone, already closed, key in use, another backtest running)"),
            Map.entry(413, "The body is over the size limit"),
            Map.entry(415, "The body's Content-Type is not the one this operation reads"),
            Map.entry(422, "Well-formed, but names something unknown or asks for something impossible"),
            Map.entry(429, "Too many requests for this API key; retry after Retry-After seconds"),
            Map.entry(503, "Temporarily unable to answer (database down, no valid rules, decision log full); retry"));
    private static final Map<Integer, Map<String, Object>> PROBLEM_EXAMPLES = Map.ofEntries(
            Map.entry(400, problem("Bad request", 400, "The quote has 1 invalid field(s)", List.of(Map.of("field", "lines[0].quantity", "message", "must be greater than 0")))),
            Map.entry(401, problem("Unauthorized", 401, "This request needs an API key in the X-API-Key header.", null)),
            Map.entry(403, problem("Forbidden", 403, "This API key does not allow this request.", null)),
            Map.entry(404, problem("Not found", 404, "Promise P-123 does not exist", null)),
            Map.entry(409, problem("Capacity gone", 409, "The promise cannot be committed: SKU-1 at SP has 2 left, 5 asked.", null)),
            Map.entry(413, problem("Payload too large", 413, "The body has 2000000 bytes; at most 1048576 are accepted for this content type.", null)),
            Map.entry(415, problem("Unsupported Media Type", 415, "Content-Type text/plain is not accepted here; send application/json.", null)),
            Map.entry(422, problem("Unknown reference", 422, "Unknown site 'XX'", List.of(Map.of("field", "site", "message", "Unknown site 'XX'")))),
            Map.entry(429, problem("Too many requests", 429, "This API key sent more requests than its rate limit allows; retry after 1 s.", null)),
            Map.entry(503, problem("Service unavailable", 503, "The database is not available right now; retry shortly.", null)));
    /** Query parameters by name: what they mean, and the values allowed where they are a fixed set. */
    private static final Map<String, Object[]> PARAMETERS = Map.ofEntries(
            Map.entry("limit", new Object[] {"Page size (a whole number, at least 1)", null}),
            Map.entry("offset", new Object[] {"How many results to skip (a whole number, 0 or more)", null}),
            Map.entry("status", new Object[] {"Only promises of this status", List.of("HELD", "OPEN", "AT_RISK", "KEPT", "BROKEN", "CANCELLED", "EXPIRED")}),
            Map.entry("verdict", new Object[] {"Only decisions with this verdict", List.of("APPROVED", "ALTERNATIVE", "REJECTED")}),
            Map.entry("kind", new Object[] {"Only decisions given by this call", List.of("VALIDATE", "BATCH_ITEM", "COMMIT_RECHECK")}),
            Map.entry("by", new Object[] {"How to group (required)", List.of("rep", "site", "lane", "serviceType")}),
            Map.entry("from", new Object[] {"Start of the period: a date (2026-12-01) or an instant with offset", null}),
            Map.entry("to", new Object[] {"End of the period (after from): a date (through its end) or an instant with offset", null}),
            Map.entry("code", new Object[] {"Only decisions carrying this reason code (e.g. LEAD_TIME)", null}),
            Map.entry("site", new Object[] {"Only this site (code)", null}),
            Map.entry("rep", new Object[] {"Only this rep", null}),
            Map.entry("replace", new Object[] {"true: rows whose reference is stored already replace them (else they are skipped as duplicates)", List.of("true", "false")}),
            Map.entry("sep", new Object[] {"Column separator; without it the header row tells", List.of(";", ",", "tab", "|")}),
            Map.entry("dates", new Object[] {"Order of day and month in numeric dates (04/03/2025 10:15, 4.3.2025, 04-03-2025): dmy day-first, mdy month-first; without it they are refused (ISO-8601 times need no hint)", List.of("dmy", "mdy")}),
            Map.entry("badRows", new Object[] {"refuse (default): any bad row refuses the whole file, every bad line listed; skip: bad rows are left out and listed with their reasons, the good ones imported", List.of("refuse", "skip")}),
            Map.entry("timeZone", new Object[] {"Time zone (e.g. America/Sao_Paulo) of the sites the file creates: their times written without an offset, and their calendars; known sites keep their own", null}),
            Map.entry("asOf", new Object[] {"When the export was taken (ISO date-time with offset, or a date); default now", null}),
            Map.entry("Accept-Language", new Object[] {"Language of reason messages (en, pt); English when none matches", null}));

    private final Map<String, Map<String, Object>> docs;

    public ApiDocs() {
        try (InputStream in = ApiDocs.class.getResourceAsStream("/openapi/operations.json")) {
            if (in == null) throw new IllegalStateException("openapi/operations.json is missing from the build");
            docs = new ObjectMapper().readValue(in, new TypeReference<LinkedHashMap<String, Map<String, Object>>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> problem(String title, int status, String detail, List<Map<String, String>> errors) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", "about:blank");
        p.put("title", title);
        p.put("status", status);
        p.put("detail", detail);
        p.put("instance", "/api/v1/promises/validate");
        if (errors != null) p.put("errors", errors);
        p.put("requestId", "3b0c4f4e-8a51-4d6b-9d0e-1c2f3a4b5c6d");
        return p;
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).description(description);
    }

    private static Schema array(String itemSchema, String description) {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY)).items(OASFactory.createSchema().ref(SCHEMAS + itemSchema))
                .description(description);
    }

    @Override
    public void filterOpenAPI(OpenAPI api) {
        Components components = api.getComponents() == null ? OASFactory.createComponents() : api.getComponents();
        components.addSchema("FieldError", OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("One problem with one input: the field (a JSON path such as lines[0].quantity, or a query parameter) and what is wrong")
                .addProperty("field", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .addProperty("message", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .required(List.of("field", "message")));
        components.addSchema("Problem", OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("RFC 9457 problem details")
                .addProperty("type", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).description("always about:blank"))
                .addProperty("title", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).description("short, the same for every problem of a kind"))
                .addProperty("status", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)).description("the HTTP status"))
                .addProperty("detail", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).description("what went wrong, for people"))
                .addProperty("instance", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).description("the path asked for"))
                .addProperty("errors", OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY))
                        .items(OASFactory.createSchema().ref("#/components/schemas/FieldError")).description("field-level errors of bad input"))
                .addProperty("requestId", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).description("the X-Request-Id of the request"))
                // members some problems add (RFC 9457 extensions), each said where
                .addProperty("quoteId", string("validate-batch: the quoteId of the quote this problem stands for, in its place among the answers"))
                .addProperty("decisionId", string("commit 409 (capacity gone, no longer holds): the fresh decision, committable as any other"))
                .addProperty("recommended", OASFactory.createSchema().ref(SCHEMAS + "Recommended")
                        .description("commit 409: the promise that holds now (null: none within the horizon)"))
                .addProperty("alternatives", array("Alternative", "commit 409: the fresh answer's alternatives"))
                .addProperty("reasons", array("Reason", "commit 409: the fresh answer's reasons"))
                .addProperty("promiseId", string("commit 409 (decision already committed): the promise it made"))
                .addProperty("ruleErrors", array("RuleProblem", "shadow and backtest 422: why the candidate does not compile or load (file, line, column)"))
                .addProperty("violations", array("RuleProblem", "shadow and backtest 422: what the rule policy refuses in the candidate (file, line)"))
                .required(List.of("title", "status")));
        components.getSchemas().values().forEach(ApiDocs::oneOfInItems);
        api.setComponents(components);

        if (api.getPaths() == null) return;
        api.getPaths().getPathItems().forEach((path, item) -> {
            if (!path.startsWith("/api/")) return;
            item.getOperations().forEach((method, op) -> document(method.name() + " " + path, path, op));
        });
    }

    /**
     * A list property annotated {@code oneOf} (validate-batch's results: an answer or a problem per quote) gets the
     * choice on the list itself from SmallRye; it belongs to each item.
     */
    private static void oneOfInItems(Schema schema) {
        if (schema.getProperties() == null) return;
        for (Schema p : schema.getProperties().values()) {
            boolean array = p.getType() != null && p.getType().contains(Schema.SchemaType.ARRAY);
            if (!array || p.getOneOf() == null || p.getOneOf().isEmpty()) continue;
            p.setItems(OASFactory.createSchema().oneOf(new ArrayList<>(p.getOneOf())));
            p.setOneOf(null);
        }
    }

    @SuppressWarnings("unchecked")
    private void document(String key, String path, Operation op) {
        Map<String, Object> d = docs.get(key);
        describeParameters(op);
        if (d == null) return; // OpenApiLintTest names it
        if (op.getTags() == null || op.getTags().isEmpty()) op.setTags(List.of((String) d.get("tag")));
        if (op.getSummary() == null) op.setSummary((String) d.get("summary"));
        if (op.getDescription() == null) op.setDescription((String) d.get("description"));
        if (op.getRequestBody() != null && d.containsKey("request")) {
            op.getRequestBody().setRequired(true);
            if (op.getRequestBody().getDescription() == null) op.getRequestBody().setDescription("See the example; the schema lists every field");
            example(op.getRequestBody().getContent(), d.get("request"));
        }
        APIResponses responses = op.getResponses() == null ? OASFactory.createAPIResponses() : op.getResponses();
        int success = d.containsKey("successStatus") ? ((Number) d.get("successStatus")).intValue() : 0;
        if (success == 204 && responses.hasAPIResponse("200")) {
            responses.removeAPIResponse("200");
            responses.addAPIResponse("204", OASFactory.createAPIResponse().description("Done; no body"));
        } else if (success != 0 && responses.hasAPIResponse("200") && !responses.hasAPIResponse(Integer.toString(success))) {
            APIResponse ok = responses.getAPIResponse("200");
            responses.removeAPIResponse("200");
            responses.addAPIResponse(Integer.toString(success), ok.description("Created"));
        }
        if (success == 201 && responses.hasAPIResponse("201")) {
            responses.getAPIResponse("201").addHeader("Location", OASFactory.createHeader().description("The new resource's path")
                    .schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))));
        }
        // the docs file's list is the catalogue: error responses SmallRye adds on its own (401/403 for secured
        // resources, without a body) are replaced by the listed ones
        List<String> listed = ((List<Object>) d.getOrDefault("errors", List.of())).stream().map(String::valueOf).toList();
        for (String code : new ArrayList<>(responses.getAPIResponses().keySet())) {
            if (code.startsWith("4") || code.startsWith("5")) {
                if (!listed.contains(code)) responses.removeAPIResponse(code);
            }
        }
        if (d.containsKey("response")) {
            for (Map.Entry<String, APIResponse> r : responses.getAPIResponses().entrySet()) {
                if (r.getKey().startsWith("2") && r.getValue().getContent() != null) example(r.getValue().getContent(), d.get("response"));
            }
        }
        // an operation's own example of a status (the commit's 409 with its fresh answer) wins over the shared one
        Map<String, Object> own = (Map<String, Object>) d.getOrDefault("errorExamples", Map.of());
        for (Object code : (List<Object>) d.getOrDefault("errors", List.of())) {
            int status = ((Number) code).intValue();
            Map<String, Object> example = new LinkedHashMap<>((Map<String, Object>) own.getOrDefault(Integer.toString(status), PROBLEM_EXAMPLES.get(status)));
            example.put("instance", path);
            Content content = OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                    .schema(OASFactory.createSchema().ref(PROBLEM)).example(example));
            APIResponse r = OASFactory.createAPIResponse().description(TITLES.get(status)).content(content);
            if (status == 429) r.addHeader("Retry-After", OASFactory.createHeader().description("Seconds to wait")
                    .schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER))));
            responses.addAPIResponse(Integer.toString(status), r);
        }
        responses.getAPIResponses().values().forEach(r -> r.addHeader("X-Request-Id", OASFactory.createHeader()
                .description("The caller's X-Request-Id when it sent a sane one (1-128 of A-Z a-z 0-9 . _ : -), else a new one")
                .schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))));
        op.setResponses(responses);
        if (key.equals("POST /api/v1/promises")) idempotencyKey(op);
        requestIdParameter(op);
    }

    private static void example(Content content, Object example) {
        if (content == null || content.getMediaTypes() == null) return;
        for (MediaType m : content.getMediaTypes().values()) {
            if (m.getExample() == null && (m.getExamples() == null || m.getExamples().isEmpty())) m.setExample(example);
        }
    }

    @SuppressWarnings("unchecked")
    private static void describeParameters(Operation op) {
        if (op.getParameters() == null) return;
        for (Parameter p : op.getParameters()) {
            Object[] known = PARAMETERS.get(p.getName());
            if (known == null) {
                if (p.getIn() == Parameter.In.PATH && p.getDescription() == null) p.setDescription("The " + p.getName() + " of the resource");
                continue;
            }
            if (p.getDescription() == null) p.setDescription((String) known[0]);
            if (known[1] != null && p.getSchema() != null) p.getSchema().setEnumeration(new ArrayList<>((List<Object>) known[1]));
            if (p.getName().equals("by")) p.setRequired(true);
        }
    }

    private static void idempotencyKey(Operation op) {
        Parameter key = null;
        if (op.getParameters() != null) {
            for (Parameter p : op.getParameters()) if ("Idempotency-Key".equals(p.getName())) key = p;
        }
        if (key == null) {
            key = OASFactory.createParameter().name("Idempotency-Key").in(Parameter.In.HEADER)
                    .schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)));
            op.addParameter(key);
        }
        key.required(true).example("c0a8012e-7f3b-4e59-a1d2-6b9e8f7c5d4a")
                .description("Required. A key the caller makes per commit (e.g. a UUID, at most 128 characters): a retry with the same key and body replays the first answer");
    }

    private static void requestIdParameter(Operation op) {
        if (op.getParameters() != null && op.getParameters().stream().anyMatch(p -> "X-Request-Id".equals(p.getName()))) return;
        op.addParameter(OASFactory.createParameter().name("X-Request-Id").in(Parameter.In.HEADER).required(false)
                .description("Optional: the caller's id for this request, echoed in the answer, the logs and problem bodies")
                .schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).pattern("[A-Za-z0-9._:\\-]{1,128}")));
    }
}
