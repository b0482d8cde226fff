package com.promisevalidator.history.rest;

import java.io.InputStream;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.promisevalidator.access.rest.BodyLimited;
import com.promisevalidator.history.model.HistoryView;
import com.promisevalidator.common.Roles;
import com.promisevalidator.history.model.ImportResult;
import com.promisevalidator.history.service.HistoryService;

/** Past promises and their outcomes: imported as CSV, looked up, corrected, outliers confirmed. */
@BodyLimited
@Path("/api/v1/history")
@RolesAllowed({Roles.OPS, Roles.ADMIN})
public class HistoryResource {

    private final HistoryService history;

    public HistoryResource(HistoryService history) {
        this.history = history;
    }

    /**
     * {@code replace=true}: a row whose reference is stored already replaces it (else it is a skipped duplicate).
     * {@code sep}: the separator ({@code ;}, {@code ,}, {@code tab}, {@code |}); without it the header row tells.
     * {@code asOf}: when the export was taken (ISO date-time with offset, or a date = its start, UTC); default now.
     * {@code badRows}: {@code refuse} (default: any bad row refuses the file, every bad line listed) or {@code skip}
     * (bad rows are left out and listed with their reasons, the good ones imported). {@code timeZone}: the zone of the
     * sites the file creates (their times written without an offset, and their calendars); known sites keep their own.
     * {@code dates}: {@code dmy} or {@code mdy}, the order of day and month in numeric dates ({@code 04/03/2025 10:15});
     * without it such dates are refused, the reason naming the hint.
     */
    @POST
    @Path("import")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    public ImportResult importCsv(InputStream body, @QueryParam("replace") String replace,
                                  @QueryParam("sep") String sep, @QueryParam("asOf") String asOf, @QueryParam("badRows") String badRows,
                                  @QueryParam("timeZone") String timeZone, @QueryParam("dates") String dates,
                                  @jakarta.ws.rs.HeaderParam("Content-Type") String contentType) throws java.io.IOException {
        // each given once and none unknown (KnownQueryParams); read as text: a bad value is a 400 naming it, not JAX-RS' 404
        boolean replaceRows = com.promisevalidator.common.QueryParams.bool("replace", replace, false);
        boolean skipBad = switch (badRows == null ? "refuse" : badRows.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "refuse" -> false;
            case "skip" -> true;
            default -> throw com.promisevalidator.common.ProblemException.badRequest("badRows", "must be refuse (the default: any bad row refuses the file) or skip (bad rows are left out and listed), not '" + badRows + "'");
        };
        java.time.ZoneId newSites = null;
        if (timeZone != null && !timeZone.isBlank()) {
            try {
                newSites = java.time.ZoneId.of(timeZone.trim());
            } catch (java.time.DateTimeException e) {
                throw com.promisevalidator.common.ProblemException.badRequest("timeZone", "'" + timeZone + "' is not a known time zone (e.g. America/Sao_Paulo)");
            }
        }
        return history.importExport(body.readAllBytes(), contentType, replaceRows, sep, asOf, skipBad, newSites, dates);
    }

    /** Rows flagged as outliers and not yet confirmed (kept out of the statistics), by reference. */
    @GET
    @Path("outliers")
    @Produces(MediaType.APPLICATION_JSON)
    public java.util.List<HistoryView> outliers(@QueryParam("limit") String limitText, @QueryParam("offset") String offsetText) {
        int limit = com.promisevalidator.common.QueryParams.integer("limit", limitText, 100, 1, 1000);
        int offset = com.promisevalidator.common.QueryParams.integer("offset", offsetText, 0, 0, Integer.MAX_VALUE);
        return history.unconfirmedOutliers(limit, offset);
    }

    @GET
    @Path("{reference}")
    @Produces(MediaType.APPLICATION_JSON)
    public HistoryView get(@PathParam("reference") String reference) {
        return history.get(readable(reference));
    }

    /** Removes one row; the statistics follow at once. */
    @DELETE
    @Path("{reference}")
    public Response delete(@PathParam("reference") String reference) {
        history.delete(readable(reference));
        return Response.noContent().build();
    }

    /**
     * import, outliers, rebuild-statistics are fixed paths, never references (the import refuses them): GET, HEAD or
     * DELETE there is the fixed path's 405, its Allow completed by the problem mapper as OPTIONS says, not "no row 'import'".
     */
    private static String readable(String reference) {
        if (com.promisevalidator.history.service.HistoryCsv.UNREADABLE_REFERENCES.contains(reference)
                && !reference.startsWith(".")) throw new jakarta.ws.rs.NotAllowedException(HttpMethod.OPTIONS);
        return reference;
    }

    /** Ops confirm that a row flagged as an outlier is real: from now on it counts in the statistics. */
    @POST
    @Path("{reference}/confirm")
    @Produces(MediaType.APPLICATION_JSON)
    public HistoryView confirm(@PathParam("reference") String reference) {
        return history.confirm(reference);
    }

    /** Rebuilds the past-performance statistics from the raw history (the source of truth). */
    @POST
    @Path("rebuild-statistics")
    @Produces(MediaType.APPLICATION_JSON)
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema(value = RebuildResult.class, responseCode = "200", responseDescription = "Rebuilt")
    public java.util.Map<String, Object> rebuildStatistics() {
        long t0 = System.nanoTime();
        int n = history.rebuildStatistics();
        return java.util.Map.of("observations", n, "millis", (System.nanoTime() - t0) / 1_000_000);
    }
}
