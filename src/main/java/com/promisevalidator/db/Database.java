package com.promisevalidator.db;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import io.quarkus.agroal.DataSource.DataSourceLiteral;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The one active datasource (H2 or PostgreSQL, chosen at run time) plus small helpers for transactions. */
@Singleton
public class Database {

    private final DataSource dataSource;
    private final DbKind kind;

    @Inject
    public Database(@Any Instance<DataSource> dataSources,
                    @ConfigProperty(name = "quarkus.datasource.\"pg\".active", defaultValue = "false") boolean pgActive) {
        this.kind = pgActive ? DbKind.POSTGRESQL : DbKind.H2;
        this.dataSource = dataSources.select(new DataSourceLiteral(kind.datasourceName())).get();
    }

    public DbKind kind() {
        return kind;
    }

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /** Runs work in one transaction: commits on success, rolls back on any failure. */
    public <T> T inTransaction(SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (Throwable t) {
                c.rollback();
                throw t;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /** Runs read-only or single-statement work with auto-commit. */
    public <T> T query(SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }
}
