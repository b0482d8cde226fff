package com.promisevalidator.capacity.service;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.promisevalidator.capacity.model.BayBooking;
import com.promisevalidator.capacity.model.Inbound;
import com.promisevalidator.capacity.model.Lane;
import com.promisevalidator.capacity.model.ServiceOffer;
import com.promisevalidator.capacity.model.Site;
import com.promisevalidator.capacity.model.StockLevel;

/** Plain JDBC for master data; every method takes the caller's connection so callers own transactions. */
final class CapacityRepository {

    private CapacityRepository() {
    }

    /** " where a = ? and b = ?" over the columns whose value is given (null: any). */
    private static String where(String[] columns, String... values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < columns.length; i++) {
            if (values[i] != null) sb.append(sb.length() == 0 ? " where " : " and ").append(columns[i]).append(" = ?");
        }
        return sb.toString();
    }

    private static void bind(PreparedStatement ps, int first, String... values) throws SQLException {
        int i = first;
        for (String v : values) {
            if (v != null) ps.setString(i++, v);
        }
    }

    static Map<String, Site> loadSites(Connection c, String onlyCode) throws SQLException {
        Map<String, Set<LocalDate>> holidays = new HashMap<>();
        String hsql = "select site_code, local_day from site_holiday" + (onlyCode != null ? " where site_code = ?" : "");
        try (PreparedStatement ps = c.prepareStatement(hsql)) {
            if (onlyCode != null) ps.setString(1, onlyCode);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) holidays.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getDate(2).toLocalDate());
            }
        }
        Map<String, Site> sites = new HashMap<>();
        String sql = "select code, name, time_zone, cutoff, working_days, daily_orders, configured from site" + (onlyCode != null ? " where code = ?" : "");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (onlyCode != null) ps.setString(1, onlyCode);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String code = rs.getString(1);
                    String cutoff = rs.getString(4);
                    int daily = rs.getInt(6);
                    Integer dailyOrders = rs.wasNull() ? null : daily;
                    sites.put(code, new Site(code, rs.getString(2), ZoneId.of(rs.getString(3)),
                            cutoff == null ? null : LocalTime.parse(cutoff), parseDays(rs.getString(5)),
                            Set.copyOf(holidays.getOrDefault(code, Set.of())), dailyOrders, rs.getBoolean(7)));
                }
            }
        }
        return sites;
    }

    static Set<DayOfWeek> parseDays(String csv) {
        EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String d : csv.split(",")) {
            if (!d.isBlank()) days.add(DayNames.parse(d.trim()));
        }
        return days;
    }

    static void upsertSite(Connection c, Site s, Instant now) throws SQLException {
        boolean exists;
        try (PreparedStatement ps = c.prepareStatement("select 1 from site where code = ?")) {
            ps.setString(1, s.code());
            try (ResultSet rs = ps.executeQuery()) {
                exists = rs.next();
            }
        }
        String sql = exists
                ? "update site set name = ?, time_zone = ?, cutoff = ?, working_days = ?, daily_orders = ?, configured = ?, updated_at = ? where code = ?"
                : "insert into site (name, time_zone, cutoff, working_days, daily_orders, configured, updated_at, code) values (?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, s.name());
            ps.setString(2, s.timeZone().getId());
            ps.setString(3, s.cutoff() == null ? null : s.cutoff().toString());
            ps.setString(4, DayNames.format(s.workingDays()));
            if (s.dailyOrders() == null) ps.setNull(5, java.sql.Types.INTEGER);
            else ps.setInt(5, s.dailyOrders());
            ps.setBoolean(6, s.configured());
            ps.setTimestamp(7, Timestamp.from(now));
            ps.setString(8, s.code());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("delete from site_holiday where site_code = ?")) {
            ps.setString(1, s.code());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("insert into site_holiday (site_code, local_day) values (?, ?)")) {
            for (LocalDate h : s.holidays()) {
                ps.setString(1, s.code());
                ps.setDate(2, Date.valueOf(h));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Creates a site seen only in history: time zone from the data, every day working, capacity not configured. */
    static boolean insertUnconfiguredSite(Connection c, String code, ZoneId zone, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select 1 from site where code = ?")) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) return false;
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "insert into site (code, name, time_zone, cutoff, working_days, daily_orders, configured, updated_at) values (?, ?, ?, null, ?, null, false, ?)")) {
            ps.setString(1, code);
            ps.setString(2, code);
            ps.setString(3, zone.getId());
            ps.setString(4, DayNames.format(EnumSet.allOf(DayOfWeek.class)));
            ps.setTimestamp(5, Timestamp.from(now));
            ps.executeUpdate();
        }
        return true;
    }

    static Set<String> loadRegions(Connection c) throws SQLException {
        Set<String> regions = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("select code from region"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) regions.add(rs.getString(1));
        }
        return regions;
    }

    static boolean ensureRegion(Connection c, String code, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select 1 from region where code = ?")) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) return false;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("insert into region (code, created_at) values (?, ?)")) {
            ps.setString(1, code);
            ps.setTimestamp(2, Timestamp.from(now));
            ps.executeUpdate();
        }
        return true;
    }

    /** Whether the region exists (a read-through for a region another instance created). */
    static boolean regionExists(Connection c, String code) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select 1 from region where code = ?")) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Stock levels; {@code site} and/or {@code sku} null for any. */
    static List<StockLevel> loadStock(Connection c, String site, String sku) throws SQLException {
        Map<String, List<Inbound>> inbound = new HashMap<>();
        String[] cols = {"site_code", "sku"};
        String where = where(cols, site, sku);
        try (PreparedStatement ps = c.prepareStatement("select site_code, sku, quantity, arrives from inbound" + where + " order by arrives, id")) {
            bind(ps, 1, site, sku);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    inbound.computeIfAbsent(rs.getString(1) + "\u0000" + rs.getString(2), k -> new ArrayList<>())
                            .add(new Inbound(rs.getInt(3), rs.getDate(4).toLocalDate()));
                }
            }
        }
        List<StockLevel> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select site_code, sku, on_hand, reserved from stock" + where)) {
            bind(ps, 1, site, sku);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String key = rs.getString(1) + "\u0000" + rs.getString(2);
                    out.add(new StockLevel(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4),
                            List.copyOf(inbound.getOrDefault(key, List.of()))));
                }
            }
        }
        return out;
    }

    /** Replaces on-hand and inbound of one SKU; what open promises reserved is left as it is. */
    static void upsertStock(Connection c, String site, String sku, int onHand, List<Inbound> inbound, Instant now) throws SQLException {
        int updated;
        try (PreparedStatement ps = c.prepareStatement("update stock set on_hand = ?, updated_at = ? where site_code = ? and sku = ?")) {
            ps.setInt(1, onHand);
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setString(3, site);
            ps.setString(4, sku);
            updated = ps.executeUpdate();
        }
        if (updated == 0) {
            try (PreparedStatement ps = c.prepareStatement("insert into stock (site_code, sku, on_hand, reserved, updated_at) values (?, ?, ?, 0, ?)")) {
                ps.setString(1, site);
                ps.setString(2, sku);
                ps.setInt(3, onHand);
                ps.setTimestamp(4, Timestamp.from(now));
                ps.executeUpdate();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("delete from inbound where site_code = ? and sku = ?")) {
            ps.setString(1, site);
            ps.setString(2, sku);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("insert into inbound (site_code, sku, quantity, arrives) values (?, ?, ?, ?)")) {
            for (Inbound in : inbound) {
                ps.setString(1, site);
                ps.setString(2, sku);
                ps.setInt(3, in.quantity());
                ps.setDate(4, Date.valueOf(in.arrives()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Lanes; {@code site} and/or {@code region} null for any. */
    static List<Lane> loadLanes(Connection c, String site, String region) throws SQLException {
        List<Lane> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select site_code, region_code, transit_days from lane"
                + where(new String[]{"site_code", "region_code"}, site, region))) {
            bind(ps, 1, site, region);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int t = rs.getInt(3);
                    Integer transit = rs.wasNull() ? null : t; // before any other getter: wasNull refers to the last read
                    out.add(new Lane(rs.getString(1), rs.getString(2), transit));
                }
            }
        }
        return out;
    }

    static void upsertLane(Connection c, String site, String region, Integer transitDays, Instant now) throws SQLException {
        int updated;
        try (PreparedStatement ps = c.prepareStatement("update lane set transit_days = ?, updated_at = ? where site_code = ? and region_code = ?")) {
            if (transitDays == null) ps.setNull(1, java.sql.Types.INTEGER);
            else ps.setInt(1, transitDays);
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setString(3, site);
            ps.setString(4, region);
            updated = ps.executeUpdate();
        }
        if (updated == 0) {
            try (PreparedStatement ps = c.prepareStatement("insert into lane (transit_days, updated_at, site_code, region_code) values (?, ?, ?, ?)")) {
                if (transitDays == null) ps.setNull(1, java.sql.Types.INTEGER);
                else ps.setInt(1, transitDays);
                ps.setTimestamp(2, Timestamp.from(now));
                ps.setString(3, site);
                ps.setString(4, region);
                ps.executeUpdate();
            }
        }
    }

    /** Service offers; {@code site} and/or {@code type} null for any. */
    static List<ServiceOffer> loadServices(Connection c, String site, String type) throws SQLException {
        List<ServiceOffer> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select site_code, service_type, bays, opens, closes, standard_minutes from service_type"
                + where(new String[]{"site_code", "service_type"}, site, type))) {
            bind(ps, 1, site, type);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String closes = rs.getString(5);
                    out.add(new ServiceOffer(rs.getString(1), rs.getString(2), rs.getInt(3), LocalTime.parse(rs.getString(4)),
                            "24:00".equals(closes) ? LocalTime.MAX : LocalTime.parse(closes), com.promisevalidator.common.Minutes.get(rs, 6)));
                }
            }
        }
        return out;
    }

    static void upsertService(Connection c, ServiceOffer s, Instant now) throws SQLException {
        int updated;
        try (PreparedStatement ps = c.prepareStatement(
                "update service_type set bays = ?, opens = ?, closes = ?, standard_minutes = ?, updated_at = ? where site_code = ? and service_type = ?")) {
            bindService(ps, s, now);
            updated = ps.executeUpdate();
        }
        if (updated == 0) {
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into service_type (bays, opens, closes, standard_minutes, updated_at, site_code, service_type) values (?, ?, ?, ?, ?, ?, ?)")) {
                bindService(ps, s, now);
                ps.executeUpdate();
            }
        }
    }

    private static void bindService(PreparedStatement ps, ServiceOffer s, Instant now) throws SQLException {
        ps.setInt(1, s.bays());
        ps.setString(2, s.opens().toString());
        ps.setString(3, s.closes().equals(LocalTime.MAX) ? "24:00" : s.closes().toString());
        com.promisevalidator.common.Minutes.set(ps, 4, s.standardMinutes());
        ps.setTimestamp(5, Timestamp.from(now));
        ps.setString(6, s.site());
        ps.setString(7, s.type());
    }

    /** Orders already taken per local day, from {@code from} on. */
    static Map<String, TreeMap<LocalDate, Integer>> loadDayLoad(Connection c, String site, LocalDate from) throws SQLException {
        Map<String, TreeMap<LocalDate, Integer>> out = new HashMap<>();
        String sql = "select site_code, local_day, orders from site_day_load where local_day >= ?" + (site != null ? " and site_code = ?" : "");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setDate(1, Date.valueOf(from));
            if (site != null) ps.setString(2, site);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(rs.getDate(2).toLocalDate(), rs.getInt(3));
                }
            }
        }
        return out;
    }

    /** Bay bookings ending after {@code from}; {@code site} and/or {@code type} null for any. */
    static Map<String, List<BayBooking>> loadBookings(Connection c, String site, String type, Instant from) throws SQLException {
        Map<String, List<BayBooking>> out = new HashMap<>();
        String sql = "select site_code, service_type, starts_at, ends_at from bay_booking where ends_at > ?"
                + where(new String[]{"site_code", "service_type"}, site, type).replace(" where ", " and ") + " order by starts_at";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(from));
            bind(ps, 2, site, type);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1) + "/" + rs.getString(2), k -> new ArrayList<>())
                            .add(new BayBooking(rs.getTimestamp(3).toInstant(), rs.getTimestamp(4).toInstant()));
                }
            }
        }
        return out;
    }
}
