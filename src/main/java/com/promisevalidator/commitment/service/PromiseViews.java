package com.promisevalidator.commitment.service;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.promisevalidator.capacity.model.Site;
import com.promisevalidator.capacity.service.CapacityService;
import com.promisevalidator.commitment.model.PromiseStatus;
import com.promisevalidator.commitment.model.PromiseView;
import com.promisevalidator.common.Caller;
import com.promisevalidator.common.ProblemException;
import com.promisevalidator.db.Database;

/** Reading promises: one, a page of them, and how a promise row is shown (times in its site's zone, to the second). */
@Singleton
public class PromiseViews {

    private static final Logger LOG = Logger.getLogger(PromiseViews.class);

    private final Database db;
    private final CapacityService capacity;
    private final Caller caller;
    private final ObjectMapper json;

    public PromiseViews(Database db, CapacityService capacity, Caller caller, ObjectMapper json) {
        this.db = db;
        this.capacity = capacity;
        this.caller = caller;
        this.json = json;
    }

    /** One promise; a rep key sees only its own (403). */
    public PromiseView get(String id) {
        PromiseRow p = requireRow(id);
        caller.requireOwn(p.rep(), "Promise " + id);
        capacity.findSite(p.site()); // a site another instance created: its time zone, not UTC
        return view(p);
    }

    /** Promises, newest first; a rep key lists only its own. */
    public List<PromiseView> list(PromiseStatus status, int limit, int offset) {
        String rep = caller.restrictedRep();
        List<PromiseRow> rows = db.query(c -> PromiseRepository.list(c, status, rep, limit, offset));
        rows.stream().map(PromiseRow::site).distinct().forEach(capacity::findSite);
        return rows.stream().map(this::view).toList();
    }

    /** The promise a decision was already committed as, or null (a cancelled or expired one does not count). */
    PromiseRow committedFor(String decisionId) {
        return db.query(c -> PromiseRepository.findCommittedByDecision(c, decisionId));
    }

    /** The promise row, or 404. */
    PromiseRow requireRow(String id) {
        PromiseRow p = db.query(c -> PromiseRepository.find(c, id, false));
        if (p == null) throw ProblemException.notFound("Promise " + id + " does not exist");
        return p;
    }

    PromiseView view(PromiseRow p) {
        Site site = capacity.site(p.site());
        ZoneId zone = site == null ? ZoneId.of("UTC") : site.timeZone();
        List<Map<String, Object>> stock = p.lines().isEmpty() ? null
                : p.lines().stream().map(l -> Map.<String, Object>of("sku", l.sku(), "quantity", l.quantity())).toList();
        PromiseView.Holds holds = p.isDelivery()
                ? new PromiseView.Holds(stock, p.dispatchDay(), null, null)
                : new PromiseView.Holds(null, null, at(p.startAt(), zone), at(bayUntil(p), zone));
        PromiseView.Risk risk = p.status() == PromiseStatus.AT_RISK ? risk(p, zone) : null;
        return new PromiseView(p.id(), p.status(), p.kind(), p.decisionId(), p.quoteId(), p.rep(), p.customer(), p.site(), p.region(),
                p.serviceType(), at(p.orderedAt(), zone), p.promisedBy(), at(p.startAt(), zone), p.promisedMinutes(), p.target(),
                p.confidence(), p.currentConfidence(), risk, holds, at(p.holdExpiresAt(), zone), at(p.completedAt(), zone),
                p.actualMinutes(), at(p.createdAt(), zone), at(p.updatedAt(), zone));
    }

    /** The end of a service's bay booking: as booked, or when the job ended once its outcome is recorded (the bay is free then). */
    private static java.time.Instant bayUntil(PromiseRow p) {
        java.time.Instant booked = p.bookedUntil();
        if (p.actualMinutes() == null) return booked;
        java.time.Instant ended = p.startAt().plus(Duration.ofMillis(Math.round(p.actualMinutes() * 60_000)));
        return ended.isBefore(booked) ? ended : booked;
    }

    /** risk_reason holds {"code","message","evidence"} (see AtRiskMonitor); older rows hold the plain sentence. */
    private PromiseView.Risk risk(PromiseRow p, ZoneId zone) {
        Object recommended = readJson(p.riskRecommended());
        String text = p.riskReason();
        if (text != null && text.startsWith("{")) {
            try {
                AtRiskMonitor.RiskReason r = json.readValue(text, AtRiskMonitor.RiskReason.class);
                return new PromiseView.Risk(r.code(), r.message(), r.evidence(), recommended, at(p.checkedAt(), zone));
            } catch (JsonProcessingException e) {
                LOG.debugf("unreadable risk reason of %s: %s", p.id(), e.getMessage());
            }
        }
        return new PromiseView.Risk(null, text, null, recommended, at(p.checkedAt(), zone));
    }

    private Object readJson(String s) {
        if (s == null) return null;
        try {
            return json.readTree(s);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** Answers give times with an offset, to the second (one format for every answer; the database may keep more). */
    static OffsetDateTime at(Instant t, ZoneId zone) {
        return t == null ? null : t.truncatedTo(ChronoUnit.SECONDS).atZone(zone).toOffsetDateTime();
    }
}
