package dev.hyperplane.platform.jdbc;

import io.vertx.sqlclient.DatabaseException;

import java.sql.SQLException;

/** The PostgreSQL SQLSTATE a failure carries, from JDBC or from the reactive client alike. */
public final class SqlStates {
    private static final int MAX_CAUSES = 20;

    private SqlStates() {
    }

    /** The SQLSTATE of this throwable itself, or null. */
    public static String of(Throwable t) {
        if (t instanceof DatabaseException reactive) {
            return reactive.getSqlState();
        }
        return t instanceof SQLException sql ? sql.getSQLState() : null;
    }

    /** The first SQLSTATE in the failure's cause chain, or null. */
    public static String firstIn(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; current != null && depth < MAX_CAUSES; depth++, current = current.getCause()) {
            String state = of(current);
            if (state != null) {
                return state;
            }
        }
        return null;
    }
}
