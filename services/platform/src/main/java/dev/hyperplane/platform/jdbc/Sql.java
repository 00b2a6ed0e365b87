package dev.hyperplane.platform.jdbc;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plain JDBC with the boilerplate folded away. Connections come from the datasource per call; inside a JTA
 * transaction Agroal hands out the enlisted connection, so every call joins the caller's transaction.
 */
public final class Sql {

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** @return the number of rows changed */
    public static int update(DataSource dataSource, String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = prepare(c, sql, args)) {
            return st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed: " + sql, e);
        }
    }

    public static <T> List<T> query(DataSource dataSource, String sql, Row<T> row, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = prepare(c, sql, args);
             ResultSet rs = st.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rs.next()) {
                result.add(row.map(rs));
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed: " + sql, e);
        }
    }

    public static <T> Optional<T> queryOne(DataSource dataSource, String sql, Row<T> row, Object... args) {
        return query(dataSource, sql, row, args).stream().findFirst();
    }

    /** An instant as a JDBC parameter (null stays null). */
    public static Timestamp ts(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }

    /** A column's instant (null stays null). */
    public static Instant instant(Timestamp at) {
        return at == null ? null : at.toInstant();
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement st = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            st.setObject(i + 1, args[i]);
        }
        return st;
    }

    private Sql() {
    }
}
