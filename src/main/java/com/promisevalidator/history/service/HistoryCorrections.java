package com.promisevalidator.history.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import com.promisevalidator.history.model.HistoryRow;

/**
 * Told of history rows an import has just stored, inside the import's transaction, so that what else was written from
 * those rows follows a correction (a promise's outcome is one: its row's reference is the promise's id). Implemented
 * outside the history feature (the arrows point into it); an implementation that throws rolls the import back.
 */
public interface HistoryCorrections {

    /**
     * @param rows the rows stored by this import (new ones, or with {@code ?replace=true} the replacements)
     * @return what to do once the import has committed (tell observers), or null
     */
    Runnable stored(Connection c, List<HistoryRow> rows, Instant now) throws SQLException;
}
