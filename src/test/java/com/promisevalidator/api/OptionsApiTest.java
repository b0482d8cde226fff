package com.promisevalidator.api;

import static com.promisevalidator.api.ApiTestSupport.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import com.promisevalidator.access.AdminKeyByDefault;

import io.quarkus.test.junit.QuarkusTest;

/**
 * OPTIONS answers with the methods the path really takes (the same as a 405's Allow, plus OPTIONS), not with every
 * method of the resource class behind it.
 */
@QuarkusTest
class OptionsApiTest {

    private static String allow(String path) {
        return given().when().options(path).then().statusCode(200).extract().header("Allow");
    }

    @Test
    void optionsListsThePathsOwnMethods() {
        // the validation endpoints share PromiseResource with /promises/{id} (GET, DELETE): they take only POST
        given().when().options("/api/v1/promises/validate").then().statusCode(200).header("Allow", equalTo("OPTIONS, POST"));
        given().when().options("/api/v1/promises/validate-batch").then().statusCode(200).header("Allow", equalTo("OPTIONS, POST"));
        given().when().options("/api/v1/promises/P-anything").then().statusCode(200).header("Allow", equalTo("DELETE, GET, HEAD, OPTIONS"));
        given().when().options("/api/v1/promises/P-anything/outcome").then().statusCode(200).header("Allow", equalTo("OPTIONS, POST"));
        given().when().options("/api/v1/promises").then().statusCode(200).header("Allow", equalTo("GET, HEAD, OPTIONS, POST"));
        given().when().options("/api/v1/sites/ANY-SITE").then().statusCode(200).header("Allow", equalTo("GET, HEAD, OPTIONS, PUT"));
        given().when().options("/api/v1/sites").then().statusCode(200).header("Allow", equalTo("GET, HEAD, OPTIONS"));
    }

    @Test
    void optionsAgreesWithTheAllowOfA405() {
        // the same list: a 405's Allow names OPTIONS too, since OPTIONS is answered on every API path
        for (String path : new String[] {"/api/v1/rules", "/api/v1/sites/ANY-SITE/services/ANY-TYPE", "/api/v1/history/import",
                "/api/v1/promises/validate"}) {
            String of405 = assertProblem(given().when().patch(path).then(), 405).extract().header("Allow");
            org.junit.jupiter.api.Assertions.assertEquals(allow(path), of405, path);
        }
        // also where the resource itself refuses the method (GET of /promises/validate would match /promises/{id})
        org.junit.jupiter.api.Assertions.assertEquals(allow("/api/v1/promises/validate"),
                assertProblem(given().when().get("/api/v1/promises/validate").then(), 405).extract().header("Allow"));
    }

    @Test
    void optionsStillNeedsAKeyAndAPathNothingServesIsStill404() {
        assertProblem(given().header(AdminKeyByDefault.HEADER, AdminKeyByDefault.NO_KEY).when().options("/api/v1/sites/ANY-SITE").then(), 401);
        assertProblem(given().when().options("/api/v1/nothing-here").then(), 404);
    }

    @Test
    void optionsOnAPathNoTemplateMatchesWhollyIs404() {
        // under a resource's root, but no whole template matches ({param} is one segment): 404, not the class' methods
        for (String path : new String[] {"/api/v1/promises/x/y", "/api/v1/rules/nope", "/api/v1/sites/SPX/nope",
                "/api/v1/sites/SPX/services", "/api/v1/promises/validate/x", "/api/v1/history/a/b", "/api/v1/history/import/x",
                "/api/v1/webhooks/a/b", "/api/v1/decisions/a/b", "/api/v1/sites/SPX/stock/SKU-1/x"}) {
            assertProblem(given().when().options(path).then(), 404);
            assertProblem(given().when().get(path).then(), 404);
        }
    }

    @Test
    void anEncodedSlashStaysInItsSegmentFor405AndOptions() {
        // %2F is one segment for JAX-RS matching: the 405 names the same Allow as OPTIONS
        String site = "/api/v1/sites/A%2FB";
        String allowSite = given().urlEncodingEnabled(false).when().options(site).then().statusCode(200).extract().header("Allow");
        org.junit.jupiter.api.Assertions.assertEquals("GET, HEAD, OPTIONS, PUT", allowSite);
        assertProblem(given().urlEncodingEnabled(false).when().patch(site).then(), 405).header("Allow", equalTo(allowSite));
        String confirm = "/api/v1/history/a%2Fb/confirm";
        String allowConfirm = given().urlEncodingEnabled(false).when().options(confirm).then().statusCode(200).extract().header("Allow");
        org.junit.jupiter.api.Assertions.assertEquals("OPTIONS, POST", allowConfirm);
        assertProblem(given().urlEncodingEnabled(false).when().get(confirm).then(), 405).header("Allow", equalTo(allowConfirm));
    }

    @Test
    void historyFixedWordsAre405WithTheAllowOfOptionsNotAMissingRow() {
        // import, rebuild-statistics and outliers can never be references: GET/DELETE/HEAD there are 405, not "no row 'import'"
        for (String path : new String[] {"/api/v1/history/import", "/api/v1/history/rebuild-statistics"}) {
            String allow = allow(path);
            org.junit.jupiter.api.Assertions.assertEquals("OPTIONS, POST", allow, path);
            assertProblem(given().when().get(path).then(), 405).header("Allow", equalTo(allow));
            assertProblem(given().when().delete(path).then(), 405).header("Allow", equalTo(allow));
            given().when().head(path).then().statusCode(405).header("Allow", equalTo(allow));
        }
        String outliers = "/api/v1/history/outliers";
        org.junit.jupiter.api.Assertions.assertEquals("GET, HEAD, OPTIONS", allow(outliers));
        assertProblem(given().when().delete(outliers).then(), 405).header("Allow", equalTo(allow(outliers)));
    }
}
