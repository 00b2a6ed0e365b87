package dev.hyperplane.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** A running PostgreSQL server; each service gets a database of its own on it. */
public interface PostgresService extends AutoCloseable {

    String host();

    int port();

    String username();

    String password();

    default String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
    }

    default String reactiveUrl(String database) {
        return "postgresql://" + host() + ":" + port() + "/" + database;
    }

    /** Creates the database unless it exists. */
    default void createDatabase(String database) {
        if (!database.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("database name must be lower-case identifier: " + database);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), username(), password());
             var exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            if (!exists.executeQuery().next()) {
                try (var create = c.createStatement()) {
                    create.execute("CREATE DATABASE " + database);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database, e);
        }
    }

    @Override
    void close();

    /** A server another process runs (the devstack's PostgreSQL child), by address; closing it closes nothing. */
    static PostgresService at(String host, int port, String username, String password) {
        return new Address(host, port, username, password);
    }

    /** See {@link #at}. */
    record Address(String host, int port, String username, String password) implements PostgresService {
        @Override
        public void close() {
        }
    }
}
