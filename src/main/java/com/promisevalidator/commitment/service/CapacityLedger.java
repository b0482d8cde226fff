package com.promisevalidator.commitment.service;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.promisevalidator.capacity.model.BayBooking;

/**
 * Consumes and releases capacity in the database, inside the caller's transaction. Every consumption
 * locks the row it counts against (SELECT ... FOR UPDATE), checks, then updates: concurrent commits
 * on any number of instances queue on the row and the second one sees the first one's use. Rows are
 * always locked in the same order (stock by SKU, then the day, then bays) so commits cannot deadlock.
 */
final class CapacityLedger {

    private CapacityLedger() {
    }

    /** Why a consumption was refused, in words for the 409. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** Reserves {@code quantity} of a SKU for dispatch on {@code day}: on hand + inbound arrived by then - reserved must cover it. */
    static void reserveStock(Connection c, String site, String sku, int quantity, LocalDate day) throws SQLException, Refused {
        int onHand, reserved;
        try (PreparedStatement ps = c.prepareStatement("select on_hand, reserved from stock where site_code = ? and sku = ? for update")) {
            ps.setString(1, site);
            ps.setString(2, sku);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw new Refused(site + " does not stock " + sku);
                onHand = rs.getInt(1);
                reserved = rs.getInt(2);
            }
        }
        int inbound;
        try (PreparedStatement ps = c.prepareStatement(
                "select coalesce(sum(quantity), 0) from inbound where site_code = ? and sku = ? and arrives <= ?")) {
            ps.setString(1, site);
            ps.setString(2, sku);
            ps.setDate(3, Date.valueOf(day));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                inbound = rs.getInt(1);
            }
        }
        int available = onHand + inbound - reserved;
        if (available < quantity) {
            throw new Refused(site + " has " + Math.max(0, available) + " of " + sku + " left to promise for " + day + "; " + quantity + " needed");
        }
        try (PreparedStatement ps = c.prepareStatement("update stock set reserved = reserved + ? where site_code = ? and sku = ?")) {
            ps.setInt(1, quantity);
            ps.setString(2, site);
            ps.setString(3, sku);
            ps.executeUpdate();
        }
    }

    /** Gives back a reservation; {@code shipped} also takes the units off the shelf (the delivery happened). */
    static void releaseStock(Connection c, String site, String sku, int quantity, boolean shipped) throws SQLException {
        String sql = "update stock set reserved = case when reserved >= ? then reserved - ? else 0 end"
                + (shipped ? ", on_hand = case when on_hand >= ? then on_hand - ? else 0 end" : "")
                + " where site_code = ? and sku = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setInt(i++, quantity);
            ps.setInt(i++, quantity);
            if (shipped) {
                ps.setInt(i++, quantity);
                ps.setInt(i++, quantity);
            }
            ps.setString(i++, site);
            ps.setString(i, sku);
            ps.executeUpdate();
        }
    }

    /** Takes one order of a site's daily capacity on {@code day}; {@code limit} null means not configured. */
    /** The site's daily order capacity; null when it has none (or no such site). */
    static Integer dailyLimit(Connection c, String site) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select daily_orders from site where code = ?")) {
            ps.setString(1, site);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return null;
                int n = rs.getInt(1);
                return rs.wasNull() ? null : n;
            }
        }
    }

    static void bookDay(Connection c, String site, LocalDate day, Integer limit) throws SQLException, Refused {
        if (limit == null) return;
        Integer orders = null;
        try (PreparedStatement ps = c.prepareStatement("select orders from site_day_load where site_code = ? and local_day = ? for update")) {
            ps.setString(1, site);
            ps.setDate(2, Date.valueOf(day));
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) orders = rs.getInt(1);
            }
        }
        if (orders == null) {
            if (limit < 1) throw new Refused(site + " takes no orders on " + day);
            // a concurrent first booking of the same day makes this insert fail; the caller retries
            try (PreparedStatement ps = c.prepareStatement("insert into site_day_load (site_code, local_day, orders, capacity) values (?, ?, 1, ?)")) {
                ps.setString(1, site);
                ps.setDate(2, Date.valueOf(day));
                ps.setInt(3, limit);
                ps.executeUpdate();
            }
            return;
        }
        if (orders + 1 > limit) throw new Refused(site + " is fully booked on " + day + " (" + limit + (limit == 1 ? " order)" : " orders)"));
        try (PreparedStatement ps = c.prepareStatement("update site_day_load set orders = orders + 1, capacity = ? where site_code = ? and local_day = ?")) {
            ps.setInt(1, limit);
            ps.setString(2, site);
            ps.setDate(3, Date.valueOf(day));
            ps.executeUpdate();
        }
    }

    static void releaseDay(Connection c, String site, LocalDate day) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "update site_day_load set orders = orders - 1 where site_code = ? and local_day = ? and orders > 0")) {
            ps.setString(1, site);
            ps.setDate(2, Date.valueOf(day));
            ps.executeUpdate();
        }
    }

    /**
     * Books a bay for [start, end): the service type's row is locked so bookings of one service queue. A service the
     * site has only done before (its history: no bays set, the quote was checked for that) is booked without a limit,
     * so the booking counts once ops set its bays.
     */
    static void bookBay(Connection c, String site, String type, Instant start, Instant end, String promiseId) throws SQLException, Refused {
        int bays;
        try (PreparedStatement ps = c.prepareStatement("select bays from service_type where site_code = ? and service_type = ? for update")) {
            ps.setString(1, site);
            ps.setString(2, type);
            try (ResultSet rs = ps.executeQuery()) {
                bays = rs.next() ? rs.getInt(1) : Integer.MAX_VALUE;
            }
        }
        List<BayBooking> overlapping = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select starts_at, ends_at from bay_booking where site_code = ? and service_type = ? and starts_at < ? and ends_at > ?")) {
            ps.setString(1, site);
            ps.setString(2, type);
            ps.setTimestamp(3, Timestamp.from(end));
            ps.setTimestamp(4, Timestamp.from(start));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) overlapping.add(new BayBooking(rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant()));
            }
        }
        if (BayBooking.mostAtOnce(overlapping, start, end) >= bays) {
            throw new Refused("all " + bays + " bays of " + type + " at " + site + " are taken at " + start);
        }
        try (PreparedStatement ps = c.prepareStatement(
                "insert into bay_booking (site_code, service_type, starts_at, ends_at, ref) values (?, ?, ?, ?, ?)")) {
            ps.setString(1, site);
            ps.setString(2, type);
            ps.setTimestamp(3, Timestamp.from(start));
            ps.setTimestamp(4, Timestamp.from(end));
            ps.setString(5, promiseId);
            ps.executeUpdate();
        }
    }

    /**
     * A service is done: its bay is free from {@code ended} on. The booking ends then (never later than it was booked
     * for), or goes when it had not begun by then. Only gives time back, so no lock is needed against other bookings.
     */
    static void endBay(Connection c, String promiseId, Instant ended) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from bay_booking where ref = ? and starts_at >= ?")) {
            ps.setString(1, promiseId);
            ps.setTimestamp(2, Timestamp.from(ended));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("update bay_booking set ends_at = ? where ref = ? and ends_at > ?")) {
            ps.setTimestamp(1, Timestamp.from(ended));
            ps.setString(2, promiseId);
            ps.setTimestamp(3, Timestamp.from(ended));
            ps.executeUpdate();
        }
    }

    static void releaseBay(Connection c, String promiseId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from bay_booking where ref = ?")) {
            ps.setString(1, promiseId);
            ps.executeUpdate();
        }
    }
}
