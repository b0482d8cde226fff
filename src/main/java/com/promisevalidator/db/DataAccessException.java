package com.promisevalidator.db;

import java.sql.SQLException;

/** A database failure that is not the caller's fault; mapped to 503/500 without leaking SQL. */
public class DataAccessException extends RuntimeException {
    public DataAccessException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    public SQLException sqlException() {
        return (SQLException) getCause();
    }
}
