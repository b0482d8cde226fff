package com.promisevalidator.validation.service;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.promisevalidator.validation.facts.Alternative;
import com.promisevalidator.validation.facts.Reason;
import com.promisevalidator.validation.model.DecisionKind;
import com.promisevalidator.validation.model.DecisionView;
import com.promisevalidator.validation.model.QuoteRequest;
import com.promisevalidator.validation.model.ValidationResponse;
import com.promisevalidator.validation.model.Verdict;

/**
 * How a decision is stored compactly and read back. The request is kept without nulls. The answer is kept
 * without what has a column (decisionId, verdict, rulesVersion, evaluatedAt) or is in the request (quoteId) and
 * without nulls or empty lists; its sentences (a reason's message, an alternative's description) are kept as the
 * caller read them: the words a rep read to a customer are what a dispute is about, and they depend on the language
 * asked and on the messages of the rule set of the day, so codes and evidence alone cannot give them back. Codes
 * are read from the JSON tree so this works whether or not the answer model has them yet. Rows written before
 * this format (full answer JSON, or coded reasons without their sentence) read back as they were stored.
 */
@Singleton
public class DecisionRecords {

    /** The column values of one decision. */
    public record Row(String id, Instant evaluatedAt, DecisionKind kind, String quoteType, String site, String rep, String verdict,
                      String rulesVersion, String codes, String request, String answer, String factsHash, String facts) {
        public Row(String id, Instant evaluatedAt, DecisionKind kind, String quoteType, String site, String rep, String verdict,
                   String rulesVersion, String codes, String request, String answer) {
            this(id, evaluatedAt, kind, quoteType, site, rep, verdict, rulesVersion, codes, request, answer, null, null);
        }

        /** The same row with its facts snapshot (hash and text) read back. */
        public Row withFacts(String hash, String text) {
            return new Row(id, evaluatedAt, kind, quoteType, site, rep, verdict, rulesVersion, codes, request, answer, hash, text);
        }
    }

    private static final int CODES_MAX = 2000;
    private static final List<String> ANSWER_ORDER = List.of("decisionId", "quoteId", "verdict", "confidence", "targetConfidence",
            "recommended", "alternatives", "reasons", "rulesVersion", "evaluatedAt", "hold");

    private final ObjectMapper json;
    /** Stored rows were written by this service, maybe by an older or newer version: read them leniently. */
    private final ObjectMapper stored;

    private final FactsCodec facts;
    /** Writes what it is given without null fields, at any depth (as a stored request is kept). */
    private final ObjectMapper withoutNulls;
    /** Writes an answer as it is stored ({@link #answerText}). */
    private final ObjectMapper compact;

    public DecisionRecords(ObjectMapper json) {
        this.json = json;
        this.facts = new FactsCodec(json);
        this.withoutNulls = json.copy().setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
                JsonInclude.Include.NON_NULL));
        this.compact = withoutNulls.copy().addMixIn(ValidationResponse.class, StoredAnswer.class)
                .registerModule(new SimpleModule("stored-reasons").addSerializer(Reason.class, new StoredReason()));
        this.stored = json.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL);
    }

    /** The row to write for a decision (called off the request path). */
    public Row encode(DecisionLog.Decision d) {
        ValidationResponse r = d.response();
        QuoteRequest q = d.request();
        String site = q.site() != null ? q.site() : r.recommended() != null ? r.recommended().site() : null;
        Instant at = r.evaluatedAt() != null ? r.evaluatedAt().toInstant() : Instant.now();
        FactsCodec.Snapshot met = d.facts() == null ? null : facts.snapshot(d.facts());
        return new Row(r.decisionId(), at, d.kind(), q.type() == null ? "?" : q.type(), site, q.rep(), r.verdict().name(),
                r.rulesVersion(), codes(r), requestText(q), answerText(r), met == null ? null : met.hash(),
                met == null ? null : met.json());
    }

    /**
     * The answer as stored, written straight from the answer (no tree: this runs once per decision): without what
     * has a column or is in the request, without nulls or empty lists ({@link StoredAnswer}).
     */
    String answerText(ValidationResponse r) {
        try {
            return compact.writeValueAsString(r);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an answer could not be written as JSON", e);
        }
    }

    /** How the compact writer leaves out what the stored answer does not keep (mix-ins on the answer's records). */
    @JsonIgnoreProperties({"decisionId", "quoteId", "verdict", "rulesVersion", "evaluatedAt"})
    private abstract static class StoredAnswer {
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        abstract List<Alternative> alternatives();

        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        abstract List<Reason> reasons();
    }

    /** A reason as said, without null evidence. */
    private static final class StoredReason extends StdSerializer<Reason> {
        StoredReason() {
            super(Reason.class);
        }

        @Override
        public void serialize(Reason reason, JsonGenerator g, SerializerProvider provider) throws java.io.IOException {
            g.writeStartObject();
            if (reason.code() != null) g.writeStringField("code", reason.code().name());
            if (reason.rule() != null) g.writeStringField("rule", reason.rule());
            if (reason.severity() != null) g.writeStringField("severity", reason.severity().name());
            if (reason.message() != null) g.writeStringField("message", reason.message());
            if (reason.evidence() != null) {
                g.writeObjectFieldStart("evidence");
                for (Map.Entry<String, Object> e : reason.evidence().entrySet()) {
                    Object v = e.getValue();
                    if (v == null) continue;
                    // the common kinds written directly: a serializer lookup per value was most of this writer's time
                    if (v instanceof String text) {
                        g.writeStringField(e.getKey(), text);
                    } else if (v instanceof Integer n) {
                        g.writeNumberField(e.getKey(), n);
                    } else if (v instanceof Long n) {
                        g.writeNumberField(e.getKey(), n);
                    } else if (v instanceof Double n) {
                        g.writeNumberField(e.getKey(), n);
                    } else if (v instanceof Boolean b) {
                        g.writeBooleanField(e.getKey(), b);
                    } else {
                        provider.defaultSerializeField(e.getKey(), v, g);
                    }
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        }
    }

    /** ",CODE_A,CODE_B," of the answer's reasons, in order, each once; null without codes. */
    static String codes(ValidationResponse r) {
        return codes(r.reasonCodes());
    }

    /** The request without its nulls, written straight from the quote (no tree: it is written once per decision). */
    String requestText(QuoteRequest q) {
        try {
            return withoutNulls.writeValueAsString(q);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a quote could not be written as JSON", e);
        }
    }

    /** How facts snapshots are written and read. */
    public FactsCodec facts() {
        return facts;
    }

    private static String codes(Set<String> codes) {
        if (codes.isEmpty()) return null;
        StringBuilder s = new StringBuilder(",");
        for (String c : codes) {
            if (s.length() + c.length() + 1 > CODES_MAX) break; // never in practice: a handful of short codes
            s.append(c).append(',');
        }
        return s.toString();
    }

    /** The decision as GET /api/v1/decisions shows it. */
    public DecisionView view(Row row) {
        try {
            JsonNode request = stored.readTree(row.request());
            ObjectNode answer = answer(row, request);
            JsonNode target = answer.get("targetConfidence");
            JsonNode met = row.facts() == null ? null : stored.readTree(row.facts());
            return new DecisionView(row.id(), row.kind(), at(row), row.rep(), row.site(), verdict(row), row.rulesVersion(),
                    target != null && target.isNumber() ? target.asDouble() : null, request, answer, row.factsHash(), met);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored decision " + row.id() + " is unreadable", e);
        }
    }

    /** The request and answer a commit by decisionId needs (reasons left out: a commit does not use them). */
    public DecisionLog.Decision decision(Row row) {
        try {
            JsonNode requestTree = stored.readTree(row.request());
            ObjectNode answer = answer(row, requestTree);
            answer.remove("reasons");
            QuoteRequest request = stored.treeToValue(requestTree, QuoteRequest.class);
            ValidationResponse response = stored.treeToValue(answer, ValidationResponse.class);
            return new DecisionLog.Decision(request, response, row.request(), row.kind(), null);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored decision " + row.id() + " is unreadable", e);
        }
    }

    /** The stored answer with the column values put back, fields in the order of a live answer. */
    private ObjectNode answer(Row row, JsonNode request) throws JsonProcessingException {
        ObjectNode kept = (ObjectNode) stored.readTree(row.answer());
        kept.put("decisionId", row.id());
        if (request.hasNonNull("quoteId")) kept.set("quoteId", request.get("quoteId"));
        kept.put("verdict", row.verdict());
        kept.put("rulesVersion", row.rulesVersion());
        kept.set("evaluatedAt", json.valueToTree(at(row)));
        for (String f : List.of("alternatives", "reasons")) {
            if (!kept.has(f)) kept.putArray(f);
        }
        ObjectNode out = json.createObjectNode();
        for (String f : ANSWER_ORDER) {
            if (kept.has(f)) out.set(f, kept.get(f));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = kept.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!out.has(e.getKey())) out.set(e.getKey(), e.getValue());
        }
        return out;
    }

    private static OffsetDateTime at(Row row) {
        return row.evaluatedAt().atOffset(ZoneOffset.UTC);
    }

    private static Verdict verdict(Row row) {
        try {
            return Verdict.valueOf(row.verdict());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
