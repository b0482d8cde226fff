package com.promisevalidator.history.rest;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.promisevalidator.common.Roles;
import com.promisevalidator.history.model.ImportResult;
import com.promisevalidator.history.service.HistoryService;

/** Past promises and their outcomes, imported as CSV. */
@Path("/api/v1/history")
@RolesAllowed({Roles.OPS, Roles.ADMIN})
public class HistoryResource {

    private final HistoryService history;

    public HistoryResource(HistoryService history) {
        this.history = history;
    }

    @POST
    @Path("import")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    public ImportResult importCsv(InputStream body) {
        return history.importCsv(new InputStreamReader(body, StandardCharsets.UTF_8));
    }

    /** Rebuilds the past-performance statistics from the raw history (the source of truth). */
    @POST
    @Path("rebuild-statistics")
    @Produces(MediaType.APPLICATION_JSON)
    public java.util.Map<String, Object> rebuildStatistics() {
        long t0 = System.nanoTime();
        int n = history.rebuildStatistics();
        return java.util.Map.of("observations", n, "millis", (System.nanoTime() - t0) / 1_000_000);
    }
}
