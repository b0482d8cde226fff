package com.promisevalidator.api;

import static com.promisevalidator.TestDates.at;
import static com.promisevalidator.TestDates.date;
import static com.promisevalidator.api.ApiTestSupport.CSV_HEADER;
import static com.promisevalidator.api.ApiTestSupport.assertFieldProblem;
import static com.promisevalidator.api.ApiTestSupport.id;
import static com.promisevalidator.api.ApiTestSupport.postCsv;
import static com.promisevalidator.api.ApiTestSupport.postJson;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Probe P12 L6: rep names took control characters (a terminal escape, a line break) as they were. A rep, a customer and
 * a quote id are names: a control character in one is a 400 naming the field (or the import's line).
 */
@QuarkusTest
class ControlCharactersApiTest {

    private static String quote(String field, String value) {
        return "{\"type\":\"DELIVERY\",\"site\":\"" + id("CTL-NONE") + "\",\"region\":\"RJ\",\"" + field + "\":\"" + value + "\"}";
    }

    @Test
    void aNameWithAControlCharacterIsRefusedNamingTheField() {
        for (String[] c : new String[][]{{"rep", "ev\\u001b[31mRED"}, {"customer", "ACME\\nInc"}, {"quoteId", "Q\\t1"},
                {"rep", "carol\\u0085"}}) {
            assertFieldProblem(postJson("/api/v1/promises/validate", quote(c[0], c[1])), 400, c[0])
                    .body("errors.find { it.field == '" + c[0] + "' }.message", containsString("control characters"));
        }
        // the same quote in a batch: that quote's problem, in its place
        postJson("/api/v1/promises/validate-batch", "{\"quotes\":[" + quote("rep", "a\\u0007b") + "]}").statusCode(200)
                .body("results[0].status", org.hamcrest.Matchers.equalTo(400))
                .body("results[0].errors.field", org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers.endsWith("rep")));
    }

    /** Probe rep L5: "evil" behind a right-to-left override read "live" in My promises. Text-direction controls are refused in names; marks stay. */
    @Test
    void aNameWithATextDirectionControlIsRefused() {
        for (String[] c : new String[][]{{"customer", "ACME \\u202Eevil\\u202C"}, {"rep", "al\\u2066ice"}}) {
            assertFieldProblem(postJson("/api/v1/promises/validate", quote(c[0], c[1])), 400, c[0])
                    .body("errors.find { it.field == '" + c[0] + "' }.message", containsString("text-direction controls"));
        }
        // a right-to-left mark is not refused: the quote goes on to its unknown site
        postJson("/api/v1/promises/validate", quote("customer", "\u05E9\u05DC\u05D5\u05DD \\u200F(ACME)")).statusCode(422)
                .body("errors.field", org.hamcrest.Matchers.contains("site"));
    }

    @Test
    void anImportedRepWithControlCharactersIsKeptWithoutThem() {
        // a real export's row is not refused for it (one such row would fail the whole import): the controls become spaces
        String site = id("CTL-DC"), region = id("CTL-R"), ref = id("CTL-H1");
        String row = "DELIVERY," + ref + "," + site + "," + region + ",,ev\u001b]0;pwn\u0085," + at(-30, "10:00") + ","
                + date(-25) + "," + at(-27, "15:00") + ",,,1";
        postCsv(CSV_HEADER + "\n" + row + "\n").statusCode(200).body("imported", org.hamcrest.Matchers.equalTo(1));
        io.restassured.RestAssured.given().get("/api/v1/history/" + ref).then().statusCode(200)
                .body("rep", org.hamcrest.Matchers.equalTo("ev ]0;pwn"));
    }
}
