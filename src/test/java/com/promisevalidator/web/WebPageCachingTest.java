package com.promisevalidator.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The page's files have unversioned names, so a browser must revalidate them on every use (no-cache, never immutable)
 * and the revalidation is cheap: the same Last-Modified back answers 304 without a body.
 */
@QuarkusTest
class WebPageCachingTest {

    @Test
    void thePageIsRevalidatedNotKeptForADay() {
        for (String path : new String[]{"/", "/index.html", "/app.js", "/app.css"}) {
            String lastModified = given().when().get(path).then().statusCode(200)
                    .header("Cache-Control", equalTo("no-cache"))
                    .header("Cache-Control", not(containsString("immutable")))
                    .header("Last-Modified", notNullValue())
                    .extract().header("Last-Modified");
            given().header("If-Modified-Since", lastModified).when().get(path).then().statusCode(304)
                    .body(emptyOrNullString());
        }
    }

    /** The page's files go gzipped to a browser that asks (docs1 L5: 60 kB of script went as it was); answers of the API do not. */
    @Test
    void thePageGoesCompressedAndTheApiAsItIs() {
        for (String path : new String[]{"/", "/app.js", "/app.css"}) {
            given().header("Accept-Encoding", "gzip").when().get(path).then().statusCode(200)
                    .header("Content-Encoding", equalTo("gzip"));
        }
        given().header("Accept-Encoding", "gzip").header("X-API-Key", "test-key-alice").when().get("/api/v1/info").then()
                .statusCode(200).header("Content-Encoding", not(equalTo("gzip")));
    }

    /** The header is the page's: API and health answers keep their own. */
    @Test
    void apiAndHealthAnswersAreNotTouched() {
        for (String path : new String[]{"/api/v1/info", "/q/health/live"}) {
            given().header("X-API-Key", "test-key-alice").when().get(path).then()
                    .header("Cache-Control", not(equalTo("no-cache")));
        }
    }
}
