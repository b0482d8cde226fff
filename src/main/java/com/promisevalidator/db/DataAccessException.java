package com.promisevalidator.db;

import java.sql.SQLException;

/** A database failure that is not the caller's fault; mapped to 503/500 without leaking SQL. */
public class DataAccessException extends RuntimeException {
    public DataAccessException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    /**
     * Whether retrying later may succeed: connection problems (08), serialization failures and
     * deadlocks (40), lock time-outs (H2's HYT00, PostgreSQL's 55P03), server shutting down (57).
     */
    public boolean isTransient() {
        String state = sqlException().getSQLState();
        if (state == null) return true;
        return state.startsWith("08") || state.startsWith("40") || state.startsWith("57") || state.equals("HYT00")
                || state.equals("55P03") || state.equals("90131"); // 90131: H2 concurrent update
    }

    /** A unique key another transaction took first (PostgreSQL's 23505, H2's 23505 or 23001): retrying reads it as taken. */
    public boolean isUniqueViolation() {
        String state = sqlException().getSQLState();
        return "23505".equals(state) || "23001".equals(state);
    }

    public SQLException sqlException() {
        return (SQLException) getCause();
    }
}
