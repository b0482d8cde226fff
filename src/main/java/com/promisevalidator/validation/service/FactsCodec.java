package com.promisevalidator.validation.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.promisevalidator.capacity.model.BayBooking;
import com.promisevalidator.capacity.model.Lane;
import com.promisevalidator.capacity.model.ServiceOffer;
import com.promisevalidator.capacity.model.Site;
import com.promisevalidator.capacity.model.StockLevel;
import com.promisevalidator.performance.model.ArrivalDays;
import com.promisevalidator.performance.model.Distribution;
import com.promisevalidator.performance.model.Mastery;

/**
 * The facts a decision met as JSON, and back. The text is canonical (keys sorted, sets as sorted lists), so
 * the same facts always give the same text and the same content hash: decisions that met the same facts
 * share one stored snapshot. Serialising is off the request path (the decision log's writer); each fact
 * object's text is cached by identity, since the in-memory views hand out the same immutable object until
 * it changes (a distribution until the statistics move, a site until it is edited).
 */
public final class FactsCodec {

    /** Cached fact texts before the cache is emptied (it holds the objects, so it is bounded). */
    private static final int CACHE_MAX = 20_000;
    /**
     * The steps of the distributions each cache may hold before it is emptied (64 MB of chances): a multi-day repair's
     * minutes are 100,000 tenths, and 20,000 of them held by identity filled a 6 GB heap in a day's replay (probe kinds H3).
     */
    static final long CACHE_MAX_STEPS = 8_000_000;

    record SiteFact(String code, String name, String zone, LocalTime cutoff, List<DayOfWeek> workingDays, List<LocalDate> holidays,
                    Integer dailyOrders, boolean configured) {
        static SiteFact of(Site s) {
            List<DayOfWeek> days = new ArrayList<>(s.workingDays());
            days.sort(null);
            List<LocalDate> holidays = new ArrayList<>(s.holidays());
            holidays.sort(null);
            return new SiteFact(s.code(), s.name(), s.timeZone().getId(), s.cutoff(), days, holidays, s.dailyOrders(), s.configured());
        }

        Site site() {
            return new Site(code, name, ZoneId.of(zone), cutoff, new HashSet<>(workingDays), new HashSet<>(holidays), dailyOrders, configured);
        }
    }

    /**
     * A distribution with its leading zeros counted rather than written (lead-day arrays start with many), and the
     * open orders behind it with the estimate without them (so a replay gives the same drift finding); those three
     * are absent when nothing was open (and in snapshots recorded before they were kept); {@code memoryDays} when the estimate
     * rested on a short memory (a market-wide slowdown); {@code pace} when it was stretched by deliveries' recent pace; {@code timeFactor} and {@code timeBand} when a time-of-week effect
     * applied (service minutes). A long array that changes at few of its steps (service minutes held in tenths of a minute:
     * a multi-day repair has 100,000 steps, and a chance that moves only where some job ended) is written as its changes:
     * {@code at} the steps (after the zeros) where a new value starts, {@code cdf} those values, {@code length} the steps in
     * all. Lossless: the same doubles come back.
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record DistributionFact(int zeros, double[] cdf, long n, double nEff, String source, boolean fromHistory, int perUnit, int buffer,
                            Long open, java.util.TreeMap<Integer, Long> openByAge, DistributionFact withoutOpen, Integer memoryDays,
                            Double timeFactor, String timeBand, Double standardRatio, Long standardJobs, Integer standardServices,
                            java.util.List<String> noArrivalDays, Double pace, int[] at, Integer length) {
        static DistributionFact of(Distribution d) {
            double[] c = d.cdf();
            int z = 0;
            while (z < c.length && c[z] == 0.0) z++;
            int changes = 0;
            for (int i = z; i < c.length; i++) if (i == z || c[i] != c[i - 1]) changes++;
            boolean compact = 2 * changes < c.length - z; // as changes when that is shorter than every step
            int[] at = compact ? new int[changes] : null;
            double[] values = compact ? new double[changes] : Arrays.copyOfRange(c, z, c.length);
            for (int i = z, k = 0; compact && i < c.length; i++) {
                if (i == z || c[i] != c[i - 1]) {
                    at[k] = i - z;
                    values[k++] = c[i];
                }
            }
            var a = d.ageing();
            return new DistributionFact(z, values, d.n(), d.nEff(), d.source(), d.fromHistory(), d.perUnit(),
                    d.buffer(), a == null ? null : a.open(), a == null ? null : new java.util.TreeMap<>(a.openByAge()),
                    a == null ? null : of(a.withoutOpen()), d.memoryDays() > 0 ? d.memoryDays() : null,
                    d.timeBand() == null ? null : d.timeFactor(), d.timeBand(), d.standard() == null ? null : d.standard().median(),
                    d.standard() == null ? null : d.standard().jobs(), d.standard() == null ? null : d.standard().services(),
                    d.noArrivalDays() == 0 ? null : ArrivalDays.names(d.noArrivalDays()), d.pace() == 1.0 ? null : d.pace(),
                    at, compact ? c.length - z : null);
        }

        Distribution distribution() {
            double[] c = new double[zeros + (at == null ? cdf.length : length)];
            if (at == null) {
                System.arraycopy(cdf, 0, c, zeros, cdf.length);
            } else {
                for (int k = 0; k < at.length; k++) {
                    int end = k + 1 < at.length ? at[k + 1] : length;
                    Arrays.fill(c, zeros + at[k], zeros + end, cdf[k]);
                }
            }
            com.promisevalidator.performance.model.Ageing ageing = open == null || withoutOpen == null ? null
                    : new com.promisevalidator.performance.model.Ageing(open, openByAge == null ? new java.util.TreeMap<>() : openByAge,
                            withoutOpen.distribution());
            return new Distribution(c, n, nEff, source, fromHistory, perUnit, buffer, ageing, memoryDays == null ? 0 : memoryDays,
                    timeFactor == null ? 1.0 : timeFactor, timeBand,
                    standardRatio == null ? null : new Distribution.StandardRatio(standardRatio, standardJobs == null ? 0 : standardJobs,
                            standardServices == null ? 0 : standardServices), ArrivalDays.mask(noArrivalDays), pace == null ? 1.0 : pace);
        }
    }

    private record Identity(Object o) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Identity i && i.o == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(o);
        }
    }

    private final ObjectMapper json;
    private final ObjectMapper reader;
    private final Map<Identity, String> texts = new ConcurrentHashMap<>();

    public FactsCodec(ObjectMapper json) {
        this.json = json;
        // our own output, read back: a member written only when set (ServiceOffer.fromHistory) reads as its default
        this.reader = json.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }

    /** A snapshot's text and its content hash (SHA-256, hex). */
    public record Snapshot(String hash, String json) {
    }

    /**
     * The snapshot of the facts met. Most decisions meet the very objects an earlier one met (the views hand out
     * the same immutable values until something changes), so the snapshot is remembered by those references and
     * written and hashed once per content version rather than once per decision.
     */
    public Snapshot snapshot(FactsMet met) {
        Signature key = Signature.of(met);
        Snapshot known = snapshots.get(key);
        if (known != null) return known;
        String text = write(met);
        Snapshot made = new Snapshot(hash(text), text);
        if (snapshots.size() >= SNAPSHOTS_MAX || snapshotSteps.addAndGet(key.steps) > CACHE_MAX_STEPS) {
            snapshots.clear();
            snapshotSteps.set(key.steps);
        }
        snapshots.put(key, made);
        return made;
    }

    /** The steps a distribution holds, with the estimate without its open orders (what it keeps alive in a cache); 0 for other facts. */
    static long steps(Object o) {
        return o instanceof Distribution d ? d.steps() + (d.ageing() == null ? 0 : d.ageing().withoutOpen().steps()) : 0;
    }

    private final java.util.concurrent.atomic.AtomicLong snapshotSteps = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong textSteps = new java.util.concurrent.atomic.AtomicLong();

    private static final int SNAPSHOTS_MAX = 5_000;
    private final Map<Signature, Snapshot> snapshots = new ConcurrentHashMap<>();

    /**
     * The facts met by reference: what was asked (keys, in order) and the object found, compared by identity;
     * strings, lists of them and {@link Mastery} values (made afresh per read) by value.
     */
    static final class Signature {
        private final Object[] parts;
        /** The steps of the distributions it holds by reference. */
        final long steps;
        private final int hash;

        private Signature(Object[] parts) {
            this.parts = parts;
            long n = 0;
            for (Object o : parts) n += FactsCodec.steps(o);
            this.steps = n;
            int h = 1;
            for (Object o : parts) h = 31 * h + partHash(o);
            this.hash = h;
        }

        static Signature of(FactsMet m) {
            List<Object> parts = new ArrayList<>(32);
            add(parts, 1, m.bookings);
            add(parts, 2, m.history);
            add(parts, 3, m.lane);
            add(parts, 4, m.lanesTo);
            add(parts, 5, m.leadTime);
            add(parts, 6, m.ordersTaken);
            add(parts, 7, m.reps);
            add(parts, 8, m.serviceMinutes);
            add(parts, 9, m.service);
            add(parts, 10, m.site);
            add(parts, 11, m.stock);
            add(parts, 14, m.regionLike);
            parts.add(12);
            parts.add(m.sites);
            parts.add(13);
            parts.add(m.shipping);
            return new Signature(parts.toArray());
        }

        private static void add(List<Object> parts, int section, Map<String, ?> values) {
            parts.add(section);
            parts.add(values.size());
            if (values.size() == 1) {
                Map.Entry<String, ?> e = values.entrySet().iterator().next();
                parts.add(e.getKey());
                parts.add(e.getValue());
            } else if (!values.isEmpty()) {
                String[] keys = values.keySet().toArray(new String[0]);
                Arrays.sort(keys);
                for (String k : keys) {
                    parts.add(k);
                    parts.add(values.get(k));
                }
            }
        }

        private static boolean byValue(Object o) {
            return o instanceof String || o instanceof Integer || o instanceof Mastery;
        }

        private static int partHash(Object o) {
            if (o == null) return 0;
            if (byValue(o)) return o.hashCode();
            if (o instanceof List<?> l) {
                int h = 1;
                for (Object e : l) h = 31 * h + partHash(e);
                return h;
            }
            return System.identityHashCode(o);
        }

        private static boolean same(Object a, Object b) {
            if (a == b) return true;
            if (a == null || b == null) return false;
            if (byValue(a)) return a.equals(b);
            if (a instanceof List<?> x && b instanceof List<?> y) {
                if (x.size() != y.size()) return false;
                for (int i = 0; i < x.size(); i++) {
                    if (!same(x.get(i), y.get(i))) return false;
                }
                return true;
            }
            return false;
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof Signature s) || s.hash != hash || s.parts.length != parts.length) return false;
            for (int i = 0; i < parts.length; i++) {
                if (!same(parts[i], s.parts[i])) return false;
            }
            return true;
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** The canonical text of the facts met. */
    public String write(FactsMet m) {
        StringBuilder out = new StringBuilder(1024).append('{');
        boolean[] first = {true};
        section(out, first, "bookings", m.bookings, v -> cached(v, v));
        section(out, first, "history", m.history, this::text);
        section(out, first, "lanes", m.lane, this::text);
        section(out, first, "lanesTo", m.lanesTo, this::text);
        section(out, first, "leadTime", m.leadTime, v -> cached(v, DistributionFact.of(v)));
        section(out, first, "ordersTaken", m.ordersTaken, v -> cached(v, new TreeMap<>(v)));
        section(out, first, "regionLike", m.regionLike, this::text);
        section(out, first, "reps", m.reps, this::text);
        section(out, first, "serviceMinutes", m.serviceMinutes, v -> cached(v, DistributionFact.of(v)));
        section(out, first, "services", m.service, v -> cached(v, v));
        section(out, first, "sites", m.site, v -> cached(v, SiteFact.of(v)));
        if (m.sites != null) {
            out.append(first[0] ? "" : ",").append("\"siteList\":").append(text(m.sites));
            first[0] = false;
        }
        if (m.shipping != null) {
            out.append(first[0] ? "" : ",").append("\"sitesShipping\":").append(text(m.shipping));
            first[0] = false;
        }
        section(out, first, "stock", m.stock, v -> cached(v, v));
        return out.append('}').toString();
    }

    private <V> void section(StringBuilder out, boolean[] first, String name, Map<String, V> values, Function<V, String> text) {
        if (values.isEmpty()) return;
        out.append(first[0] ? "" : ",").append('"').append(name).append("\":{");
        first[0] = false;
        boolean firstEntry = true;
        for (Map.Entry<String, V> e : new TreeMap<>(values).entrySet()) {
            out.append(firstEntry ? "" : ",").append(text(e.getKey())).append(':');
            out.append(e.getValue() == null ? "null" : text.apply(e.getValue()));
            firstEntry = false;
        }
        out.append('}');
    }

    private String cached(Object identity, Object value) {
        Identity key = new Identity(identity);
        String t = texts.get(key);
        if (t == null) {
            t = text(value);
            long n = steps(identity);
            if (texts.size() >= CACHE_MAX || textSteps.addAndGet(n) > CACHE_MAX_STEPS) {
                texts.clear();
                textSteps.set(n);
            }
            texts.put(key, t);
        }
        return t;
    }

    private String text(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("facts could not be written", e);
        }
    }

    static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The facts of a stored snapshot. */
    public FactsMet read(String text) {
        try {
            JsonNode root = reader.readTree(text);
            FactsMet m = new FactsMet();
            read(root, "bookings", m.bookings, v -> reader.convertValue(v, new TypeReference<List<BayBooking>>() { }));
            read(root, "history", m.history, v -> reader.convertValue(v, new TypeReference<List<String>>() { }));
            read(root, "lanes", m.lane, v -> reader.convertValue(v, Lane.class));
            read(root, "lanesTo", m.lanesTo, v -> reader.convertValue(v, new TypeReference<List<Lane>>() { }));
            read(root, "leadTime", m.leadTime, v -> reader.convertValue(v, DistributionFact.class).distribution());
            read(root, "ordersTaken", m.ordersTaken, v -> reader.convertValue(v, new TypeReference<TreeMap<LocalDate, Integer>>() { }));
            read(root, "regionLike", m.regionLike, JsonNode::asText);
            read(root, "reps", m.reps, v -> reader.convertValue(v, Mastery.class));
            read(root, "serviceMinutes", m.serviceMinutes, v -> reader.convertValue(v, DistributionFact.class).distribution());
            read(root, "services", m.service, v -> reader.convertValue(v, ServiceOffer.class));
            read(root, "sites", m.site, v -> reader.convertValue(v, SiteFact.class).site());
            read(root, "stock", m.stock, v -> reader.convertValue(v, StockLevel.class));
            if (root.has("siteList")) m.sites = reader.convertValue(root.get("siteList"), new TypeReference<List<String>>() { });
            if (root.has("sitesShipping")) m.shipping = reader.convertValue(root.get("sitesShipping"), new TypeReference<List<String>>() { });
            return m;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException("stored facts are unreadable: " + e.getMessage(), e);
        }
    }

    private static <V> void read(JsonNode root, String name, Map<String, V> into, Function<JsonNode, V> value) {
        JsonNode section = root.get(name);
        if (section == null) return;
        for (Iterator<Map.Entry<String, JsonNode>> it = section.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            into.put(e.getKey(), e.getValue().isNull() ? null : value.apply(e.getValue()));
        }
    }
}
