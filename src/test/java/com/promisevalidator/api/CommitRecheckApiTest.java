package com.promisevalidator.api;

import static com.promisevalidator.TestDates.date;
import static com.promisevalidator.api.ApiTestSupport.assertFieldProblem;
import static com.promisevalidator.api.ApiTestSupport.id;
import static com.promisevalidator.api.ApiTestSupport.putJson;
import static com.promisevalidator.api.CommitTestSupport.FAR;
import static com.promisevalidator.api.CommitTestSupport.ORDERED_AT;
import static com.promisevalidator.api.CommitTestSupport.commit;
import static com.promisevalidator.api.CommitTestSupport.committed;
import static com.promisevalidator.api.CommitTestSupport.delivery;
import static com.promisevalidator.api.CommitTestSupport.earliest;
import static com.promisevalidator.api.CommitTestSupport.promise;
import static com.promisevalidator.api.CommitTestSupport.stockOf;
import static com.promisevalidator.api.CommitTestSupport.validate;
import static com.promisevalidator.api.CommitTestSupport.warehouse;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A commit re-checks the promise it books, not only that the order can be served at all: when what the answer counted
 * on was taken in between, the commit is capacity gone (409 with what holds now), never a promise booked at a chance
 * the answer did not give. A commit by decisionId books a promise that answer offered.
 */
@QuarkusTest
class CommitRecheckApiTest {

    private static String quoteWithoutLines(String quoteId, String site, String region, String promisedBy) {
        return """
                {"type":"DELIVERY","quoteId":"%s","rep":"alice","customer":"ACME","site":"%s","region":"%s",
                 "orderedAt":"%s","promisedBy":"%s"}""".formatted(quoteId, site, region, ORDERED_AT, promisedBy);
    }

    @Test
    void stockTakenWhileLaterSupplyIsDueIs409NotAPromiseDueBeforeItShips() {
        String dc = id("RC1-DC"), region = id("RC1-R"), sku = id("RC1-SKU");
        warehouse(dc, region, 100);
        putJson("/api/v1/sites/" + dc + "/stock/" + sku, """
                {"onHand":5,"inbound":[{"quantity":20,"arrives":"%s"}]}""".formatted(date(8))).statusCode(200);
        JsonPath answer = validate(delivery(id("RC1-Q"), "alice", dc, region, sku, 5, date(4))).extract().jsonPath();
        assertEquals("APPROVED", answer.getString("verdict"));

        committed(id("RC1-OTHER"), delivery(id("RC1-Q2"), "alice", dc, region, sku, 5, FAR)); // another order takes the 5 on hand

        commit(id("RC1-K"), "{\"decisionId\":\"" + answer.getString("decisionId") + "\"}").statusCode(409)
                .body("title", containsString("Capacity gone"))
                .body("detail", containsString("at the earliest now"))
                .body("recommended.promisedBy", notNullValue());
        assertEquals(5, stockOf(dc, sku).getInt("reserved")); // only the other order's
        // the same promise as a full quote body is refused too: it is due before the inbound can leave
        commit(id("RC1-K2"), delivery(id("RC1-Q3"), "alice", dc, region, sku, 5, date(4))).statusCode(409);
        assertEquals(5, stockOf(dc, sku).getInt("reserved"));
    }

    @Test
    void aDispatchDayTakenInBetweenIs409WhenTheChanceFallsBelowTarget() {
        String dc = id("RC2-DC"), region = id("RC2-R");
        warehouse(dc, region, 1); // one order a day
        // the earliest date the lane gives leaving on day(0): day(2) (day(3) when other tests make "deliveries everywhere slower")
        String date = earliest(quoteWithoutLines(id("RC2-Q0"), dc, region, null));
        JsonPath answer = validate(quoteWithoutLines(id("RC2-Q"), dc, region, date)).extract().jsonPath();
        assertEquals("APPROVED", answer.getString("verdict"));

        committed(id("RC2-OTHER"), quoteWithoutLines(id("RC2-Q2"), dc, region, FAR)); // takes day(0), the only slot

        commit(id("RC2-K"), "{\"decisionId\":\"" + answer.getString("decisionId") + "\"}").statusCode(409)
                .body("detail", containsString("chance of being kept fell")).body("title", org.hamcrest.Matchers.equalTo("Promise no longer holds"))
                .body("decisionId", notNullValue());
    }

    @Test
    void a409OffersTheOtherSitesThatStillKeepTheDateAsValidateDoes() {
        String full = id("RC2B-DC"), free = id("RC2B-DC2"), region = id("RC2B-R");
        warehouse(full, region, 1); // one order a day
        warehouse(free, region, 100);
        String date = earliest(quoteWithoutLines(id("RC2B-Q0"), full, region, null)); // day(2), or day(3) (see above)
        JsonPath answer = validate(quoteWithoutLines(id("RC2B-Q"), full, region, date)).extract().jsonPath();
        assertEquals("APPROVED", answer.getString("verdict"));
        committed(id("RC2B-OTHER"), quoteWithoutLines(id("RC2B-Q2"), full, region, FAR)); // takes day(0), the only slot

        JsonPath gone = commit(id("RC2B-K"), "{\"decisionId\":\"" + answer.getString("decisionId") + "\"}").statusCode(409)
                .extract().jsonPath();
        // the other site keeps the customer's date: the 409 offers it, as validating the quote now does
        assertEquals(full, gone.getString("recommended.site"));
        assertEquals(List.of(free), gone.getList("alternatives.site"));
        assertEquals(List.of(date), gone.getList("alternatives.promisedBy"));
        JsonPath now = validate(quoteWithoutLines(id("RC2B-Q3"), full, region, date)).extract().jsonPath();
        assertEquals(now.getList("alternatives.site"), gone.getList("alternatives.site"));
        // its decisionId alone still commits the recommended promise of the asked site
        String promiseId = committed(id("RC2B-K2"), "{\"decisionId\":\"" + gone.getString("decisionId") + "\"}");
        assertEquals(full, promise(promiseId).getString("site"));
        assertEquals(gone.getString("recommended.promisedBy"), promise(promiseId).getString("promisedBy"));
    }

    @Test
    void aDecisionCommitsOnlyPromisesItOffered() {
        String dc = id("RC3-DC"), region = id("RC3-R");
        warehouse(dc, region, 100);
        JsonPath answer = validate(quoteWithoutLines(id("RC3-Q"), dc, region, date(1))).extract().jsonPath();
        assertEquals("ALTERNATIVE", answer.getString("verdict")); // the lane takes 2 days
        String decision = answer.getString("decisionId");

        // a date the answer never held is not committed under its decision
        assertFieldProblem(commit(id("RC3-K1"), "{\"decisionId\":\"" + decision + "\",\"site\":\"" + dc + "\",\"promisedBy\":\"" + date(20) + "\"}"),
                422, "promisedBy").body("detail", containsString("did not offer"));

        // the recommended promise, named explicitly, is one it offered
        String recommended = answer.getString("recommended.promisedBy");
        String id = committed(id("RC3-K2"), "{\"decisionId\":\"" + decision + "\",\"site\":\"" + dc + "\",\"promisedBy\":\"" + recommended + "\"}");
        assertEquals(recommended, promise(id).getString("promisedBy"));
        assertTrue(promise(id).getDouble("confidence") >= 0.9);
    }
}
