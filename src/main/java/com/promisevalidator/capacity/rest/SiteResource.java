package com.promisevalidator.capacity.rest;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;

import com.promisevalidator.access.rest.BodyLimited;
import com.promisevalidator.capacity.model.Inbound;
import com.promisevalidator.capacity.model.Lane;
import com.promisevalidator.capacity.model.ServiceOffer;
import com.promisevalidator.capacity.model.Site;
import com.promisevalidator.capacity.model.StockLevel;
import com.promisevalidator.capacity.service.CapacityService;
import com.promisevalidator.capacity.service.DayNames;
import com.promisevalidator.common.FieldError;
import com.promisevalidator.common.Limits;
import com.promisevalidator.common.ProblemException;
import com.promisevalidator.common.Roles;
import com.promisevalidator.performance.service.PerformanceStats;

import io.quarkus.security.Authenticated;

/** Master data: sites, their stock, lanes and service types. Any key reads; ops (and admin) write. */
@BodyLimited
@Path("/api/v1/sites")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SiteResource {

    static final String CODE = Limits.CODE_PATTERN; // the same rule as the history import's, so every imported code can be configured
    static final String CODE_MSG = Limits.CODE_RULE;

    private final CapacityService capacity;
    private final PerformanceStats stats;
    private final com.promisevalidator.history.service.HistoryService history;

    public SiteResource(CapacityService capacity, PerformanceStats stats, com.promisevalidator.history.service.HistoryService history) {
        this.capacity = capacity;
        this.stats = stats;
        this.history = history;
    }

    @GET
    @APIResponse(responseCode = "200", description = "Every site", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = SiteViews.SiteView.class)))
    public List<Map<String, Object>> list() {
        return capacity.sites().stream().map(this::withServices).toList();
    }

    @GET
    @Path("{code}")
    @APIResponseSchema(value = SiteViews.SiteView.class, responseCode = "200", responseDescription = "The site")
    public Map<String, Object> get(@PathParam("code") String code) {
        return withServices(requireSite(code));
    }

    @PUT
    @RolesAllowed({Roles.OPS, Roles.ADMIN})
    @Path("{code}")
    @APIResponseSchema(value = SiteViews.SiteView.class, responseCode = "200", responseDescription = "The site as stored")
    public Map<String, Object> put(@PathParam("code") @Pattern(regexp = CODE, message = CODE_MSG) String code,
                                   @Valid @NotNull(message = "a JSON body is required") SiteRequest body) {
        // every field was checked by Bean Validation (SiteRequest), all at once: here they are only converted
        ZoneId zone = ZoneId.of(body.timeZone());
        Set<DayOfWeek> days = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
        if (body.workingDays() != null) {
            days = EnumSet.noneOf(DayOfWeek.class);
            for (String d : body.workingDays()) days.add(DayNames.parse(d));
        }
        Set<LocalDate> holidays = body.holidays() == null ? Set.of()
                : body.holidays().stream().map(LocalDate::parse).collect(java.util.stream.Collectors.toUnmodifiableSet());
        Integer orders = body.dailyCapacity() == null ? null : body.dailyCapacity().get("orders");
        Site site = new Site(code, body.name() == null ? code : body.name(), zone,
                body.cutoff() == null ? null : LocalTime.parse(body.cutoff()), days,
                holidays, orders, true);
        Site before = capacity.site(code); // the view: a new code costs no database look-up
        Map<String, Object> stored = withServices(capacity.putSite(site));
        // the site's history was counted on its clock: the days its orders were released and its deliveries arrived. A
        // clock set after the import (a site the import made, in the offset of its rows), or one corrected, counts it
        // again (probe arr H1: a Honolulu site imported as UTC kept UTC arrival days)
        if (before != null && (!before.configured() || !before.timeZone().equals(zone)) && stats.hasSite(code)) history.rebuildStatistics();
        return stored;
    }

    @GET
    @Path("{code}/stock")
    @APIResponse(responseCode = "200", description = "Every SKU stocked at the site", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = SiteViews.StockView.class)))
    public List<Map<String, Object>> stock(@PathParam("code") String code) {
        requireSite(code);
        return capacity.stockAt(code).stream().sorted((a, b) -> a.sku().compareTo(b.sku())).map(SiteResource::view).toList();
    }

    @GET
    @Path("{code}/stock/{sku}")
    @APIResponseSchema(value = SiteViews.StockView.class, responseCode = "200", responseDescription = "The SKU at the site")
    public Map<String, Object> getStock(@PathParam("code") String code, @PathParam("sku") String sku) {
        requireSite(code);
        StockLevel s = capacity.findStock(code, sku);
        if (s == null) throw ProblemException.notFound("No stock of '" + sku + "' at site '" + code + "'");
        return view(s);
    }

    @PUT
    @RolesAllowed({Roles.OPS, Roles.ADMIN})
    @Path("{code}/stock/{sku}")
    @APIResponseSchema(value = SiteViews.StockView.class, responseCode = "200", responseDescription = "The SKU as stored")
    public Map<String, Object> putStock(@PathParam("code") String code,
                                        @PathParam("sku") @Pattern(regexp = "[^\\s/\\x00]{1,128}", message = "must be 1-128 characters without spaces") String sku,
                                        @Valid @NotNull(message = "a JSON body is required") StockRequest body) {
        Site site = requireSite(code);
        List<Inbound> inbound = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        if (body.inbound() != null) {
            for (int i = 0; i < body.inbound().size(); i++) {
                StockRequest.InboundRequest in = body.inbound().get(i);
                // @IsoDate checked the text and its own date; a timestamp's day at the site may still cross the range's end
                LocalDate day = parseDay(in.arrives(), site);
                if (day == null) errors.add(new FieldError("inbound[" + i + "].arrives", "'" + in.arrives() + "' is not a date (YYYY-MM-DD) or ISO-8601 timestamp"));
                else if (!Limits.dateInRange(day)) errors.add(new FieldError("inbound[" + i + "].arrives", Limits.dateRangeMessage()));
                else inbound.add(new Inbound(in.quantity(), day));
            }
        }
        if (!errors.isEmpty()) throw ProblemException.badRequest("The stock has " + errors.size() + " invalid field(s)", errors);
        // a count below what is promised is a fact to record, not an error: the promises it no longer covers
        // become AT_RISK (STOCK_SHORT) at the next re-check, and the answer says how many units are short
        StockLevel saved = capacity.putStock(code, sku, body.onHand(), inbound);
        Map<String, Object> m = view(saved);
        int shortBy = (int) m.get("short");
        if (shortBy > 0) {
            m.put("warning", shortBy + " of the " + saved.reserved() + " units promised from this stock are not on hand; open promises that "
                    + "inbound supply cannot cover by their dispatch day become AT_RISK (STOCK_SHORT)");
        }
        return m;
    }

    @GET
    @Path("{code}/lanes/{region}")
    @APIResponseSchema(value = SiteViews.LaneView.class, responseCode = "200", responseDescription = "The lane")
    public Map<String, Object> getLane(@PathParam("code") String code, @PathParam("region") String region) {
        requireSite(code);
        Lane l = capacity.findLane(code, region);
        if (l == null) throw ProblemException.notFound("No lane from '" + code + "' to '" + region + "'");
        return view(l);
    }

    @PUT
    @RolesAllowed({Roles.OPS, Roles.ADMIN})
    @Path("{code}/lanes/{region}")
    @APIResponseSchema(value = SiteViews.LaneView.class, responseCode = "200", responseDescription = "The lane as stored")
    public Map<String, Object> putLane(@PathParam("code") String code,
                                       @PathParam("region") @Pattern(regexp = CODE, message = CODE_MSG) String region,
                                       @Valid @NotNull(message = "a JSON body is required") LaneRequest body) {
        requireSite(code);
        return view(capacity.putLane(code, region, body.transitDays()));
    }

    /**
     * One service type known at the site, as the site view lists it ({@link #withServices}), with the site: set up, or
     * known only from the site's history ({@code fromHistory: true}). 404 when neither.
     */
    @GET
    @Path("{code}/services/{type}")
    @APIResponseSchema(value = SiteViews.SiteServiceView.class, responseCode = "200", responseDescription = "The service type at the site")
    public Map<String, Object> getService(@PathParam("code") String code, @PathParam("type") String type) {
        Site site = requireSite(code);
        ServiceOffer o = capacity.findService(code, type);
        if (o != null) return withSite(o.site(), serviceEntry(o));
        PerformanceStats.ServiceDone d = stats.serviceDoneAt(site.code(), type);
        if (d == null) throw ProblemException.notFound("Site '" + code + "' offers no service '" + type + "' and has no finished jobs of it in its history");
        return withSite(site.code(), serviceEntry(d));
    }

    @PUT
    @RolesAllowed({Roles.OPS, Roles.ADMIN})
    @Path("{code}/services/{type}")
    @APIResponseSchema(value = SiteViews.SiteServiceView.class, responseCode = "200", responseDescription = "The service type as stored")
    public Map<String, Object> putService(@PathParam("code") String code,
                                          @PathParam("type") @Pattern(regexp = CODE, message = CODE_MSG) String type,
                                          @Valid @NotNull(message = "a JSON body is required") ServiceRequest body) {
        requireSite(code);
        ServiceOffer saved = capacity.putService(new ServiceOffer(code, type, body.bays(), OpeningHours.Validator.opens(body.openingHours()),
                OpeningHours.Validator.closes(body.openingHours()), com.promisevalidator.common.Minutes.normalise(body.standardMinutes()))); // checked by @OpeningHours
        return withSite(saved.site(), serviceEntry(saved));
    }

    /** The site, looked up in the database when the view lacks it (another instance may have created it). */
    private Site requireSite(String code) {
        Site s = capacity.findSite(code);
        if (s == null) throw ProblemException.notFound("Site '" + code + "' does not exist");
        return s;
    }

    /**
     * The first day inbound supply can leave with an order: its date; for a timestamp, its day at the site, or the next day
     * when it arrives after the site's cut-off (probe P7 M1: 23:00 counted for a dispatch that closed at 14:00).
     */
    static LocalDate parseDay(String text, Site site) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            try {
                java.time.LocalDateTime local = OffsetDateTime.parse(text).atZoneSameInstant(site.timeZone()).toLocalDateTime();
                boolean late = site.cutoff() != null && local.toLocalTime().isAfter(site.cutoff());
                return late ? local.toLocalDate().plusDays(1) : local.toLocalDate();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    /**
     * The site with the service types this service knows there, by type: those set up (PUT .../services/{type}) as set
     * up; those known only from the site's imported history (what a quote for them is answered from) with
     * {@code fromHistory: true}, how many jobs that history holds and its median as the standard, and no bays or opening
     * hours (none are set, so none are checked).
     */
    private Map<String, Object> withServices(Site s) {
        Map<String, Object> m = view(s);
        Map<String, Map<String, Object>> services = new java.util.TreeMap<>();
        for (ServiceOffer o : capacity.servicesAt(s.code())) services.put(o.type(), serviceEntry(o));
        for (PerformanceStats.ServiceDone d : stats.servicesDoneAt(s.code())) {
            // set up: its bays and hours are what a quote is checked against
            if (!services.containsKey(d.type())) services.put(d.type(), serviceEntry(d));
        }
        m.put("services", List.copyOf(services.values()));
        return m;
    }

    /** A service type set up at a site, as the site view lists it: its bays, opening hours and standard minutes. */
    static Map<String, Object> serviceEntry(ServiceOffer o) {
        Map<String, Object> v = view(o);
        v.remove("site");
        v.put("fromHistory", false);
        return v;
    }

    /** A service type known only from a site's history, as the site view lists it: the learned standard and the jobs behind it. */
    static Map<String, Object> serviceEntry(PerformanceStats.ServiceDone d) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("serviceType", d.type());
        v.put("standardMinutes", d.medianMinutes());
        v.put("fromHistory", true);
        v.put("sampleSize", d.jobs());
        return v;
    }

    /** A site view entry answered on its own: the site first, then the entry. */
    private static Map<String, Object> withSite(String site, Map<String, Object> entry) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("site", site);
        m.putAll(entry);
        return m;
    }

    static Map<String, Object> view(Site s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", s.code());
        m.put("name", s.name());
        m.put("timeZone", s.timeZone().getId());
        m.put("cutoff", s.cutoff() == null ? null : s.cutoff().toString());
        m.put("workingDays", s.workingDays().stream().sorted().map(d -> d.name().substring(0, 3)).toList());
        m.put("holidays", new TreeSet<>(s.holidays()).stream().map(LocalDate::toString).toList());
        m.put("dailyCapacity", s.dailyOrders() == null ? Map.of() : Map.of("orders", s.dailyOrders()));
        m.put("configured", s.configured());
        return m;
    }

    static Map<String, Object> view(StockLevel s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("site", s.site());
        m.put("sku", s.sku());
        m.put("onHand", s.onHand());
        m.put("reserved", s.reserved());
        m.put("available", s.onHand() - s.reserved());
        m.put("short", Math.max(0, s.reserved() - s.onHand())); // promised units not on hand now
        m.put("inbound", s.inbound().stream().map(i -> Map.of("quantity", i.quantity(), "arrives", i.arrives())).toList());
        return m;
    }

    static Map<String, Object> view(Lane l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("site", l.site());
        m.put("region", l.region());
        m.put("transitDays", l.transitDays());
        return m;
    }

    static Map<String, Object> view(ServiceOffer o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("site", o.site());
        m.put("serviceType", o.type());
        m.put("bays", o.bays());
        m.put("openingHours", o.opens() + "-" + (o.closes().equals(LocalTime.MAX) ? "24:00" : o.closes().toString()));
        m.put("standardMinutes", com.promisevalidator.common.Minutes.decimal(o.standardMinutes())); // 20, 12.5
        return m;
    }
}
