package com.promisevalidator.common;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;

/** RFC 9457 problem details body, with a field-level {@code errors} list for bad input. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public final class Problem {
    public static final String MEDIA_TYPE = "application/problem+json";
    private static final java.util.Set<String> STANDARD = java.util.Set.of("type", "title", "status", "detail", "instance", "errors", "requestId");

    public final String type = "about:blank";
    public final String title;
    public final int status;
    public final String detail;
    public final String instance;
    public final List<FieldError> errors;
    /** The X-Request-Id of the request this answers: quote it when reporting a problem. */
    public final String requestId = RequestIds.current();
    private final Map<String, Object> extra;

    public Problem(String title, int status, String detail, String instance, List<FieldError> errors, Map<String, Object> extra) {
        this.title = title;
        this.status = status;
        this.detail = detail;
        this.instance = instance;
        this.errors = errors;
        this.extra = new LinkedHashMap<>();
        if (extra != null) {
            // an extension member never overrides a standard one (RFC 9457 section 3.2)
            extra.forEach((k, v) -> {
                if (!STANDARD.contains(k)) this.extra.put(k, v);
            });
        }
    }

    @JsonAnyGetter
    public Map<String, Object> extra() {
        return extra;
    }
}
