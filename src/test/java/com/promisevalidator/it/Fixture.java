package com.promisevalidator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.promisevalidator.TestDates;

/** A site with a lane and one stocked SKU, under codes unique to the run, and the commit body for it. */
record Fixture(String site, String region, String sku) {

    static final ObjectMapper JSON = new ObjectMapper();

    static Fixture unique(String prefix) {
        String s = ServiceProcess.uniqueSuffix();
        return new Fixture(prefix + "-S-" + s, prefix + "-R-" + s, prefix + "-K-" + s);
    }

    /** PUT the site (orders capacity 100000), the lane (2 transit days) and {@code onHand} units with no inbound. */
    void create(ServiceProcess sp, int onHand) {
        expect(200, sp.put("/api/v1/sites/" + site, """
                {"name":"IT site","timeZone":"America/Sao_Paulo","cutoff":"14:00",
                 "workingDays":["MON","TUE","WED","THU","FRI"],"dailyCapacity":{"orders":100000}}"""));
        expect(200, sp.put("/api/v1/sites/" + site + "/lanes/" + region, "{\"transitDays\":2}"));
        expect(200, sp.put("/api/v1/sites/" + site + "/stock/" + sku, "{\"onHand\":" + onHand + ",\"inbound\":[]}"));
    }

    /**
     * A full delivery quote of {@code quantity} units with the chosen promise, ordered now. The packaged service
     * runs on the real clock, so the dates are the real ones: ordered now, promised 19 days out, which holds
     * from any day and hour (at most three days to the next shipping day, two days in transit).
     */
    String commitBody(int quantity) {
        return """
                {"quote":{"type":"DELIVERY","site":"%s","region":"%s","lines":[{"sku":"%s","quantity":%d}],
                          "orderedAt":"%s"},
                 "promisedBy":"%s","site":"%s"}""".formatted(site, region, sku, quantity, TestDates.realNow(),
                TestDates.realDate(19), site);
    }

    /** A delivery quote of {@code quantity} units from the site, without dates (the answer is the best promise). */
    String quoteBody(int quantity) {
        return """
                {"type":"DELIVERY","site":"%s","region":"%s","lines":[{"sku":"%s","quantity":%d}]}""".formatted(site, region, sku, quantity);
    }

    /** PUT a service type at the site: {@code bays} bays, open around the clock, 30 standard minutes. */
    void createService(ServiceProcess sp, String type, int bays) {
        expect(200, sp.put("/api/v1/sites/" + site + "/services/" + type,
                "{\"bays\":" + bays + ",\"openingHours\":\"00:00-24:00\",\"standardMinutes\":30}"));
    }

    /** The stock as the instance sees it now, or null when it does not know the site or SKU (yet). */
    JsonNode stockIfKnown(ServiceProcess sp) {
        HttpResponse<String> r = sp.get("/api/v1/sites/" + site + "/stock/" + sku);
        return r.statusCode() == 200 ? parse(r.body()) : null;
    }

    JsonNode stock(ServiceProcess sp) {
        return expect(200, sp.get("/api/v1/sites/" + site + "/stock/" + sku));
    }

    static JsonNode expect(int status, HttpResponse<String> r) {
        assertEquals(status, r.statusCode(), () -> r.request().method() + " " + r.request().uri() + " -> " + r.statusCode() + ": " + r.body());
        return parse(r.body());
    }

    static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
