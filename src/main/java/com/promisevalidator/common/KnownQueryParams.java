package com.promisevalidator.common;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A request takes only the query parameters it declares (the lists: decisions, promises, performance, history outliers,
 * deliveries; the history import; none for the others), each once: JAX-RS ignores an unknown one and takes the first of a repeated
 * one without a word, so a misspelt or extra filter (?verdicts=, ?rep= where there is none) answered an unfiltered list,
 * and a misspelt import option (?replce=true) imported as if it were not there (probe api2 L3).
 */
public class KnownQueryParams {

    private static final String CACHE_BUSTER = "_";

    /** A method's query parameters: name -> may repeat (a collection). */
    private final Map<Method, Map<String, Boolean>> declared = new ConcurrentHashMap<>();

    @ServerRequestFilter
    public void check(ContainerRequestContext ctx, ResourceInfo resource, io.vertx.core.http.HttpServerRequest request) {
        if (resource == null || resource.getResourceMethod() == null) return;
        if (request.query() == null) return; // no query string (a validate, an info): nothing to check, nothing parsed
        Map<String, Boolean> known = declared.computeIfAbsent(resource.getResourceMethod(), KnownQueryParams::queryParams);
        List<FieldError> errors = new ArrayList<>();
        ctx.getUriInfo().getQueryParameters().forEach((name, values) -> {
            if (CACHE_BUSTER.equals(name)) return; // ?_=<time>, as browser libraries add to GETs they must not cache
            Boolean many = known.get(name);
            if (many == null) {
                // a request without options takes none: GET /webhooks?active=false listed every webhook (probe accept L1)
                errors.add(new FieldError(name, "is not a parameter of this request (it takes "
                        + (known.isEmpty() ? "none" : String.join(", ", known.keySet())) + ")"));
            } else if (!many && values.size() > 1) {
                errors.add(new FieldError(name, "is given " + values.size() + " times (" + String.join(", ", values) + "); give it once"));
            }
        });
        // one problem is said in the detail itself ("Query parameter 'dates' is given 2 times (dmy, mdy); give it once")
        if (errors.size() == 1) throw ProblemException.badRequest("Query parameter '" + errors.get(0).field() + "' " + errors.get(0).message(), errors);
        if (!errors.isEmpty()) throw ProblemException.badRequest("The request has " + errors.size() + " unknown or repeated query parameter(s)", errors);
    }

    private static Map<String, Boolean> queryParams(Method m) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (Parameter p : m.getParameters()) {
            QueryParam q = p.getAnnotation(QueryParam.class);
            if (q != null) out.put(q.value(), Collection.class.isAssignableFrom(p.getType()));
        }
        return out;
    }
}
