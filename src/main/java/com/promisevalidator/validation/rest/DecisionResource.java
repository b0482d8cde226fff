package com.promisevalidator.validation.rest;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import com.promisevalidator.common.FieldError;
import com.promisevalidator.common.Limits;
import com.promisevalidator.common.ProblemException;
import com.promisevalidator.common.QueryParams;
import com.promisevalidator.common.Roles;
import com.promisevalidator.validation.facts.ReasonCode;
import com.promisevalidator.validation.model.DecisionKind;
import com.promisevalidator.validation.model.DecisionPage;
import com.promisevalidator.validation.model.DecisionView;
import com.promisevalidator.validation.model.Verdict;
import com.promisevalidator.validation.service.DecisionLog;
import com.promisevalidator.validation.service.DecisionSearch;

/** The decision log, read back by ops: one decision by id, or a filtered list, newest first. */
@Path("/api/v1/decisions")
@RolesAllowed({Roles.OPS, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class DecisionResource {

    /** The shape of a decision id (a UUID); anything else is not found without asking the database. */
    private static final Pattern ID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final DecisionLog log;
    private final DecisionSearch search;

    public DecisionResource(DecisionLog log, DecisionSearch search) {
        this.log = log;
        this.search = search;
    }

    @GET
    @Path("{decisionId}")
    public DecisionView get(@PathParam("decisionId") String decisionId) {
        if (!ID.matcher(decisionId).matches()) throw notFound(decisionId);
        return log.view(decisionId).orElseThrow(() -> notFound(decisionId));
    }

    private static ProblemException notFound(String id) {
        return ProblemException.notFound("Decision " + (id.length() > 40 ? id.substring(0, 40) + "…" : id) + " does not exist");
    }

    @GET
    public DecisionPage list(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("verdict") String verdict,
                             @QueryParam("code") String code, @QueryParam("site") String site, @QueryParam("rep") String rep,
                             @QueryParam("kind") String kind, @QueryParam("limit") String limitText,
                             @QueryParam("offset") String offsetText, @Context UriInfo uri) {
        List<FieldError> errors = new ArrayList<>();
        Instant fromAt = instant(errors, "from", from, false);
        Instant toAt = instant(errors, "to", to, true);
        if (fromAt != null && toAt != null && !fromAt.isBefore(toAt)) errors.add(new FieldError("to", "must be after from"));
        Verdict v = choice(errors, "verdict", verdict, Verdict.class);
        DecisionKind k = choice(errors, "kind", kind, DecisionKind.class);
        // the codes are a closed list (rules can only emit these): a typo is a 400, not an empty page that reads as "no such
        // decisions" (probe P13 L2); any case, as verdict, kind and a promise's status
        ReasonCode rc = choice(errors, "code", code, ReasonCode.class);
        String c = rc == null ? null : rc.name();
        String s = blankToNull(site), r = blankToNull(rep);
        Limits.text(errors, "site", s, Limits.CODE);
        Limits.text(errors, "rep", r, Limits.REP);
        int limit = 0, offset = 0;
        try {
            limit = QueryParams.integer("limit", limitText, 100, 1, Limits.MAX_PAGE);
        } catch (ProblemException e) {
            errors.addAll(e.errors());
        }
        try {
            offset = QueryParams.integer("offset", offsetText, 0, 0, 10_000_000);
        } catch (ProblemException e) {
            errors.addAll(e.errors());
        }
        if (!errors.isEmpty()) throw ProblemException.badRequest("The decision filter has " + errors.size() + " invalid parameter(s)", errors);

        DecisionSearch.Page page = search.list(new DecisionSearch.Filter(fromAt, toAt, v, c, s, r, k), limit, offset);
        String next = null;
        if (page.more()) {
            var b = uri.getRequestUriBuilder().replaceQueryParam("offset", offset + limit).replaceQueryParam("limit", limit);
            // the log grows with every answer: the next pages end where this one began, or new decisions would shift them
            if (toAt == null && page.newest() != null) b.replaceQueryParam("to", page.newest().plusNanos(1_000).toString());
            URI u = b.build();
            next = u.getRawPath() + "?" + u.getRawQuery();
        }
        return new DecisionPage(page.decisions(), limit, offset, next);
    }

    /** An ISO instant or offset date-time, or a date (a UTC day: from its start; {@code to} through its end). */
    private static Instant instant(List<FieldError> errors, String field, String text, boolean endOfDay) {
        String t = blankToNull(text);
        if (t == null) return null;
        LocalDate day = null;
        Instant at = null;
        try {
            if (t.length() <= 10) {
                day = LocalDate.parse(t);
                at = (endOfDay ? day.plusDays(1) : day).atStartOfDay().toInstant(ZoneOffset.UTC);
            } else {
                OffsetDateTime odt = OffsetDateTime.parse(t);
                day = odt.toLocalDate();
                at = odt.toInstant();
            }
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "'" + shorten(t) + "' must be an ISO date (2026-12-01) or instant (2026-12-01T10:00:00Z)"));
            return null;
        }
        if (!Limits.dateInRange(day)) {
            errors.add(new FieldError(field, Limits.dateRangeMessage()));
            return null;
        }
        return at;
    }

    private static <E extends Enum<E>> E choice(List<FieldError> errors, String field, String text, Class<E> type) {
        String t = blankToNull(text);
        if (t == null) return null;
        try {
            return Enum.valueOf(type, t.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "'" + shorten(t) + "' must be one of " + java.util.Arrays.toString(type.getEnumConstants())));
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
