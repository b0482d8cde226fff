package com.promisevalidator.webhooks.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.promisevalidator.webhooks.model.WebhookEventType;

/** SQL of webhook_subscription and webhook_delivery (V14); plain JDBC on the caller's connection. */
final class WebhookStore {

    private WebhookStore() {
    }

    /** A subscription as stored; {@code sealedSecret} as {@link SecretBox#seal} wrote it. */
    record Subscription(String id, String owner, String url, List<WebhookEventType> events, String sealedSecret, Instant createdAt) {
    }

    /** A delivery row; {@code url} and {@code sealedSecret} come from its subscription. */
    record Delivery(long seq, String eventId, String subscriptionId, String eventKey, WebhookEventType type, String body, String status,
                    int attempts, Integer lastStatus, String lastError, Instant nextAttemptAt, Instant createdAt, Instant deliveredAt,
                    String url, String sealedSecret) {
    }

    static final String PENDING = "PENDING";
    static final String DELIVERED = "DELIVERED";
    static final String GAVE_UP = "GAVE_UP";
    /** The event key of rules-version events: one ordered stream per subscription. */
    static final String RULES_KEY = "rules";

    // ---- subscriptions

    static void insert(Connection c, Subscription s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into webhook_subscription (id, owner, url, events, secret, created_at) values (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, s.id());
            ps.setString(2, s.owner());
            ps.setString(3, s.url());
            ps.setString(4, String.join(",", s.events().stream().map(Enum::name).toList()));
            ps.setString(5, s.sealedSecret());
            ps.setTimestamp(6, Timestamp.from(s.createdAt()));
            ps.executeUpdate();
        }
    }

    /** Replaces a subscription's sealed secret if it is still {@code from} (another instance may have done it first). */
    static boolean reseal(Connection c, String id, String from, String to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update webhook_subscription set secret = ? where id = ? and secret = ?")) {
            ps.setString(1, to);
            ps.setString(2, id);
            ps.setString(3, from);
            return ps.executeUpdate() == 1;
        }
    }

    /** {@code owner} null: everyone's. Oldest first. */
    static List<Subscription> subscriptions(Connection c, String owner) throws SQLException {
        String sql = "select id, owner, url, events, secret, created_at from webhook_subscription"
                + (owner == null ? "" : " where owner = ?") + " order by created_at, id";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (owner != null) ps.setString(1, owner);
            return subscriptions(ps);
        }
    }

    static Subscription subscription(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select id, owner, url, events, secret, created_at from webhook_subscription where id = ?")) {
            ps.setString(1, id);
            List<Subscription> all = subscriptions(ps);
            return all.isEmpty() ? null : all.get(0);
        }
    }

    static int countByOwner(Connection c, String owner) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select count(*) from webhook_subscription where owner = ?")) {
            ps.setString(1, owner);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Subscriptions that want this type (the table is small: read whole, filtered here). */
    static List<Subscription> subscribedTo(Connection c, WebhookEventType type) throws SQLException {
        return subscriptions(c, null).stream().filter(s -> s.events().contains(type)).toList();
    }

    static boolean delete(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from webhook_subscription where id = ?")) {
            ps.setString(1, id);
            return ps.executeUpdate() == 1;
        }
    }

    private static List<Subscription> subscriptions(PreparedStatement ps) throws SQLException {
        List<Subscription> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                List<WebhookEventType> events = Arrays.stream(rs.getString(4).split(",")).filter(s -> !s.isBlank())
                        .map(WebhookEventType::valueOf).toList();
                out.add(new Subscription(rs.getString(1), rs.getString(2), rs.getString(3), events, rs.getString(5),
                        rs.getTimestamp(6).toInstant()));
            }
        }
        return out;
    }

    // ---- deliveries

    /** Queues one event for one subscription, due now. {@code dedupe}: written at most once per subscription (else null). */
    static void enqueue(Connection c, String eventId, String subscriptionId, String eventKey, WebhookEventType type, String dedupe,
                        String body, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into webhook_delivery (event_id, subscription_id, event_key, type, dedupe, body, "
                + "status, attempts, next_attempt_at, created_at) values (?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)")) {
            ps.setString(1, eventId);
            ps.setString(2, subscriptionId);
            ps.setString(3, eventKey);
            ps.setString(4, type.name());
            ps.setString(5, dedupe);
            ps.setString(6, body);
            ps.setTimestamp(7, Timestamp.from(now));
            ps.setTimestamp(8, Timestamp.from(now));
            ps.executeUpdate();
        }
    }

    /**
     * The rules version last announced to a subscription and the position of that announcement ({@code seq}), or null when
     * none was: dedupe keys read {@code rules:<version>} or {@code rules:<version>:<seq of the announcement before>}.
     */
    static String[] lastRulesAnnounced(Connection c, String subscriptionId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select dedupe, seq from webhook_delivery where subscription_id = ? and event_key = ? "
                + "and dedupe is not null order by seq desc")) {
            ps.setString(1, subscriptionId);
            ps.setString(2, RULES_KEY);
            ps.setMaxRows(1);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return null;
                String d = rs.getString(1);
                String version = d.startsWith("rules:") ? d.substring("rules:".length()).split(":", 2)[0] : d;
                return new String[]{version, Long.toString(rs.getLong(2))};
            }
        }
    }

    /**
     * Deliveries due now that head their (subscription, event key) line: no earlier row of the same line is still
     * PENDING, so a later event of a promise waits for the earlier. Leased rows are someone else's.
     */
    static List<Long> due(Connection c, Instant now, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select d.seq from webhook_delivery d where d.status = 'PENDING' and d.next_attempt_at <= ? "
                + "and (d.lease_until is null or d.lease_until < ?) and not exists (select 1 from webhook_delivery e where "
                + "e.subscription_id = d.subscription_id and e.event_key = d.event_key and e.seq < d.seq and e.status = 'PENDING') "
                + "order by d.seq limit ?")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setInt(3, limit);
            List<Long> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getLong(1));
            }
            return out;
        }
    }

    /** Claims a row for {@code owner} until {@code until}: one atomic conditional UPDATE, so of several instances exactly one wins. */
    static boolean claim(Connection c, long seq, String owner, Instant now, Instant until) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update webhook_delivery set lease_owner = ?, lease_until = ? where seq = ? "
                + "and status = 'PENDING' and (lease_until is null or lease_until < ?)")) {
            ps.setString(1, owner);
            ps.setTimestamp(2, Timestamp.from(until));
            ps.setLong(3, seq);
            ps.setTimestamp(4, Timestamp.from(now));
            return ps.executeUpdate() == 1;
        }
    }

    /** A claimed row with its subscription's URL and secret; null if it vanished (subscription deleted). */
    static Delivery claimed(Connection c, long seq) throws SQLException {
        List<Delivery> rows = deliveries(c, "where d.seq = ?", ps -> ps.setLong(1, seq));
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** Records an attempt's result, if the row is still ours (the lease did not run out and pass to another sender). */
    static boolean record(Connection c, long seq, String owner, String status, Integer httpStatus, String error, Instant next,
                          Instant deliveredAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update webhook_delivery set status = ?, attempts = attempts + 1, last_status = ?, "
                + "last_error = ?, next_attempt_at = ?, delivered_at = ?, lease_owner = null, lease_until = null where seq = ? and lease_owner = ?")) {
            ps.setString(1, status);
            if (httpStatus == null) ps.setNull(2, Types.INTEGER);
            else ps.setInt(2, httpStatus);
            ps.setString(3, error);
            ps.setTimestamp(4, Timestamp.from(next));
            ps.setTimestamp(5, deliveredAt == null ? null : Timestamp.from(deliveredAt));
            ps.setLong(6, seq);
            ps.setString(7, owner);
            return ps.executeUpdate() == 1;
        }
    }

    /** Gives back one claimed row unsent, with why in last_error: no attempt counted, still due now. */
    static boolean leave(Connection c, long seq, String owner, String error) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update webhook_delivery set last_error = ?, lease_owner = null, lease_until = null "
                + "where seq = ? and lease_owner = ?")) {
            ps.setString(1, error);
            ps.setLong(2, seq);
            ps.setString(3, owner);
            return ps.executeUpdate() == 1;
        }
    }

    /** Gives back leases an instance holds without sending (shutdown before the send started). */
    static int release(Connection c, String owner) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update webhook_delivery set lease_owner = null, lease_until = null where lease_owner = ? "
                + "and status = 'PENDING'")) {
            ps.setString(1, owner);
            return ps.executeUpdate();
        }
    }

    /** A subscription's deliveries, newest first. */
    static List<Delivery> log(Connection c, String subscriptionId, int limit, int offset) throws SQLException {
        return deliveries(c, "where d.subscription_id = ? order by d.seq desc limit ? offset ?", ps -> {
            ps.setString(1, subscriptionId);
            ps.setInt(2, limit);
            ps.setInt(3, offset);
        });
    }

    /** Deliveries still waiting to be accepted; {@code subscriptionId} null: all (the backlog metric). */
    static long backlog(Connection c, String subscriptionId) throws SQLException {
        String sql = "select count(*) from webhook_delivery where status = 'PENDING'" + (subscriptionId == null ? "" : " and subscription_id = ?");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (subscriptionId != null) ps.setString(1, subscriptionId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private static List<Delivery> deliveries(Connection c, String where, Binder binder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select d.seq, d.event_id, d.subscription_id, d.event_key, d.type, d.body, d.status, "
                + "d.attempts, d.last_status, d.last_error, d.next_attempt_at, d.created_at, d.delivered_at, s.url, s.secret "
                + "from webhook_delivery d join webhook_subscription s on s.id = d.subscription_id " + where)) {
            binder.bind(ps);
            List<Delivery> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int lastStatus = rs.getInt(9);
                    Integer last = rs.wasNull() ? null : lastStatus;
                    Timestamp delivered = rs.getTimestamp(13);
                    out.add(new Delivery(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), WebhookEventType.valueOf(rs.getString(5)),
                            rs.getString(6), rs.getString(7), rs.getInt(8), last, rs.getString(10), rs.getTimestamp(11).toInstant(),
                            rs.getTimestamp(12).toInstant(), delivered == null ? null : delivered.toInstant(), rs.getString(14), rs.getString(15)));
                }
            }
            return out;
        }
    }
}
