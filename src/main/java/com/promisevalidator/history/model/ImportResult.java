package com.promisevalidator.history.model;

import java.util.List;

/**
 * Counts returned by a history import: rows read, new rows stored, outcomes added to rows stored
 * earlier without one, rows already known (skipped), rows replaced ({@code ?replace=true}), the sites
 * and regions created on the way, and the rows flagged as outliers (stored, but kept out of the
 * statistics until confirmed). {@code asOf}: when the export was taken (UTC; {@code ?asOf=}, default now), the time its
 * open rows were known open; {@code openTooOld}: new open rows already open longer than the planning horizon then,
 * counted as lost (stored, left out of the lead-time estimate); {@code openReaged}: rows stored open and still open in
 * this later export, or of its sites and left out of it, whose age as of this export replaced the older one (not duplicates). {@code encoding}: the
 * character encoding the file was read in (as declared, else UTF-8, UTF-16 or Windows-1252 as its bytes tell);
 * {@code ignoredColumns}: header columns of other names, not read; {@code missingColumns}: the import format's columns the
 * header does not name, read as empty in every row (an export whose completion column has another name imports every
 * row open). All three only for a CSV upload. {@code refusedRows} and
 * {@code refused}: with {@code ?badRows=skip}, the bad rows left out (how many; each line with its reason, at most
 * 10,000 listed); the good rows were imported. {@code outliersReleased}: rows held out earlier (unconfirmed) that, judged
 * again with this import's rows on their lane, are no longer outliers and count from now on (their flag cleared).
 */
@org.eclipse.microprofile.openapi.annotations.media.Schema(description = "What an import did", requiredProperties = {"rows", "imported", "duplicates", "replaced", "outliers"})
public record ImportResult(int rows, int imported, int outcomesAdded, int duplicates, int replaced,
                           List<String> sitesCreated, List<String> regionsCreated, List<Outlier> outliers,
                           java.time.OffsetDateTime asOf, int openTooOld, int openReaged, String encoding,
                           List<String> ignoredColumns, int refusedRows, List<Refused> refused, List<String> outliersReleased,
                           List<String> missingColumns) {

    /** A row left out with {@code ?badRows=skip}: its line in the file and why. */
    public record Refused(long line, String reason) {
    }

    /** This result with {@code n} more rows of the file that were duplicates (lines repeated within it). */
    public ImportResult withRepeated(int n) {
        if (n == 0) return this;
        return new ImportResult(rows + n, imported, outcomesAdded, duplicates + n, replaced, sitesCreated, regionsCreated, outliers,
                asOf, openTooOld, openReaged, encoding, ignoredColumns, refusedRows, refused, outliersReleased, missingColumns);
    }

    /** This result with how its file was read. */
    public ImportResult read(String encoding, List<String> ignoredColumns, List<String> missingColumns, int refusedRows, List<Refused> refused) {
        return new ImportResult(rows, imported, outcomesAdded, duplicates, replaced, sitesCreated, regionsCreated, outliers,
                asOf, openTooOld, openReaged, encoding, ignoredColumns, refusedRows, refused, outliersReleased, missingColumns);
    }

    /**
     * A row held out of the statistics. {@code line}: its line in the CSV (null when not imported
     * from a file); {@code value}: its lead time in whole days or its minutes (decimals, as counted: to the tenth, rounded up), in {@code unit}.
     */
    public record Outlier(String reference, Long line, Number value, String unit, String why) {
    }
}
