package com.promisevalidator.validation.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.promisevalidator.validation.facts.Alternative;
import com.promisevalidator.validation.facts.Reason;
import com.promisevalidator.validation.facts.ReasonCode;
import com.promisevalidator.validation.model.DecisionKind;
import com.promisevalidator.validation.model.DecisionView;
import com.promisevalidator.validation.model.QuoteRequest;
import com.promisevalidator.validation.model.Recommended;
import com.promisevalidator.validation.model.ValidationResponse;
import com.promisevalidator.validation.model.Verdict;

/** The compact stored form of a decision: what it leaves out, and that reading it back gives the answer again. */
class DecisionRecordsTest {

    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final DecisionRecords records = new DecisionRecords(json);

    private static final OffsetDateTime AT = OffsetDateTime.of(2026, 3, 2, 13, 0, 0, 0, ZoneOffset.UTC);
    private static final LocalDate DAY = LocalDate.of(2026, 3, 9);

    private static DecisionLog.Decision decision() {
        Map<String, Object> evidence = new HashMap<>();
        evidence.put("days", 7);
        evidence.put("lane", "SP->RJ");
        evidence.put("nothing", null);
        List<Reason> reasons = List.of(new Reason(ReasonCode.LEAD_TIME, "Lead time", Reason.Severity.INFO, "Deliveries take 7 days.", evidence),
                new Reason(null, "Custom rule", Reason.Severity.WARNING, "Said by an old rule", null));
        List<Alternative> alternatives = List.of(new Alternative("OTHER_SITE", "MG", DAY.plusDays(1), null, null, 0.91, "From MG by ...", null));
        ValidationResponse answer = new ValidationResponse("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", "Q-1", Verdict.ALTERNATIVE, 0.8, 0.9,
                new Recommended(DAY, null, null, "SP", 0.93), alternatives, reasons, "rules-v1", AT, null);
        QuoteRequest quote = new QuoteRequest("DELIVERY", "Q-1", "alice", null, "SP", "RJ", List.of(new QuoteRequest.Line("SKU-1", 2)),
                AT, DAY, null, null, null, null, null);
        return new DecisionLog.Decision(quote, answer, null, DecisionKind.VALIDATE);
    }

    @Test
    void storedAnswerLeavesOutColumnsAndNullsAndKeepsTheSentencesAsSaid() throws Exception {
        DecisionRecords.Row row = records.encode(decision());
        JsonNode stored = json.readTree(row.answer());
        for (String f : List.of("decisionId", "quoteId", "verdict", "rulesVersion", "evaluatedAt", "hold")) assertFalse(stored.has(f), f);
        assertEquals("From MG by ...", stored.path("alternatives").get(0).path("description").asText(), "an alternative keeps its sentence");
        assertEquals("Deliveries take 7 days.", stored.path("reasons").get(0).path("message").asText(), "a coded reason keeps its sentence");
        assertFalse(stored.path("reasons").get(0).path("evidence").has("nothing"), "null evidence is left out");
        assertEquals("Said by an old rule", stored.path("reasons").get(1).path("message").asText(), "an uncoded reason keeps its sentence");
        assertFalse(stored.path("reasons").get(1).has("evidence"));
        assertEquals(",LEAD_TIME,", row.codes());
        assertEquals("ALTERNATIVE", row.verdict());
        assertEquals("SP", row.site());
        assertFalse(row.request().contains("null"), row.request());
    }

    @Test
    void readingBackGivesTheAnswerWithItsColumns() {
        DecisionView view = records.view(records.encode(decision()));
        JsonNode answer = view.answer();
        assertEquals("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", answer.path("decisionId").asText());
        assertEquals("Q-1", answer.path("quoteId").asText());
        assertEquals("ALTERNATIVE", answer.path("verdict").asText());
        assertEquals(DAY.toString(), answer.path("recommended").path("promisedBy").asText());
        assertEquals(7, answer.path("reasons").get(0).path("evidence").path("days").asInt());
        assertEquals("LEAD_TIME", answer.path("reasons").get(0).path("code").asText());
        assertEquals("Deliveries take 7 days.", answer.path("reasons").get(0).path("message").asText());
        assertEquals("From MG by ...", answer.path("alternatives").get(0).path("description").asText());
        assertEquals("MG", answer.path("alternatives").get(0).path("site").asText());
        assertTrue(answer.path("evaluatedAt").asText().startsWith("2026-03-02T13:00"));
    }

    @Test
    void aRowStoredWithoutSentencesReadsBackWithout() throws Exception {
        // rows written before sentences were kept (a coded reason without its message) read back as they were stored
        DecisionRecords.Row row = records.encode(decision());
        com.fasterxml.jackson.databind.node.ObjectNode old = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(row.answer());
        ((com.fasterxml.jackson.databind.node.ObjectNode) old.path("reasons").get(0)).remove("message");
        ((com.fasterxml.jackson.databind.node.ObjectNode) old.path("alternatives").get(0)).remove("description");
        JsonNode back = records.view(new DecisionRecords.Row(row.id(), row.evaluatedAt(), row.kind(), row.quoteType(), row.site(), row.rep(),
                row.verdict(), row.rulesVersion(), row.codes(), row.request(), old.toString())).answer();
        assertFalse(back.path("reasons").get(0).has("message"));
        assertEquals("LEAD_TIME", back.path("reasons").get(0).path("code").asText());
        assertEquals("Said by an old rule", back.path("reasons").get(1).path("message").asText());
        assertFalse(back.path("alternatives").get(0).has("description"));
    }

    @Test
    void anAnswerWithoutReasonsOrAlternativesStoresNeitherAndReadsBackEmptyLists() throws Exception {
        DecisionLog.Decision d = decision();
        ValidationResponse bare = new ValidationResponse(d.response().decisionId(), null, Verdict.REJECTED, 0.0, 0.9, null, List.of(), List.of(),
                "rules-v1", AT, null);
        DecisionRecords.Row row = records.encode(new DecisionLog.Decision(d.request(), bare, null, DecisionKind.VALIDATE));
        JsonNode stored = json.readTree(row.answer());
        assertFalse(stored.has("reasons"));
        assertFalse(stored.has("alternatives"));
        assertNull(row.codes());
        JsonNode back = records.view(row).answer();
        assertTrue(back.path("reasons").isArray() && back.path("reasons").isEmpty());
        assertEquals(0.0, back.path("confidence").asDouble());
    }
}
