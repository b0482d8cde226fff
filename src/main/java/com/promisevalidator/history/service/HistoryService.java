package com.promisevalidator.history.service;

import java.io.Reader;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.promisevalidator.common.Minutes;
import com.promisevalidator.capacity.model.Site;
import com.promisevalidator.capacity.model.SiteCalendar;
import com.promisevalidator.capacity.service.CapacityService;
import com.promisevalidator.common.FieldError;
import com.promisevalidator.common.ProblemException;
import com.promisevalidator.common.PromiseConfig;
import com.promisevalidator.db.ChangeLog;
import com.promisevalidator.db.DataAccessException;
import com.promisevalidator.db.Database;
import com.promisevalidator.history.model.HistoryRow;
import com.promisevalidator.history.model.HistoryView;
import com.promisevalidator.history.model.ImportResult;
import com.promisevalidator.performance.model.Observation;
import com.promisevalidator.performance.service.MasteryService;
import com.promisevalidator.performance.service.PerformanceStats;
import com.promisevalidator.rules.service.RuleBaseHolder;

/**
 * History import and correction: all-or-nothing per request, idempotent by reference (or replacing
 * rows with the same reference), statistics updated in the same transaction so the stored history
 * and the stored statistics never disagree. Impossible rows are refused ({@link #sanity}); rows far
 * outside their key's spread are stored but held out of the statistics until ops confirm them.
 */
@Singleton
public class HistoryService {

    private static final Logger LOG = Logger.getLogger(HistoryService.class);
    private static final int CHUNK = 500;

    private final Database db;
    private final CapacityService capacity;
    private final PerformanceStats stats;
    private final MasteryService mastery;
    private final ReentrantLock importLock = new ReentrantLock(); // one import at a time per instance

    private final ChangeLog changes;
    private final PromiseConfig.History limits;
    private final RuleBaseHolder rules;

    /** What follows a stored row besides the statistics (a promise's outcome follows its corrected row). */
    private final jakarta.enterprise.inject.Instance<HistoryCorrections> corrections;

    public HistoryService(Database db, CapacityService capacity, PerformanceStats stats, MasteryService mastery, ChangeLog changes,
                          PromiseConfig config, RuleBaseHolder rules, jakarta.enterprise.inject.Instance<HistoryCorrections> corrections) {
        this.corrections = corrections;
        this.rules = rules;
        this.changes = changes;
        this.limits = config.history();
        this.db = db;
        this.capacity = capacity;
        this.stats = stats;
        this.mastery = mastery;
    }

    public ImportResult importCsv(Reader csv, boolean replace) {
        return importCsv(csv, replace, null);
    }

    /** @param sep the separator hint ({@code ?sep=;}), or null to read it off the header row */
    public ImportResult importCsv(Reader csv, boolean replace, String sep) {
        return importCsv(csv, replace, sep, null);
    }

    /**
     * @param asOfText {@code ?asOf=}: when the export was taken (an ISO date-time with offset, or a date: the start
     *                 of that day, UTC); null = now. Its open rows were open then and are counted so.
     */
    public ImportResult importCsv(Reader csv, boolean replace, String sep, String asOfText) {
        return importCsv(csv, replace, sep, asOfText, false, null);
    }

    /**
     * @param skipBad  {@code ?badRows=skip}: bad rows are left out and listed, the good ones imported
     * @param newSites {@code ?timeZone=}: the time zone of the sites the file creates, for their times written without an
     *                 offset and as their calendar's zone; null: UTC for such times, the first row's offset for the site
     */
    public ImportResult importCsv(Reader csv, boolean replace, String sep, String asOfText, boolean skipBad, ZoneId newSites) {
        return importCsv(csv, replace, sep, asOfText, skipBad, newSites, null);
    }

    /**
     * @param dates {@code ?dates=}: {@code dmy} or {@code mdy}, the order of day and month in numeric dates
     *              ({@code 04/03/2025 10:15}); null: such dates are refused, naming the hint
     */
    public ImportResult importCsv(Reader csv, boolean replace, String sep, String asOfText, boolean skipBad, ZoneId newSites,
                                  String dates) {
        Character separator = HistoryCsv.separator(sep);
        HistoryCsv.Dates order = HistoryCsv.dates(dates);
        Instant now = capacity.now();
        Instant asOf = asOf(asOfText, now);
        Map<String, java.util.Optional<ZoneId>> zones = new HashMap<>(); // one look-up per site and file
        HistoryCsv.Parsed file = HistoryCsv.read(csv, separator, order,
                site -> zones.computeIfAbsent(site, x -> java.util.Optional.ofNullable(zoneOf(x, newSites))).orElse(null),
                r -> asOfText == null ? sanity(r, now) : sanity(r, asOf, "lies after the export's asOf (" + asOf + ")"), skipBad);
        List<HistoryCsv.Numbered> parsed = file.rows();
        ImportResult r = importRows(parsed.stream().map(HistoryCsv.Numbered::row).toList(),
                parsed.stream().map(HistoryCsv.Numbered::line).toList(), replace, asOf, newSites, skipBad);
        // rows refused against the stored history (skipBad) join those the file's reading refused, in line order
        List<ImportResult.Refused> refused = new ArrayList<>(file.refused());
        refused.addAll(r.refused());
        refused.sort(java.util.Comparator.comparingLong(ImportResult.Refused::line));
        return r.withRepeated(file.repeated()).read(null, file.ignoredColumns(), file.missingColumns(), file.refusedCount() + r.refusedRows(),
                List.copyOf(refused.subList(0, Math.min(refused.size(), MAX_REFUSED_LISTED))));
    }

    private static final int MAX_REFUSED_LISTED = 10_000;

    /** An uploaded export: its bytes decoded as {@link ExportText} says, then imported as {@link #importCsv(Reader, boolean, String, String)}. */
    public ImportResult importExport(byte[] body, String contentType, boolean replace, String sep, String asOfText, boolean skipBad,
                                     ZoneId newSites, String dates) {
        HistoryCsv.dates(dates); // a bad hint is a 400 before the body is decoded, as a bad sep is
        ExportText.Decoded text = ExportText.decode(body, contentType);
        ImportResult r = importCsv(new java.io.StringReader(text.text()), replace, sep, asOfText, skipBad, newSites, dates);
        return r.read(text.encoding(), r.ignoredColumns(), r.missingColumns(), r.refusedRows(), r.refused());
    }

    /** The time zone of a site for times written without an offset: its own when known (here or, read through, another instance's), else {@code newSites}. */
    private ZoneId zoneOf(String site, ZoneId newSites) {
        var s = capacity.findSite(site);
        return s == null ? newSites : s.timeZone();
    }

    /** Reads {@code ?asOf=}: malformed or later than now (beyond the clock skew) is a 400 naming {@code asOf}. */
    Instant asOf(String text, Instant now) {
        if (text == null || text.isBlank()) return now;
        Instant asOf;
        try {
            asOf = text.trim().length() <= 10 ? LocalDate.parse(text.trim()).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(text.trim()).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw ProblemException.badRequest("asOf", "'" + (text.length() > 60 ? text.substring(0, 60) + "…" : text) + "' is neither an ISO date-time "
                    + "with offset (e.g. 2018-01-08T00:00:00Z) nor a date (e.g. 2018-01-08)");
        }
        if (asOf.isAfter(now.plus(Duration.ofMinutes(limits.clockSkewMinutes())))) {
            // times said to the second, as answers write them (probe api L5: "now is 2026-12-06T21:04:47.131297137Z")
            throw ProblemException.badRequest("asOf", asOf + " lies in the future (now is " + now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ", clock skew allowed "
                    + limits.clockSkewMinutes() + " minutes): an export cannot have been taken later than now");
        }
        return asOf;
    }

    /** Rows from code (demo data, replays): checked like a file, then imported without replacing. */
    public ImportResult importRows(List<HistoryRow> rows) {
        return importRows(rows, capacity.now());
    }

    /** The same for an export taken at {@code asOf} (not after now): its open rows were open then (replays). */
    public ImportResult importRows(List<HistoryRow> rows, Instant asOf) {
        Instant now = capacity.now();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            for (FieldError e : sanity(rows.get(i), asOf.isBefore(now) ? asOf : now)) {
                errors.add(new FieldError("rows[" + i + "]." + e.field(), e.message()));
            }
        }
        if (!errors.isEmpty()) throw ProblemException.badRequest(errors.size() + " implausible row(s); nothing was imported", errors);
        return importRows(rows, null, false, asOf.isBefore(now) ? asOf : now, null, false);
    }

    /**
     * What makes a row impossible rather than merely unusual (those are outliers, see
     * {@link PerformanceStats#outliers}): finished in the future (beyond the clock skew), before it
     * was ordered, or later than any sane lead time or service duration. Empty when the row is fine.
     */
    public List<FieldError> sanity(HistoryRow r, Instant now) {
        return sanity(r, now, "lies in the future (now is " + now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ")");
    }

    /** The same against an export's time ({@code ?asOf=}): nothing in it can have happened later than that. */
    List<FieldError> sanity(HistoryRow r, Instant now, String beyond) {
        List<FieldError> errors = new ArrayList<>();
        Instant latest = now.plus(Duration.ofMinutes(limits.clockSkewMinutes()));
        String future = " " + beyond.substring(0, beyond.length() - 1) + ", clock skew allowed " + limits.clockSkewMinutes() + " minutes)";
        if (r.orderedAt() != null && r.orderedAt().toInstant().isAfter(latest)) {
            errors.add(new FieldError("orderedAt", r.orderedAt() + future));
        }
        if (r.kind() == HistoryRow.Kind.DELIVERY && r.completedAt() != null && r.orderedAt() != null) {
            if (r.completedAt().toInstant().isAfter(latest)) {
                errors.add(new FieldError("completedAt", r.completedAt() + future));
            } else if (r.completedAt().isBefore(r.orderedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))) {
                // answers show times to the second: the second an order was placed in is not "before" it
                errors.add(new FieldError("completedAt", "is before orderedAt"));
            } else if (Duration.between(r.orderedAt(), r.completedAt()).compareTo(Duration.ofDays(limits.maxLeadDays())) > 0) {
                errors.add(new FieldError("completedAt", r.completedAt() + " is " + Duration.between(r.orderedAt(), r.completedAt()).toDays()
                        + " days after orderedAt, more than the longest believable lead time of " + limits.maxLeadDays()
                        + " days (promise.history.max-lead-days)"));
            }
        }
        if (r.kind() == HistoryRow.Kind.SERVICE && r.actualMinutes() != null && r.orderedAt() != null) {
            String actual = Minutes.decimal(r.actualMinutes()).toPlainString();
            if (r.actualMinutes() > limits.maxServiceMinutes()) {
                errors.add(new FieldError("actualMinutes", actual + " is more than the longest believable service of "
                        + limits.maxServiceMinutes() + " minutes (promise.history.max-service-minutes)"));
            } else if (r.orderedAt().toInstant().plus(Duration.ofMillis(Math.round(r.actualMinutes() * 60_000))).isAfter(latest)) {
                errors.add(new FieldError("actualMinutes", actual + " minutes from the start at " + r.orderedAt()
                        + " would end " + beyond.replace("lies ", "")));
            }
        }
        return errors;
    }

    private ImportResult importRows(List<HistoryRow> rows, List<Long> lines, boolean replace, Instant asOf, ZoneId newSites,
                                    boolean skipBad) {
        importLock.lock();
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    return importOnce(rows, lines, replace, asOf, newSites, skipBad);
                } catch (DataAccessException e) {
                    // another instance imported the same references or created the same site at the same moment: again,
                    // its rows now read as duplicates (or are replaced) and its site as known
                    if (attempt >= IMPORT_ATTEMPTS || !(e.isUniqueViolation() || e.isTransient())) throw e;
                    LOG.infof("history import collided with a concurrent one (%s); trying again", e.sqlException().getSQLState());
                }
            }
        } finally {
            importLock.unlock();
        }
    }

    private static final int IMPORT_ATTEMPTS = 3;

    /** @param skipBad rows the stored history refuses (a contradicted open row) are left out and listed, instead of refusing the file */
    private ImportResult importOnce(List<HistoryRow> rows, List<Long> lines, boolean replace, Instant asOf, ZoneId newSites,
                                    boolean skipBad) {
        Set<String> sitesCreated = new LinkedHashSet<>();
        Set<String> regionsCreated = new LinkedHashSet<>();
        List<Observation> observations = new ArrayList<>();
        List<ImportResult.Refused> refused = new ArrayList<>();
        List<String> released = new ArrayList<>();
        // new rows, outcomes added to rows imported while open, rows replaced, open rows too old, open rows re-aged, rows taken,
        // open rows re-aged that the export left out (not its own rows: not duplicates)
        int[] counts = new int[7];
        int horizonDays = rules.parameters().deliveryHorizonDays();
        Map<String, double[]> repRecords = new HashMap<>();
        List<ImportResult.Outlier> outliers = new ArrayList<>();
        List<Runnable> afterCommit = new ArrayList<>();
        Instant now = capacity.now();
        // sites and regions another instance created are fetched first, so their calendars apply here too
        rows.stream().map(HistoryRow::site).distinct().forEach(capacity::findSite);
        rows.stream().map(HistoryRow::region).filter(java.util.Objects::nonNull).distinct().forEach(capacity::findRegion);
        db.inTransaction(c -> {
            Map<String, Stored> existing = stored(c, rows.stream().map(HistoryRow::reference).toList(), replace);
            List<HistoryRow> taken = replace ? rows : completionsAgree(rows, lines, existing, skipBad, refused);
            counts[5] = taken.size();
            // sites and regions only for rows stored as they are: a completion or a duplicate keeps the stored row's
            List<HistoryRow> storing = replace ? rows : taken.stream().filter(r -> !existing.containsKey(r.reference())).toList();
            // a new site's zone from its rows' times: one offset is that offset, several (across a daylight-saving change) a zone
            Map<String, List<java.time.OffsetDateTime>> timesOfNew = new HashMap<>();
            for (HistoryRow r : storing) {
                if (newSites != null || capacity.site(r.site()) != null) continue;
                List<java.time.OffsetDateTime> times = timesOfNew.computeIfAbsent(r.site(), k -> new ArrayList<>());
                times.add(r.orderedAt());
                if (r.completedAt() != null) times.add(r.completedAt());
            }
            for (HistoryRow r : storing) {
                if (capacity.site(r.site()) == null && !sitesCreated.contains(r.site())
                        && capacity.ensureSite(c, r.site(), newSites != null ? newSites : ZoneFromOffsets.of(timesOfNew.get(r.site())))) {
                    sitesCreated.add(r.site());
                }
                if (r.region() != null && !capacity.regionExists(r.region()) && !regionsCreated.contains(r.region())
                        && capacity.ensureRegion(c, r.region())) {
                    regionsCreated.add(r.region());
                }
            }
            Map<String, SiteCalendar> calendars = new HashMap<>();
            List<HistoryRow> fresh;
            List<HistoryRow> finished;
            List<HistoryRow> reaged = List.of();
            if (replace) {
                // the old rows leave the statistics and the reps' records, then the new ones come in
                for (Stored old : existing.values()) {
                    observations.addAll(withdraw(old, calendars));
                    subtract(repRecords, old);
                    delete(c, old.row().reference());
                }
                fresh = rows;
                finished = List.of();
                counts[2] = existing.size();
            } else {
                fresh = storing;
                // an order imported while still open, now imported again with its outcome: the stored row with that
                // outcome (completionsAgree refused any that says otherwise), judged and counted on its own dates
                finished = taken.stream().filter(r -> completes(existing.get(r.reference()), r))
                        .map(r -> completed(existing.get(r.reference()).row(), r)).toList();
                // an order still open in a later export: its age as of that export replaces the older one
                reaged = taken.stream().filter(r -> {
                    Stored s = existing.get(r.reference());
                    return s != null && r.kind() == HistoryRow.Kind.DELIVERY && !s.row().hasOutcome() && !r.hasOutcome()
                            && s.open() != null && asOf.isAfter(s.open().asOf());
                }).toList();
            }
            Map<String, String> flagged = judge(c, rows, lines, fresh, finished, calendars, outliers, released, observations);
            List<HistoryRow> zoned = new ArrayList<>(fresh);
            zoned.addAll(finished);
            Map<String, ZoneId> zones = zones(zoned);
            Map<String, OpenAt> openAt = new HashMap<>();
            for (HistoryRow r : fresh) {
                if (r.kind() != HistoryRow.Kind.DELIVERY || r.completedAt() != null) continue;
                SiteCalendar cal = calendars.computeIfAbsent(r.site(), x -> calendarFor(x, r.orderedAt().getOffset()));
                boolean tooOld = age(cal.releaseDay(r.orderedAt().toInstant()), asOf, cal.site().timeZone()) > horizonDays;
                if (tooOld) counts[3]++;
                openAt.put(r.reference(), new OpenAt(asOf, tooOld));
            }
            insert(c, fresh, now, zones, flagged, openAt);
            for (HistoryCorrections follower : corrections) {
                Runnable then = follower.stored(c, fresh, now);
                if (then != null) afterCommit.add(then);
            }
            recordOutcomes(c, finished, zones, flagged);
            int[] resent = reage(c, reaged.stream().map(r -> existing.get(r.reference())).toList(), asOf, horizonDays, calendars, observations);
            // open orders of these sites that this later export leaves out are still open as of it (with ?replace=true too): a
            // "changes only" export sends an order when it opens and again when it completes, and a fixed age from its first
            // export would make a slow order look as fast as that age for good (probe P1: kept 0.821 at 0.90). Only the sites
            // it sends deliveries of: a site's service export says nothing of its deliveries.
            Set<String> here = rows.stream().map(HistoryRow::reference).collect(java.util.stream.Collectors.toSet());
            Set<String> sites = rows.stream().filter(r -> r.kind() == HistoryRow.Kind.DELIVERY).map(HistoryRow::site)
                    .collect(java.util.stream.Collectors.toSet());
            int[] leftOut = reage(c, staleOpen(c, sites, asOf, here).values(), asOf, horizonDays, calendars, observations);
            counts[4] = resent[0] + leftOut[0];
            counts[6] = leftOut[0];
            counts[3] += resent[1] + leftOut[1];
            List<HistoryRow> judged = new ArrayList<>(fresh);
            judged.addAll(finished);
            byRep(judged, zones).forEach((rep, add) -> repRecords.merge(rep, add, HistoryService::plus));
            mastery.persist(c, repRecords);
            for (HistoryRow r : fresh) {
                observations.addAll(counted(observe(r, calendars, openAt.get(r.reference()), false), flagged.containsKey(r.reference())));
            }
            for (HistoryRow r : finished) {
                observations.addAll(counted(observe(r, calendars, existing.get(r.reference()).open(), true), flagged.containsKey(r.reference())));
            }
            recordJudged(c, stats.persist(c, observations));
            changes.record(c, ChangeLog.Kind.STATS);
            if (!sitesCreated.isEmpty() || !regionsCreated.isEmpty()) changes.record(c, ChangeLog.Kind.CAPACITY);
            counts[0] = fresh.size() - counts[2];
            counts[1] = finished.size();
            return null;
        });
        capacity.refreshSitesAndRegions(sitesCreated, regionsCreated);
        stats.apply(observations);
        mastery.apply(repRecords);
        afterCommit.forEach(Runnable::run);
        LOG.infof("history import: %d rows, %d new, %d outcomes added, %d replaced, %d outliers", rows.size(), counts[0], counts[1],
                counts[2], outliers.size());
        return new ImportResult(counts[5], counts[0], counts[1], counts[5] - counts[0] - counts[1] - counts[2] - (counts[4] - counts[6]), counts[2],
                List.copyOf(sitesCreated), List.copyOf(regionsCreated), List.copyOf(outliers),
                asOf.atOffset(java.time.ZoneOffset.UTC), counts[3], counts[4], null, null, refused.size(), List.copyOf(refused),
                List.copyOf(released), null);
    }

    /** Whether a row gives the outcome of a stored row that is still open. */
    private static boolean completes(Stored s, HistoryRow r) {
        return s != null && !s.row().hasOutcome() && r.hasOutcome();
    }

    /**
     * The rows of an import without those that complete a stored open row but say something else about the order (another
     * orderedAt, site, region, kind, …): a completion adds only the outcome, so such a row would be stored with dates it
     * was not judged on and counted where it was never ordered. Refused with its line and how to correct the stored row;
     * with {@code skipBad} left out and listed in {@code refused}, else the whole import is a 400 and nothing changes.
     */
    private static List<HistoryRow> completionsAgree(List<HistoryRow> rows, List<Long> lines, Map<String, Stored> existing, boolean skipBad,
                                                     List<ImportResult.Refused> refused) {
        List<FieldError> errors = new ArrayList<>();
        List<HistoryRow> taken = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            HistoryRow r = rows.get(i);
            Stored s = existing.get(r.reference());
            // an open row completed, or sent again still open (then re-aged): either way the stored order's, never another's
            String why = completes(s, r) ? contradiction(s.row(), r, "completing it")
                    : s != null && !s.row().hasOutcome() && !r.hasOutcome() ? contradiction(s.row(), r, "sending it again still open") : null;
            if (why == null) {
                taken.add(r);
                continue;
            }
            errors.add(new FieldError(lines == null ? "rows[" + i + "]" : "line " + lines.get(i), why));
            if (lines != null) refused.add(new ImportResult.Refused(lines.get(i), why));
        }
        if (!errors.isEmpty() && !skipBad) {
            throw ProblemException.badRequest(errors.size() + " bad row(s); nothing was imported. First: " + errors.get(0).field() + ": "
                    + errors.get(0).message() + ".", errors);
        }
        return taken;
    }

    /**
     * Why a row completing the stored open row, or sending it again still open, is about another order (null when it is the
     * same order): another kind, site,
     * region, service type or day of ordering. What the statistics key on and count from must agree; the rest (rep, promise,
     * quantity) may have been edited in the order system since, and the stored values stay, as documented.
     */
    static String contradiction(HistoryRow stored, HistoryRow r, String doing) {
        List<String> other = new ArrayList<>();
        if (r.kind() != stored.kind()) other.add("kind " + r.kind() + " (stored: " + stored.kind() + ")");
        differs(other, "site", stored.site(), r.site());
        differs(other, "region", stored.region(), r.region());
        differs(other, "serviceType", stored.serviceType(), r.serviceType());
        // the same day is the same order (an export may write the date alone, another the time too); a service's start is its time
        boolean sameOrder = stored.kind() == HistoryRow.Kind.SERVICE ? r.orderedAt().toInstant().equals(stored.orderedAt().toInstant())
                : r.orderedAt().atZoneSameInstant(stored.orderedAt().getOffset()).toLocalDate().equals(stored.orderedAt().toLocalDate());
        if (!sameOrder) other.add("orderedAt " + r.orderedAt() + " (stored: " + stored.orderedAt() + ")");
        if (other.isEmpty()) return null;
        return "reference '" + r.reference() + "' is stored open and this row " + doing + " says otherwise: " + String.join(", ", other)
                + "; a later import only adds the outcome (or a newer age) to an open row, so to correct the stored row import this one with ?replace=true";
    }

    /** A value the completing row gives (blank: the export left it out, not a contradiction) that is not the stored one. */
    private static void differs(List<String> other, String field, Object stored, Object given) {
        if (given != null && !given.equals(stored)) other.add(field + " " + given + " (stored: " + (stored == null ? "none" : stored) + ")");
    }

    /** The stored open row with the outcome of the row completing it. */
    static HistoryRow completed(HistoryRow stored, HistoryRow r) {
        return new HistoryRow(stored.kind(), stored.reference(), stored.site(), stored.region(), stored.serviceType(), stored.rep(),
                stored.orderedAt(), stored.promisedBy(), r.completedAt(), stored.promisedMinutes(), r.actualMinutes(), stored.quantity());
    }

    /**
     * Stored rows still open as of a later export (sent again, or of its sites and left out of it): the age they had at the
     * older export leaves the statistics and the age at this one comes in (or nothing, when they are now older than the
     * horizon: lost). Each only while it is as read (another import may have completed it meanwhile: the update's own
     * condition decides, and only the rows updated change the statistics). Returns {how many were re-aged, how many of them
     * are lost by now and were not before}.
     */
    private int[] reage(Connection c, java.util.Collection<Stored> rows, Instant asOf, int horizonDays,
                        Map<String, SiteCalendar> calendars, List<Observation> observations) throws SQLException {
        if (rows.isEmpty()) return new int[] {0, 0};
        List<Stored> stored = List.copyOf(rows);
        List<OpenAt> now = new ArrayList<>(stored.size());
        int[] updated;
        try (PreparedStatement ps = c.prepareStatement("update history set open_as_of = ?, open_too_old = ? where reference = ? "
                + "and completed_at is null and open_as_of = ?")) {
            for (Stored old : stored) {
                OpenAt at = openAt(old.row(), asOf, horizonDays, calendars);
                now.add(at);
                ps.setTimestamp(1, Timestamp.from(asOf));
                ps.setBoolean(2, at.tooOld());
                ps.setString(3, old.row().reference());
                ps.setTimestamp(4, Timestamp.from(old.open().asOf()));
                ps.addBatch();
            }
            updated = ps.executeBatch();
        }
        int n = 0, lost = 0;
        for (int i = 0; i < stored.size(); i++) {
            if (updated[i] == 0) continue;
            Stored old = stored.get(i);
            for (Observation o : observe(old.row(), calendars, old.open(), false)) observations.add(close(o));
            observations.addAll(observe(old.row(), calendars, now.get(i), false));
            n++;
            if (now.get(i).tooOld() && !old.open().tooOld()) lost++;
        }
        return new int[] {n, lost};
    }

    /**
     * The stored open deliveries of these sites, exported open before {@code asOf} and not lost yet, but not those in
     * {@code except} (the export's own rows): reference -> stored row (not locked: {@link #reage} updates a row
     * only while it is as read).
     */
    private static Map<String, Stored> staleOpen(Connection c, Set<String> sites, Instant asOf, Set<String> except) throws SQLException {
        if (sites.isEmpty()) return Map.of();
        List<String> refs = new ArrayList<>();
        List<String> siteList = List.copyOf(sites);
        for (int from = 0; from < siteList.size(); from += CHUNK) {
            List<String> chunk = siteList.subList(from, Math.min(siteList.size(), from + CHUNK));
            StringBuilder sql = new StringBuilder("select reference from history where kind = 'DELIVERY' and completed_at is null "
                    + "and open_as_of is not null and open_as_of < ? and open_too_old = false and site_code in (");
            for (int i = 0; i < chunk.size(); i++) sql.append(i == 0 ? "?" : ",?");
            sql.append(')');
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                ps.setTimestamp(1, Timestamp.from(asOf));
                for (int i = 0; i < chunk.size(); i++) ps.setString(i + 2, chunk.get(i));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) if (!except.contains(rs.getString(1))) refs.add(rs.getString(1));
                }
            }
        }
        return stored(c, refs, false);
    }

    /** How the stored open row counts as of {@code asOf}: lost when it has been open longer than the horizon. */
    private OpenAt openAt(HistoryRow r, Instant asOf, int horizonDays, Map<String, SiteCalendar> calendars) {
        SiteCalendar cal = calendars.computeIfAbsent(r.site(), x -> calendarFor(x, r.orderedAt().getOffset()));
        return new OpenAt(asOf, age(cal.releaseDay(r.orderedAt().toInstant()), asOf, cal.site().timeZone()) > horizonDays);
    }

    /**
     * Flags the outcomes of this import that lie far outside their key (reference -> why), listing them for the answer.
     * The rows held out earlier on the same lanes are judged again with them, as if all had come in one import: those
     * the judgement now accepts are released (flag cleared, listed in {@code released}, their outcomes added to
     * {@code observations}). So the verdicts do not depend on how an export was split into files, and a real slowdown
     * sent a row a day is learned once its rows are more than the few a key's limit tolerates.
     */
    private Map<String, String> judge(Connection c, List<HistoryRow> rows, List<Long> lines, List<HistoryRow> fresh, List<HistoryRow> finished,
                                      Map<String, SiteCalendar> calendars, List<ImportResult.Outlier> out, List<String> released,
                                      List<Observation> observations) throws SQLException {
        List<HistoryRow> done = new ArrayList<>();
        List<Observation> outcomes = new ArrayList<>();
        for (List<HistoryRow> part : List.of(fresh, finished)) {
            for (HistoryRow r : part) {
                Observation o = outcome(observe(r, calendars, null, false));
                if (o == null) continue;
                done.add(r);
                outcomes.add(o);
            }
        }
        List<String> why = judgeWithHeldOut(c, done, outcomes, Set.of(), calendars, released, observations);
        Map<String, Long> lineOf = new HashMap<>();
        if (lines != null) for (int i = 0; i < rows.size(); i++) lineOf.put(rows.get(i).reference(), lines.get(i));
        Map<String, String> flagged = new HashMap<>();
        for (int i = 0; i < done.size(); i++) {
            if (why.get(i) == null) continue;
            HistoryRow r = done.get(i);
            flagged.put(r.reference(), why.get(i));
            Observation o = outcomes.get(i);
            Number value = r.kind() == HistoryRow.Kind.DELIVERY ? (Number) o.value() : Minutes.decimal(o.units());
            out.add(new ImportResult.Outlier(r.reference(), lineOf.get(r.reference()), value,
                    r.kind() == HistoryRow.Kind.DELIVERY ? "days" : "minutes", why.get(i)));
        }
        out.sort(java.util.Comparator.comparing(o -> o.line() == null ? 0L : o.line()));
        return flagged;
    }

    /**
     * The verdicts of these new outcomes (null = counts), judged together with the rows held out earlier (unconfirmed) on
     * their lanes (services at a site), but not the references in {@code except}. A held-out row the joint judgement
     * accepts is released in the caller's transaction: its flag cleared, its reference added to {@code released} and its
     * outcome to {@code observations}, for the caller to persist and apply with its own.
     */
    private List<String> judgeWithHeldOut(Connection c, List<HistoryRow> rows, List<Observation> outcomes, Set<String> except,
                                          Map<String, SiteCalendar> calendars, List<String> released, List<Observation> observations)
            throws SQLException {
        if (outcomes.isEmpty()) return List.of();
        List<HistoryRow> held = new ArrayList<>();
        List<Observation> all = new ArrayList<>(outcomes);
        Instant now = capacity.now();
        for (HistoryRow r : heldOut(c, rows.stream().map(HistoryService::laneKey).collect(java.util.stream.Collectors.toSet()), except)) {
            // an impossible row (flagged when upgrading: finished in the future, beyond the longest lead) is never released
            if (!sanity(r, now).isEmpty()) continue;
            Observation o = outcome(observe(r, calendars, null, false));
            if (o == null) continue;
            held.add(r);
            all.add(o);
        }
        List<String> why = stats.outliers(all);
        if (!held.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("update history set outlier = null where reference = ? "
                    + "and outlier is not null and confirmed_at is null")) {
                for (int i = 0; i < held.size(); i++) {
                    if (why.get(outcomes.size() + i) != null) continue;
                    ps.setString(1, held.get(i).reference());
                    if (ps.executeUpdate() == 0) continue; // confirmed or corrected meanwhile: counted (or not) as that says
                    released.add(held.get(i).reference());
                    observations.add(all.get(outcomes.size() + i));
                }
            }
        }
        return why.subList(0, outcomes.size());
    }

    /** A row's lane (a service type at a site), the key its held-out rows are judged again by. */
    private static String laneKey(HistoryRow r) {
        return r.kind() + "\u0000" + r.site() + "\u0000" + (r.kind() == HistoryRow.Kind.DELIVERY ? r.region() : r.serviceType());
    }

    /** The finished rows held out as outliers and not confirmed on these lanes ({@link #laneKey}), but not those in {@code except}. */
    private static List<HistoryRow> heldOut(Connection c, Set<String> lanes, Set<String> except) throws SQLException {
        List<HistoryRow> out = new ArrayList<>();
        List<String> sites = lanes.stream().map(l -> l.split("\u0000", -1)[1]).distinct().sorted().toList();
        for (int from = 0; from < sites.size(); from += CHUNK) {
            List<String> chunk = sites.subList(from, Math.min(sites.size(), from + CHUNK));
            StringBuilder sql = new StringBuilder("select " + STORED_COLUMNS + " from history where outlier is not null "
                    + "and confirmed_at is null and (completed_at is not null or actual_minutes is not null) and site_code in (");
            for (int i = 0; i < chunk.size(); i++) sql.append(i == 0 ? "?" : ",?");
            sql.append(") order by reference");
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < chunk.size(); i++) ps.setString(i + 1, chunk.get(i));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        HistoryRow r = readStored(rs).row();
                        if (lanes.contains(laneKey(r)) && !except.contains(r.reference()) && r.hasOutcome()) out.add(r);
                    }
                }
            }
        }
        return out;
    }

    /**
     * A recorded outcome's verdict (null = counts), judged with the rows held out on its lane as an import's are
     * ({@link #judgeWithHeldOut}); the held-out rows it releases count from now on: their outcomes are added to
     * {@code observations}, for the caller to persist and apply in and after its transaction.
     */
    public String judgeOutcome(Connection c, HistoryRow row, Observation outcome, List<Observation> observations) throws SQLException {
        List<String> released = new ArrayList<>();
        String why = judgeWithHeldOut(c, List.of(row), List.of(outcome), Set.of(row.reference()), new HashMap<>(), released, observations).get(0);
        if (!released.isEmpty()) LOG.infof("outcome of %s released held-out rows %s", row.reference(), released);
        return why;
    }

    private static Observation outcome(List<Observation> observations) {
        for (Observation o : observations) if (o.event() == Observation.Event.OUTCOME) return o;
        return null;
    }

    /** The observations of a row, without its outcome when that is held out as an outlier. */
    private static List<Observation> counted(List<Observation> observations, boolean heldOut) {
        return heldOut ? observations.stream().filter(o -> o.event() != Observation.Event.OUTCOME).toList() : observations;
    }

    /** What taking a stored row out of the history takes out of the statistics. */
    private List<Observation> withdraw(Stored s, Map<String, SiteCalendar> calendars) {
        List<Observation> out = new ArrayList<>();
        for (Observation o : observe(s.row(), calendars, s.open(), false)) {
            if (o.event() == Observation.Event.OPEN || o.event() == Observation.Event.OPEN_AT) out.add(close(o));
            else if (o.event() == Observation.Event.OUTCOME && s.counted()) out.add(o.withJudged(s.judged()).removed());
        }
        return out;
    }

    private static void subtract(Map<String, double[]> repRecords, Stored s) {
        if (s.row().rep() == null || s.kept() == null) return;
        double lateness = s.kept() ? 0 : MasteryService.lateness(s.row().kind() == HistoryRow.Kind.DELIVERY, s.lateBy());
        repRecords.merge(s.row().rep(), new double[]{-1, s.kept() ? -1 : 0, -lateness}, HistoryService::plus);
    }

    /** Two per-rep records {finished, kept, lateness} added up. */
    public static double[] plus(double[] a, double[] b) {
        return new double[]{a[0] + b[0], a[1] + b[1], a[2] + b[2]};
    }

    // ---- correcting history: look up, delete, confirm an outlier -----------------------------

    /** GET /api/v1/history/{reference}. */
    public HistoryView get(String reference) {
        Stored s = db.query(c -> stored(c, List.of(reference), false).get(reference));
        if (s == null) throw ProblemException.notFound("History row '" + reference + "' does not exist");
        return view(s);
    }

    /** GET /api/v1/history/outliers: rows held out of the statistics, waiting for ops to confirm, correct or delete them. */
    public List<HistoryView> unconfirmedOutliers(int limit, int offset) {
        List<Stored> rows = db.query(c -> {
            List<Stored> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select " + STORED_COLUMNS + " from history "
                    + "where outlier is not null and confirmed_at is null order by reference limit ? offset ?")) {
                ps.setInt(1, limit);
                ps.setInt(2, offset);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(readStored(rs));
                }
            }
            return out;
        });
        return rows.stream().map(this::view).toList();
    }

    /** DELETE /api/v1/history/{reference}: the row leaves the history, the statistics and its rep's record at once. */
    public void delete(String reference) {
        importLock.lock();
        try {
            List<Observation> observations = new ArrayList<>();
            Map<String, double[]> repRecords = new HashMap<>();
            db.inTransaction(c -> {
                Stored s = stored(c, List.of(reference), true).get(reference);
                if (s == null) throw ProblemException.notFound("History row '" + reference + "' does not exist");
                observations.addAll(withdraw(s, new HashMap<>()));
                subtract(repRecords, s);
                delete(c, reference);
                mastery.persist(c, repRecords);
                stats.persist(c, observations);
                changes.record(c, ChangeLog.Kind.STATS);
                return null;
            });
            stats.apply(observations);
            mastery.apply(repRecords);
            LOG.infof("history row %s deleted", reference);
        } finally {
            importLock.unlock();
        }
    }

    /** POST /api/v1/history/{reference}/confirm: ops say a flagged row is real; from now on it counts. */
    public HistoryView confirm(String reference) {
        importLock.lock();
        try {
            List<Observation> observations = new ArrayList<>();
            Instant now = capacity.now();
            Stored confirmed = db.inTransaction(c -> {
                Stored s = stored(c, List.of(reference), true).get(reference);
                if (s == null) throw ProblemException.notFound("History row '" + reference + "' does not exist");
                if (s.outlier() == null) {
                    throw new ProblemException(409, "Conflict", "History row '" + reference + "' was not flagged as an outlier; it counts already",
                            null, null);
                }
                if (s.confirmedAt() != null) return s; // confirming twice changes nothing
                List<FieldError> impossible = sanity(s.row(), now);
                if (!impossible.isEmpty()) {
                    throw ProblemException.unprocessable("History row '" + reference + "' cannot be confirmed: " + impossible.get(0).field()
                            + " " + impossible.get(0).message() + ". Correct it (import with ?replace=true) or delete it.", impossible);
                }
                try (PreparedStatement ps = c.prepareStatement("update history set confirmed_at = ? where reference = ?")) {
                    ps.setTimestamp(1, Timestamp.from(now));
                    ps.setString(2, reference);
                    ps.executeUpdate();
                }
                Observation o = outcome(observe(s.row(), new HashMap<>(), null, false));
                if (o != null) observations.add(o);
                recordJudged(c, stats.persist(c, observations));
                changes.record(c, ChangeLog.Kind.STATS);
                return new Stored(s.row(), s.outlier(), now, s.kept(), s.lateBy(), s.open(), s.judged());
            });
            stats.apply(observations);
            return view(confirmed);
        } finally {
            importLock.unlock();
        }
    }

    private HistoryView view(Stored s) {
        HistoryRow r = s.row();
        ZoneId zone = capacity.site(r.site()) == null ? r.orderedAt().getOffset() : capacity.site(r.site()).timeZone();
        return new HistoryView(r.reference(), r.kind().name(), r.site(), r.region(), r.serviceType(), r.rep(), r.orderedAt(), r.promisedBy(),
                r.completedAt(), r.promisedMinutes(), r.actualMinutes(), r.quantity(), s.outlier(),
                s.confirmedAt() == null ? null : s.confirmedAt().atZone(zone).toOffsetDateTime(), s.counted());
    }

    /**
     * How an open delivery row is counted: open as of {@code asOf} (its export's time), or lost ({@code tooOld}: already
     * open longer than the planning horizon then). Rows without one (stored before, or promises) are aged live.
     */
    record OpenAt(Instant asOf, boolean tooOld) {
    }

    /** Whole days from the release day to the export's day at the site (never negative). */
    static int age(LocalDate release, Instant asOf, ZoneId zone) {
        return (int) Math.max(0, ChronoUnit.DAYS.between(release, asOf.atZone(zone).toLocalDate()));
    }

    /** A stored row with what the import decided about it ({@code open}: how it counts while open, null = aged live). */
    record Stored(HistoryRow row, String outlier, Instant confirmedAt, Boolean kept, Double lateBy, OpenAt open, Integer judged) {
        /** Whether its outcome is in the statistics: not flagged, or flagged and confirmed. */
        boolean counted() {
            return outlier == null || confirmedAt != null;
        }
    }

    private static final String STORED_COLUMNS = "reference, kind, site_code, region_code, service_type, rep, ordered_at, promised_by, "
            + "completed_at, promised_minutes, actual_minutes, quantity, outlier, confirmed_at, kept, late_by, open_as_of, open_too_old, judged_chance";

    /** The stored rows with these references ({@code lock}: for update, as the caller is about to change them). */
    private static Map<String, Stored> stored(Connection c, List<String> references, boolean lock) throws SQLException {
        Map<String, Stored> out = new HashMap<>();
        for (int from = 0; from < references.size(); from += CHUNK) {
            List<String> chunk = references.subList(from, Math.min(references.size(), from + CHUNK));
            StringBuilder sql = new StringBuilder("select " + STORED_COLUMNS + " from history where reference in (");
            for (int i = 0; i < chunk.size(); i++) sql.append(i == 0 ? "?" : ",?");
            sql.append(')');
            if (lock) sql.append(" for update");
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < chunk.size(); i++) ps.setString(i + 1, chunk.get(i));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Stored s = readStored(rs);
                        out.put(s.row().reference(), s);
                    }
                }
            }
        }
        return out;
    }

    private static Stored readStored(ResultSet rs) throws SQLException {
        HistoryRow row = new HistoryRow(HistoryRow.Kind.valueOf(rs.getString(2)), rs.getString(1), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getObject(7, OffsetDateTime.class),
                rs.getDate(8) == null ? null : rs.getDate(8).toLocalDate(), rs.getObject(9, OffsetDateTime.class),
                Minutes.get(rs, 10), Minutes.get(rs, 11), intOrNull(rs, 12));
        Timestamp confirmed = rs.getTimestamp(14);
        boolean kept = rs.getBoolean(15);
        Boolean keptOrNull = rs.wasNull() ? null : kept;
        Timestamp openAsOf = rs.getTimestamp(17);
        OpenAt open = openAsOf == null ? null : new OpenAt(openAsOf.toInstant(), rs.getBoolean(18));
        return new Stored(row, rs.getString(13), confirmed == null ? null : confirmed.toInstant(), keptOrNull, Minutes.get(rs, 16), open,
                intOrNull(rs, 19));
    }

    private static Integer intOrNull(ResultSet rs, int column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    private static void delete(Connection c, String reference) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from history where reference = ?")) {
            ps.setString(1, reference);
            ps.executeUpdate();
        }
    }

    /**
     * What the statistics learn from a row: its outcome, or (delivery without outcome) one more open
     * order, counted as {@code open} says. {@code closesOpen}: the row was stored open before (counted as
     * {@code open} says), so it also leaves the open orders.
     */
    List<Observation> observe(HistoryRow r, Map<String, SiteCalendar> calendars, OpenAt open, boolean closesOpen) {
        SiteCalendar cal = calendars.computeIfAbsent(r.site(), s -> calendarFor(s, r.orderedAt().getOffset()));
        if (r.kind() == HistoryRow.Kind.SERVICE) {
            // its hour of the week at the site, as a quote's start is read there, whatever offset the export wrote
            return r.actualMinutes() == null ? List.of() : List.of(Observation.serviceOutcome(r.site(),
                    r.serviceType(), r.actualMinutes(), r.orderedAt().atZoneSameInstant(cal.site().timeZone()).toLocalDateTime())
                    .withReference(r.reference()));
        }
        LocalDate release = cal.releaseDay(r.orderedAt().toInstant());
        if (r.completedAt() == null) return opening(r, release, cal, open);
        LocalDate delivered = r.completedAt().atZoneSameInstant(cal.site().timeZone()).toLocalDate();
        int lead = (int) Math.max(0, ChronoUnit.DAYS.between(release, delivered));
        Observation outcome = Observation.outcome(Observation.Kind.DELIVERY, r.site(), r.region(), lead, delivered);
        if (!closesOpen) return List.of(outcome);
        List<Observation> out = new ArrayList<>();
        for (Observation o : opening(r, release, cal, open)) out.add(close(o));
        out.add(outcome);
        return out;
    }

    /** An open delivery: aged live (no export time), open for a fixed age as of its export, or nothing when lost. */
    private static List<Observation> opening(HistoryRow r, LocalDate release, SiteCalendar cal, OpenAt open) {
        if (open == null) return List.of(Observation.open(r.site(), r.region(), release));
        if (open.tooOld()) return List.of();
        ZoneId zone = cal.site().timeZone();
        return List.of(Observation.openAt(r.site(), r.region(), age(release, open.asOf(), zone), open.asOf().atZone(zone).toLocalDate()));
    }

    private static Observation close(Observation open) {
        return open.event() == Observation.Event.OPEN_AT ? Observation.closedAt(open.site(), open.regionOrType(), open.value(), open.day())
                : Observation.closed(open.site(), open.regionOrType(), open.day());
    }

    private SiteCalendar calendarFor(String code, ZoneId fallbackZone) {
        Site s = capacity.site(code);
        if (s == null) {
            // created in this very import: same defaults as the row inserted for it
            s = new Site(code, code, fallbackZone, null, java.util.EnumSet.allOf(java.time.DayOfWeek.class), Set.of(), null, false);
        }
        return new SiteCalendar(s);
    }

    /**
     * Stores with their rows the chances newly counted services were judged at ({@link PerformanceStats#persist}), in the
     * caller's transaction, after the rows: deleting or replacing a row then takes back that chance, a rebuild counts it.
     */
    public static void recordJudged(Connection c, Map<String, Integer> judged) throws SQLException {
        if (judged.isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement("update history set judged_chance = ? where reference = ?")) {
            int batched = 0;
            for (Map.Entry<String, Integer> e : judged.entrySet()) {
                ps.setInt(1, e.getValue());
                ps.setString(2, e.getKey());
                ps.addBatch();
                if (++batched % 1000 == 0) ps.executeBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * A row imported under a promise's own id (an order export that carries the promise id) gives way to that promise's
     * outcome, in the caller's transaction, so the order counts once: it leaves the history, its rep's record (the
     * correction is merged into {@code repRecords}, for {@link MasteryService#apply} after commit) and the statistics
     * (the observations returned, for the caller's {@link PerformanceStats#persist}). Nothing when there is none.
     */
    public List<Observation> supersede(Connection c, String reference, Map<String, double[]> repRecords) throws SQLException {
        Stored s = stored(c, List.of(reference), true).get(reference);
        if (s == null) return List.of();
        Map<String, double[]> minus = new HashMap<>();
        subtract(minus, s);
        delete(c, reference);
        mastery.persist(c, minus);
        minus.forEach((rep, d) -> repRecords.merge(rep, d, HistoryService::plus));
        LOG.infof("history row %s, imported under a promise's id, gives way to that promise's outcome", reference);
        return withdraw(s, new HashMap<>());
    }

    /**
     * Stores rows inside the caller's transaction (a promise's outcome becoming history), with their
     * kept/late verdicts and their reps' records. Returns those per-rep additions, for the caller to
     * {@link MasteryService#apply} once the transaction committed; it feeds the statistics itself.
     */
    public Map<String, double[]> insertInTransaction(Connection c, List<HistoryRow> rows) throws SQLException {
        return insertInTransaction(c, rows, Map.of());
    }

    /** The same, with the rows flagged as outliers (reference -> why): stored, kept out of the statistics until confirmed. */
    public Map<String, double[]> insertInTransaction(Connection c, List<HistoryRow> rows, Map<String, String> outliers) throws SQLException {
        Map<String, ZoneId> zones = zones(rows);
        insert(c, rows, capacity.now(), zones, outliers, Map.of());
        Map<String, double[]> repRecords = byRep(rows, zones);
        mastery.persist(c, repRecords);
        return repRecords;
    }

    /** Per rep: {finished, kept, lateness} of the rows, for the stored records. */
    private Map<String, double[]> byRep(List<HistoryRow> rows, Map<String, ZoneId> zones) {
        Map<String, double[]> out = new HashMap<>();
        for (HistoryRow r : rows) {
            Verdict v = r.rep() == null ? null : verdict(r, zones);
            if (v == null) continue;
            double[] a = out.computeIfAbsent(r.rep(), k -> new double[3]);
            a[0]++;
            if (v.kept()) a[1]++;
            else a[2] += MasteryService.lateness(r.kind() == HistoryRow.Kind.DELIVERY, v.lateBy());
        }
        return out;
    }

    /** Kept or not, and by how much it missed (days, or minutes with decimals); null when the row has no outcome or no promise. */
    record Verdict(boolean kept, double lateBy) {
    }

    static Verdict verdict(HistoryRow r, Map<String, ZoneId> zones) {
        if (r.kind() == HistoryRow.Kind.SERVICE) {
            if (r.actualMinutes() == null || r.promisedMinutes() == null) return null;
            boolean kept = Minutes.within(r.actualMinutes(), r.promisedMinutes());
            return new Verdict(kept, kept ? 0 : Minutes.decimal(r.actualMinutes() - r.promisedMinutes()).doubleValue());
        }
        if (r.completedAt() == null || r.promisedBy() == null) return null;
        ZoneId zone = zones.getOrDefault(r.site(), r.orderedAt().getOffset());
        long late = ChronoUnit.DAYS.between(r.promisedBy(), r.completedAt().atZoneSameInstant(zone).toLocalDate());
        return new Verdict(late <= 0, (int) Math.max(0, late));
    }

    private static void setVerdict(PreparedStatement ps, int i, Verdict v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BOOLEAN);
            ps.setNull(i + 1, Types.NUMERIC);
        } else {
            ps.setBoolean(i, v.kept());
            Minutes.set(ps, i + 1, v.lateBy());
        }
    }

    private Map<String, ZoneId> zones(List<HistoryRow> rows) {
        Map<String, ZoneId> zones = new HashMap<>();
        for (HistoryRow r : rows) {
            var s = capacity.site(r.site());
            zones.putIfAbsent(r.site(), s != null ? s.timeZone() : r.orderedAt().getOffset());
        }
        return zones;
    }

    private static void insert(Connection c, List<HistoryRow> rows, Instant now, Map<String, ZoneId> zones, Map<String, String> outliers,
                               Map<String, OpenAt> openAt) throws SQLException {
        String sql = "insert into history (reference, kind, site_code, region_code, service_type, rep, ordered_at, promised_by, "
                + "completed_at, promised_minutes, actual_minutes, quantity, imported_at, kept, late_by, outlier, open_as_of, open_too_old) "
                + "values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
        Timestamp imported = Timestamp.from(now);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int batched = 0;
            for (HistoryRow r : rows) {
                ps.setString(1, r.reference());
                ps.setString(2, r.kind().name());
                ps.setString(3, r.site());
                ps.setString(4, r.region());
                ps.setString(5, r.serviceType());
                ps.setString(6, r.rep());
                ps.setObject(7, r.orderedAt());
                if (r.promisedBy() == null) ps.setNull(8, Types.DATE);
                else ps.setDate(8, Date.valueOf(r.promisedBy()));
                if (r.completedAt() == null) ps.setNull(9, Types.TIMESTAMP_WITH_TIMEZONE);
                else ps.setObject(9, r.completedAt());
                Minutes.set(ps, 10, r.promisedMinutes());
                Minutes.set(ps, 11, r.actualMinutes());
                setInt(ps, 12, r.quantity());
                ps.setTimestamp(13, imported);
                setVerdict(ps, 14, verdict(r, zones));
                ps.setString(16, outliers.get(r.reference()));
                OpenAt open = openAt.get(r.reference());
                if (open == null) {
                    ps.setNull(17, Types.TIMESTAMP);
                    ps.setNull(18, Types.BOOLEAN);
                } else {
                    ps.setTimestamp(17, Timestamp.from(open.asOf()));
                    ps.setBoolean(18, open.tooOld());
                }
                ps.addBatch();
                if (++batched % 1000 == 0) ps.executeBatch();
            }
            ps.executeBatch();
        }
    }

    private static void recordOutcomes(Connection c, List<HistoryRow> rows, Map<String, ZoneId> zones, Map<String, String> outliers)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update history set completed_at = ?, actual_minutes = ?, kept = ?, late_by = ?, "
                + "outlier = ? where reference = ? and completed_at is null and actual_minutes is null")) {
            for (HistoryRow r : rows) {
                if (r.completedAt() == null) ps.setNull(1, Types.TIMESTAMP_WITH_TIMEZONE);
                else ps.setObject(1, r.completedAt());
                Minutes.set(ps, 2, r.actualMinutes());
                setVerdict(ps, 3, verdict(r, zones));
                ps.setString(5, outliers.get(r.reference()));
                ps.setString(6, r.reference());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void setInt(PreparedStatement ps, int i, Integer v) throws SQLException {
        if (v == null) ps.setNull(i, Types.INTEGER);
        else ps.setInt(i, v);
    }

    /**
     * Rebuilds the statistics from the raw history (the source of truth), e.g. after the decay
     * settings changed: every counted outcome, every delivery still open in the history, and the
     * committed deliveries still open (promises: they become history only with their outcome).
     * Streams the tables; memory holds observations, not rows.
     */
    public int rebuildStatistics() {
        return rebuildStatistics(stats.halfLifeDays());
    }

    /**
     * The same, weighting outcomes with another half-life (the rule set's parameters changed it). Validation
     * keeps reading the statistics in force until the rebuilt ones are loaded.
     */
    public int rebuildStatistics(int halfLifeDays) {
        return rebuildStatistics(halfLifeDays, stats.driftHalfLifeDays());
    }

    /** The same with another short (drift) half-life too. */
    public int rebuildStatistics(int halfLifeDays, int driftHalfLifeDays) {
        return rebuild(halfLifeDays, driftHalfLifeDays, false);
    }

    /**
     * The same, unless the statistics stored are already weighted with these half-lives: every instance on one database
     * sees a changed parameters file or a stale start, and the first to rebuild does it for all. -1 when nothing was
     * rebuilt (the stored statistics are loaded).
     */
    public int rebuildStatisticsUnlessCurrent(int halfLifeDays, int driftHalfLifeDays) {
        return rebuild(halfLifeDays, driftHalfLifeDays, true);
    }

    private int rebuild(int halfLifeDays, int driftHalfLifeDays, boolean unlessCurrent) {
        importLock.lock();
        boolean done = false;
        try {
            List<Observation> observations = new ArrayList<>();
            Map<String, SiteCalendar> calendars = new HashMap<>();
            boolean current = db.inTransaction(c -> {
                String stored = stats.lockForRebuild(c); // no other rebuild or addition interleaves, on any instance
                if (unlessCurrent && PerformanceStats.settingsFingerprint(halfLifeDays, driftHalfLifeDays).equals(stored)) return true;
                try (PreparedStatement ps = c.prepareStatement("select kind, site_code, region_code, service_type, ordered_at, "
                        + "completed_at, actual_minutes, open_as_of, open_too_old, reference, judged_chance from history "
                        + "where (outlier is null or confirmed_at is not null) "
                        + "and (completed_at is not null or actual_minutes is not null or kind = 'DELIVERY')")) {
                    ps.setFetchSize(5000);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            HistoryRow r = new HistoryRow(HistoryRow.Kind.valueOf(rs.getString(1)), rs.getString(10), rs.getString(2),
                                    rs.getString(3), rs.getString(4), null, rs.getObject(5, OffsetDateTime.class), null,
                                    rs.getObject(6, OffsetDateTime.class), null, Minutes.get(rs, 7), null);
                            Timestamp openAsOf = rs.getTimestamp(8);
                            OpenAt open = openAsOf == null ? null : new OpenAt(openAsOf.toInstant(), rs.getBoolean(9));
                            // a service counts the chance it was judged at when first counted, as the incremental statistics do
                            Integer judged = intOrNull(rs, 11);
                            for (Observation o : observe(r, calendars, open, false)) observations.add(o.withJudged(judged));
                        }
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("select site_code, region_code, release_day from promise "
                        + "where kind = 'DELIVERY' and status in ('OPEN', 'AT_RISK') and release_day is not null")) {
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) observations.add(Observation.open(rs.getString(1), rs.getString(2), rs.getDate(3).toLocalDate()));
                    }
                }
                stats.replaceAll(c, observations, halfLifeDays, driftHalfLifeDays);
                changes.record(c, ChangeLog.Kind.STATS);
                return false;
            });
            stats.load();
            done = true;
            return current ? -1 : observations.size();
        } finally {
            if (!done) {
                try {
                    stats.load(); // rolled back: back to the half-life the stored weights still have
                } catch (RuntimeException ignored) {
                    // the rebuild's own failure is the one reported; the next load adopts the stored half-life
                }
            }
            importLock.unlock();
        }
    }
}
