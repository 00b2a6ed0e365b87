package dev.hyperplane.platform.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A PostgreSQL session-level advisory lock ({@code pg_try_advisory_lock}) on a connection of its own. The lock
 * lives exactly as long as that session: a holder killed with {@code kill -9} loses it the moment PostgreSQL sees
 * its socket close, and a restarted database forgets it, so no lease or expiry is needed. Advisory locks are
 * scoped to one database, and every service has its own.
 */
public final class AdvisoryLock implements AutoCloseable {
    private final long key;
    private final Supplier<Connection> connect;
    private Connection session;

    /**
     * @param name    what the lock stands for; its key is derived from it
     * @param connect opens a new connection to the service's database (not one from a pool: it is kept open)
     */
    public AdvisoryLock(String name, Supplier<Connection> connect) {
        this.key = keyOf(name);
        this.connect = Objects.requireNonNull(connect);
    }

    /** A stable 64-bit key for a name (FNV-1a), so every replica asks for the same lock. */
    static long keyOf(String name) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    /**
     * Keeps the lock if this process holds it and its session is alive, otherwise tries to take it.
     *
     * @return whether this process holds the lock now; false also when the database cannot be reached
     */
    public synchronized boolean holdOrTry() {
        if (session != null) {
            if (alive(session)) {
                return true;
            }
            release(); // the session died with the lock: the database restarted or the connection broke
        }
        Connection candidate = null;
        try {
            candidate = connect.get();
            try (PreparedStatement lock = candidate.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                lock.setLong(1, key);
                try (ResultSet rs = lock.executeQuery()) {
                    if (rs.next() && rs.getBoolean(1)) {
                        session = candidate;
                        return true;
                    }
                }
            }
        } catch (RuntimeException | SQLException e) {
            // the database is away: nobody can lead through it until it is back
        }
        closeQuietly(candidate);
        return false;
    }

    /** Whether the lock was held at the last {@link #holdOrTry}. */
    public synchronized boolean held() {
        return session != null;
    }

    /** Gives the lock up (closing the session releases it), so another replica can take it at once. */
    public synchronized void release() {
        closeQuietly(session);
        session = null;
    }

    @Override
    public void close() {
        release();
    }

    private static boolean alive(Connection connection) {
        try {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // closing a broken session anyway
            }
        }
    }
}
