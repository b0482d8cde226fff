package com.promisevalidator.common;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.promisevalidator.db.DataAccessException;

/** Every error leaves the service as application/problem+json; bad input never becomes a 500. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.status(), e.title(), e.getMessage(), uri, e.errors(), e);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        if (e instanceof JsonMappingException m && m.getCause() instanceof ProblemException p) return problem(p, uri);
        FieldError error = JsonErrors.fieldError(e);
        return respond(400, "Bad request", "Invalid request body: " + error.field() + ": " + error.message(), uri,
                List.of(error), null);
    }

    // Quarkus REST has its own mappers for these Jackson subtypes; ours must be at least as specific.
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response parse(JsonParseException e, UriInfo uri) {
        return json(e, uri);
    }

    /** A valid key without the right (@RolesAllowed or an HTTP permission checked in REST). */
    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e, UriInfo uri) {
        return respond(403, "Forbidden", "This API key does not allow this request.", uri, null, null);
    }

    /** No key or an unknown one; normally answered before REST by the authentication mechanism. */
    @ServerExceptionMapper
    public Response unauthorized(io.quarkus.security.UnauthorizedException e, UriInfo uri) {
        return Response.status(401).header("WWW-Authenticate", "X-API-Key").type(Problem.MEDIA_TYPE)
                .entity(new Problem("Unauthorized", 401, "A valid API key is required in the X-API-Key header.",
                        uri == null ? null : uri.getPath(), null, null)).build();
    }

    @ServerExceptionMapper
    public Response authFailed(io.quarkus.security.AuthenticationFailedException e, UriInfo uri) {
        return unauthorized(new io.quarkus.security.UnauthorizedException(), uri);
    }

    @ServerExceptionMapper
    public Response unrecognized(UnrecognizedPropertyException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response constraints(StreamConstraintsException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response coercion(InputCoercionException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response constraint(ConstraintViolationException e, UriInfo uri) {
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            errors.add(new FieldError(leaf(v.getPropertyPath().toString()), v.getMessage()));
        }
        errors.sort((a, b) -> a.field().compareTo(b.field()));
        return respond(400, "Bad request", "The request has " + errors.size() + " invalid field(s)", uri, errors, null);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri, jakarta.ws.rs.core.Request request, jakarta.ws.rs.core.HttpHeaders headers) {
        if (e.getCause() instanceof JsonProcessingException j) return json(j, uri); // a body Quarkus could not read
        int status = e.getResponse().getStatus();
        String title = Response.Status.fromStatusCode(status) != null ? Response.Status.fromStatusCode(status).getReasonPhrase() : "Error";
        String path = uri == null ? "this path" : uri.getPath();
        String allow = e.getResponse().getHeaderString("Allow");
        // a 405 says what the path takes, as OPTIONS does (OPTIONS included), whatever the thrower listed
        // the path as matched, not decoded: an encoded slash (/sites/A%2FB) stays inside its one segment
        String known = status == 405 && uri != null ? AllowedMethods.at(AllowedMethods.rawPath(uri)) : null;
        if (known != null) allow = known;
        // JAX-RS' own messages ("HTTP 404 Not Found") say nothing the status does not: say what to do instead
        String detail = switch (status) {
            case 404 -> "There is nothing at " + path + "; the API is described at /q/openapi and /q/swagger-ui.";
            case 405 -> request.getMethod() + " is not allowed on " + path + (allow == null ? "" : "; allowed: " + allow) + ".";
            case 406 -> "This resource answers application/json (errors application/problem+json); ask for one of those in Accept.";
            // the raw header: parsing it again would throw on the very garbage that caused the 415
            case 415 -> "Content-Type " + contentType(headers)
                    + " is not accepted here; send " + (path.endsWith("/history/import") ? "text/csv" : "application/json") + ".";
            default -> status >= 500 ? "Something went wrong on our side; it has been logged." : title + ".";
        };
        Response r = respond(status, title, detail, uri, null, null);
        if (allow != null) r.getHeaders().putSingle("Allow", allow);
        return r;
    }

    private static String contentType(jakarta.ws.rs.core.HttpHeaders headers) {
        String t = headers == null ? null : headers.getHeaderString("Content-Type");
        if (t == null || t.isBlank()) return "(none)";
        return t.length() > 80 ? t.substring(0, 80) + "…" : t;
    }

    @ServerExceptionMapper
    public Response database(DataAccessException e, UriInfo uri) {
        if (!e.isTransient()) return unexpected(e, uri); // a constraint or SQL error is our bug, not an outage
        LOG.error("database failure", e);
        return Response.status(503).header("Retry-After", "2").type(Problem.MEDIA_TYPE)
                .entity(new Problem("Service unavailable", 503, "The database is not available right now; retry shortly.",
                        uri.getPath(), null, null)).build();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        LOG.error("unexpected failure on " + uri.getPath(), e);
        return respond(500, "Internal error", "Something went wrong on our side; it has been logged.", uri, null, null);
    }

    private static Response respond(int status, String title, String detail, UriInfo uri, List<FieldError> errors, ProblemException p) {
        Problem body = new Problem(title, status, detail, uri == null ? null : uri.getPath(), errors, p == null ? null : p.extra());
        Response.ResponseBuilder r = Response.status(status).type(Problem.MEDIA_TYPE).entity(body);
        if (p != null && p.retryAfterSeconds() != null) r.header("Retry-After", p.retryAfterSeconds().toString());
        else if (status == 503) r.header("Retry-After", "1");
        return r.build();
    }

    /**
     * Hibernate Validator paths look like "method.parameter.field[0].sub", "method.body.map[key].<map value>" or, for
     * a bad key, "method.body.map<K>[key].<map key>": keep what the caller sent, as a JSON path ("field[0].sub", "map.key").
     */
    static String leaf(String path) {
        String[] parts = path.split("\\.", 3);
        String p = parts.length == 3 ? parts[2] : parts[parts.length - 1];
        return p.replaceAll("\\.?<(?:[a-z ]+|K)>", "").replaceAll("\\[([^\\]0-9][^\\]]*)\\]", ".$1");
    }
}
