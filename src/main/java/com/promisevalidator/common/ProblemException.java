package com.promisevalidator.common;

import java.util.List;
import java.util.Map;

/**
 * The one domain exception: carries an HTTP status and an RFC 9457 problem body. Services throw it,
 * {@link ProblemMappers} renders it; nothing else in the code builds error responses.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<FieldError> errors;
    private final Map<String, Object> extra;

    public ProblemException(int status, String title, String detail, List<FieldError> errors, Map<String, Object> extra) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.extra = extra == null ? Map.of() : Map.copyOf(extra);
    }

    private Integer retryAfterSeconds;

    /** The same problem, answered with a Retry-After of {@code seconds} (at least 1): when trying again can succeed. */
    public ProblemException retryAfter(long seconds) {
        this.retryAfterSeconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, seconds));
        return this;
    }

    /** Seconds for a Retry-After header; null when none is said. */
    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** 400: the request is malformed; each field error says what and where. */
    public static ProblemException badRequest(String detail, List<FieldError> errors) {
        return new ProblemException(400, "Bad request", detail, errors, null);
    }

    public static ProblemException badRequest(String field, String message) {
        return badRequest(message, List.of(new FieldError(field, message)));
    }

    /** 422: well-formed, but names something the service does not know (site, region, SKU...). */
    public static ProblemException unknown(String field, String what, String value) {
        String msg = "Unknown " + what + " '" + value + "'";
        return new ProblemException(422, "Unknown reference", msg, List.of(new FieldError(field, msg)), null);
    }

    public static ProblemException unprocessable(String detail, List<FieldError> errors) {
        return new ProblemException(422, "Unprocessable request", detail, errors, null);
    }

    /** 403: the key is valid but may not do this. */
    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "Forbidden", detail, null, null);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not found", detail, null, null);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Map<String, Object> extra() {
        return extra;
    }
}
