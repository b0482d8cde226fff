package com.promisevalidator.access;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * Every @QuarkusTest request sends the test admin key unless it sets X-API-Key itself; a request that
 * sets it to {@link #NO_KEY} is sent without the header. A filter (not a default request
 * specification, which would also pin the port RestAssured had when it was built) adds the header
 * only when the request has none, so it is never sent twice. Registered for every test class
 * through META-INF/services.
 */
public class AdminKeyByDefault implements QuarkusTestBeforeEachCallback {

    public static final String HEADER = "X-API-Key";
    public static final String ADMIN = "test-key-admin";
    /** Header value meaning "send no X-API-Key at all". */
    public static final String NO_KEY = "<none>";

    private static final Filter FILTER = new DefaultKey();

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        install();
    }

    public static synchronized void install() {
        if (!RestAssured.filters().contains(FILTER)) RestAssured.filters(FILTER);
    }

    private static final class DefaultKey implements Filter {
        @Override
        public Response filter(FilterableRequestSpecification req, FilterableResponseSpecification res, FilterContext ctx) {
            String key = req.getHeaders().getValue(HEADER);
            if (key == null) req.header(HEADER, ADMIN);
            else if (NO_KEY.equals(key)) req.removeHeader(HEADER);
            return ctx.next(req, res);
        }
    }
}
