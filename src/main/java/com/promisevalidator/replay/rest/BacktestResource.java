package com.promisevalidator.replay.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;

import com.promisevalidator.access.rest.BodyLimited;
import com.promisevalidator.common.FieldError;
import com.promisevalidator.common.Limits;
import com.promisevalidator.common.ProblemException;
import com.promisevalidator.common.Roles;
import com.promisevalidator.replay.model.BacktestRequest;
import com.promisevalidator.replay.service.Backtest;
import com.promisevalidator.replay.service.Candidates;
import com.promisevalidator.rules.model.RuleSet;

/** Backtest of a candidate rule set on recorded decisions (ops). */
@BodyLimited
@Path("/api/v1/rules/backtest")
@RolesAllowed({Roles.OPS, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class BacktestResource {

    static final int DEFAULT_EXAMPLES = 20;
    static final int MAX_EXAMPLES = 200;

    private final Candidates candidates;
    private final Backtest backtest;

    public BacktestResource(Candidates candidates, Backtest backtest) {
        this.candidates = candidates;
        this.backtest = backtest;
    }

    @POST
    @APIResponseSchema(value = ReplayViews.BacktestReport.class, responseCode = "200", responseDescription = "The comparison")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> run(BacktestRequest body, @jakarta.ws.rs.core.Context io.vertx.core.http.HttpServerResponse response) {
        if (body == null) throw ProblemException.badRequest("body", "a JSON object {\"files\"?, \"parameters\"?, \"from\", \"to\"} is required");
        List<FieldError> errors = new ArrayList<>();
        Instant from = instant(errors, "from", body.from(), false);
        Instant to = instant(errors, "to", body.to(), true);
        if (from != null && to != null && !from.isBefore(to)) errors.add(new FieldError("to", "must be after from"));
        int examples = body.examples() == null ? DEFAULT_EXAMPLES : body.examples();
        if (examples < 0 || examples > MAX_EXAMPLES) errors.add(new FieldError("examples", "must be 0 to " + MAX_EXAMPLES));
        if (!errors.isEmpty()) throw ProblemException.badRequest("The backtest has " + errors.size() + " invalid field(s)", errors);
        RuleSet candidate = candidates.build(body.files(), body.parameters());
        return backtest.run(candidate, from, to, examples, response::closed); // a caller who hung up stops the run
    }

    /** An ISO instant or offset date-time, or a date (a UTC day: from its start; {@code to} through its end). */
    private static Instant instant(List<FieldError> errors, String field, String text, boolean endOfDay) {
        if (text == null || text.isBlank()) {
            errors.add(new FieldError(field, "is required: an ISO date (2026-12-01) or instant (2026-12-01T10:00:00Z)"));
            return null;
        }
        String t = text.strip();
        try {
            LocalDate day;
            Instant at;
            if (t.length() <= 10) {
                day = LocalDate.parse(t);
                at = (endOfDay ? day.plusDays(1) : day).atStartOfDay().toInstant(ZoneOffset.UTC);
            } else {
                OffsetDateTime odt = OffsetDateTime.parse(t);
                day = odt.toLocalDate();
                at = odt.toInstant();
            }
            if (!Limits.dateInRange(day)) {
                errors.add(new FieldError(field, Limits.dateRangeMessage()));
                return null;
            }
            return at;
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "'" + (t.length() > 40 ? t.substring(0, 40) + "…" : t)
                    + "' must be an ISO date (2026-12-01) or instant (2026-12-01T10:00:00Z)"));
            return null;
        }
    }
}
