package com.promisevalidator.api;

import static com.promisevalidator.TestDates.at;
import static com.promisevalidator.api.ApiTestSupport.assertFieldProblem;
import static com.promisevalidator.api.ApiTestSupport.id;
import static com.promisevalidator.api.ApiTestSupport.postJson;
import static com.promisevalidator.api.CommitTestSupport.FAR;
import static com.promisevalidator.api.CommitTestSupport.commit;
import static com.promisevalidator.api.CommitTestSupport.committed;
import static com.promisevalidator.api.CommitTestSupport.garage;
import static com.promisevalidator.api.CommitTestSupport.stock;
import static com.promisevalidator.api.CommitTestSupport.stockOf;
import static com.promisevalidator.api.CommitTestSupport.warehouse;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * F-f: a field of the other quote type (lines, region, promisedBy on a SERVICE; serviceType, startAt, promisedMinutes on
 * a DELIVERY) is a 400 naming it, in validate, validate-batch (per quote) and commit. It was accepted and ignored: a
 * service committed with lines reserved no stock and the CRM never learnt. Null (a form sending every field) stays fine.
 */
@QuarkusTest
class QuoteTypeFieldsApiTest {

    static final String VALIDATE = "/api/v1/promises/validate";

    @Test
    void fieldsOfTheOtherQuoteTypeAreRefusedNamingThem() {
        String dc = id("QT-DC"), region = id("QT-R"), sku = id("QT-SKU"), g = id("QT-G"), type = id("QT-WASH");
        warehouse(dc, region, 100);
        stock(dc, sku, 9);
        garage(g, type, 2);
        String start = at(1, "10:00");

        String service = """
                {"type":"SERVICE","site":"%s","serviceType":"%s","startAt":"%s","promisedMinutes":45,
                 "lines":[{"sku":"%s","quantity":5}],"region":"%s","promisedBy":"%s"}""".formatted(g, type, start, sku, region, FAR);
        JsonPath p = assertFieldProblem(postJson(VALIDATE, service), 400, "lines").extract().jsonPath();
        assertEquals(List.of("lines", "region", "promisedBy"), p.getList("errors.field"));
        assertTrue(p.getString("errors[0].message").contains("not part of a SERVICE quote"), p.getString("errors[0].message"));

        String delivery = """
                {"type":"DELIVERY","site":"%s","region":"%s","lines":[{"sku":"%s","quantity":1}],"promisedBy":"%s",
                 "serviceType":"%s","startAt":"%s","promisedMinutes":30}""".formatted(dc, region, sku, FAR, type, start);
        p = assertFieldProblem(postJson(VALIDATE, delivery), 400, "serviceType").extract().jsonPath();
        assertEquals(List.of("serviceType", "startAt", "promisedMinutes"), p.getList("errors.field"));
        assertTrue(p.getString("errors[0].message").contains("not part of a DELIVERY quote"), p.getString("errors[0].message"));

        // null is absent: a form may send every field
        postJson(VALIDATE, """
                {"type":"SERVICE","site":"%s","serviceType":"%s","startAt":"%s","promisedMinutes":45,"lines":null,"region":null,
                 "promisedBy":null}""".formatted(g, type, start)).statusCode(200);
        postJson(VALIDATE, """
                {"type":"DELIVERY","site":"%s","region":"%s","serviceType":null,"startAt":null,"promisedMinutes":null}"""
                .formatted(dc, region)).statusCode(200);
        // and so are an empty list and a blank text, which generic clients send for "nothing"
        postJson(VALIDATE, """
                {"type":"SERVICE","site":"%s","serviceType":"%s","startAt":"%s","promisedMinutes":45,"lines":[],"region":" "}"""
                .formatted(g, type, start)).statusCode(200);
        postJson(VALIDATE, """
                {"type":"DELIVERY","site":"%s","region":"%s","serviceType":""}""".formatted(dc, region)).statusCode(200);
        // probe P6 M1: "" for a date, a time, a number or a list is absent too (the README's own case, a form's blanks)
        postJson(VALIDATE, """
                {"type":"DELIVERY","site":"%s","region":"%s","serviceType":"","startAt":"","promisedMinutes":"","promisedBy":"",
                 "orderedAt":"","confidence":"","lines":"","hold":""}""".formatted(dc, region)).statusCode(200);
        postJson(VALIDATE, """
                {"type":"SERVICE","site":"%s","serviceType":"%s","startAt":"%s","promisedMinutes":"","region":"","promisedBy":"",
                 "lines":""}""".formatted(g, type, start)).statusCode(200);
        // a blank site is no site: any site may serve the delivery (it was "Unknown site ''")
        assertNotNull(postJson(VALIDATE, """
                {"type":"DELIVERY","site":"","region":"%s"}""".formatted(region)).statusCode(200).extract().jsonPath()
                .getString("recommended.site"));
        // a value that is there but wrong is still refused
        assertFieldProblem(postJson(VALIDATE, """
                {"type":"DELIVERY","site":"%s","region":"%s","promisedBy":"soon"}""".formatted(dc, region)), 400, "promisedBy");

        // validate-batch: the mixed quote gets its problem in its place, the others are answered
        JsonPath b = postJson("/api/v1/promises/validate-batch", """
                {"quotes":[{"type":"SERVICE","quoteId":"M-1","site":"%s","serviceType":"%s","lines":[{"sku":"%s","quantity":5}]},
                           {"type":"SERVICE","quoteId":"M-2","site":"%s","serviceType":"%s"}]}""".formatted(g, type, sku, g, type))
                .statusCode(200).extract().jsonPath();
        assertEquals(400, b.getInt("results[0].status"));
        assertEquals(List.of("lines"), b.getList("results[0].errors.field"));
        assertNotNull(b.getString("results[1].verdict"));

        // commit: refused, nothing booked (the service with lines reserved no stock and said nothing)
        assertFieldProblem(commit(id("QT-C1"), service), 400, "lines");
        assertFieldProblem(commit(id("QT-C2"), delivery), 400, "serviceType");
        assertFieldProblem(commit(id("QT-C3"), """
                {"quote":{"type":"SERVICE","site":"%s","serviceType":"%s","region":"%s"},"startAt":"%s","promisedMinutes":45}"""
                .formatted(g, type, region, start)), 400, "quote.region");
        assertFieldProblem(commit(id("QT-C4"), """
                {"quote":{"type":"SERVICE","site":"%s","serviceType":"%s"},"startAt":"%s","promisedMinutes":45,"promisedBy":"%s"}"""
                .formatted(g, type, start, FAR)), 400, "promisedBy").body("errors[0].message", containsString("not part of a SERVICE quote"));
        assertEquals(0, stockOf(dc, sku).getInt("reserved"));

        // the same service without the delivery's fields commits
        committed(id("QT-C5"), """
                {"type":"SERVICE","site":"%s","serviceType":"%s","startAt":"%s","promisedMinutes":45}""".formatted(g, type, start));
    }
}
