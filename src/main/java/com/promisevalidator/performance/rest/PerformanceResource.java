package com.promisevalidator.performance.rest;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;

import com.promisevalidator.common.Caller;
import com.promisevalidator.common.ProblemException;
import com.promisevalidator.common.Roles;
import com.promisevalidator.performance.service.MasteryService;

/**
 * How well the business keeps its word: kept rate, sample size and the mastery score per rep, site, lane or service.
 * A rep key sees only its own rep group (colleagues' records are theirs); sites, lanes and services are the
 * business's, which its answers' reasons already quote, so a rep reads them whole.
 */
@Path("/api/v1/performance")
@RolesAllowed({Roles.REP, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class PerformanceResource {

    static final String FORMULA = "score = 1 + 9 * max(0, lowerBound - (1 - keptRate) * lateness), where lowerBound is the 80% Wilson "
            + "lower bound of the kept rate and lateness the mean over broken promises of min(1, days late / 7) or min(1, minutes over / 60)";

    private final MasteryService mastery;
    private final Caller caller;

    public PerformanceResource(MasteryService mastery, Caller caller) {
        this.mastery = mastery;
        this.caller = caller;
    }

    @GET
    @APIResponseSchema(value = PerformanceReport.class, responseCode = "200", responseDescription = "The groups")
    public Map<String, Object> performance(@QueryParam("by") String by, @QueryParam("from") String from, @QueryParam("to") String to) {
        if (by == null || by.isBlank()) throw ProblemException.badRequest("by", "is required: rep, site, lane or serviceType");
        LocalDate f = date("from", from);
        LocalDate t = date("to", to);
        if (f != null && t != null && t.isBefore(f)) throw ProblemException.badRequest("to", "is before from");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("by", by);
        out.put("from", f);
        out.put("to", t);
        out.put("formula", FORMULA);
        out.put("groups", mastery.by(by, f, t, caller.restrictedRep()));
        return out;
    }

    private static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) return null;
        try {
            LocalDate d = LocalDate.parse(value);
            if (!com.promisevalidator.common.Limits.dateInRange(d)) {
                throw ProblemException.badRequest(field, com.promisevalidator.common.Limits.dateRangeMessage());
            }
            return d;
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(field, "'" + value + "' is not a date YYYY-MM-DD");
        }
    }
}
