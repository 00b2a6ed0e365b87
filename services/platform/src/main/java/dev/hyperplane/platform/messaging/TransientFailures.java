package dev.hyperplane.platform.messaging;

import dev.hyperplane.platform.jdbc.SqlStates;
import org.axonframework.common.AxonTransientException;
import io.vertx.sqlclient.ClosedConnectionException;
import org.apache.kafka.common.errors.RetriableException;

import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Tells a failure that passes by itself (the database or the broker is restarting, a timeout, a serialization
 * or optimistic-locking conflict) from one that may repeat forever. A consumer retries the first kind without limit and dead-letters
 * the second after a few attempts: parking a record because PostgreSQL restarted would let later records for the
 * same key overtake it.
 */
public final class TransientFailures {
    /**
     * PostgreSQL SQLSTATE classes and codes that describe the moment, not the statement: connection exceptions
     * (08), transaction rollback such as serialization failure and deadlock (40), insufficient resources (53),
     * operator intervention such as a shutdown (57P), lock not available (55P03) and system I/O errors (58).
     */
    private static final List<String> TRANSIENT_SQL_STATES = List.of("08", "40", "53", "57P", "55P03", "58");
    /**
     * An optimistic-locking conflict: another replica changed the row first; handled again, the record reads the new
     * row. By name, so that the platform needs no JPA provider on its class path.
     */
    private static final List<String> CONFLICTS = List.of("jakarta.persistence.OptimisticLockException",
            "org.hibernate.StaleStateException", "org.hibernate.StaleObjectStateException");
    private static final int MAX_CAUSES = 20;

    private TransientFailures() {
    }

    /** @return true if the failure or any of its causes is known to be transient */
    public static boolean isTransient(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; current != null && depth < MAX_CAUSES; depth++, current = current.getCause()) {
            if (transientItself(current)) {
                return true;
            }
        }
        return false;
    }

    private static boolean transientState(String sqlState) {
        return sqlState != null && TRANSIENT_SQL_STATES.stream().anyMatch(sqlState::startsWith);
    }

    private static boolean transientItself(Throwable t) {
        if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                || t instanceof RetriableException || t instanceof AxonTransientException
                || t instanceof TimeoutException || t instanceof ConnectException
                || t instanceof SocketTimeoutException || t instanceof SocketException
                || t instanceof ClosedConnectionException || CONFLICTS.contains(t.getClass().getName())) {
            return true;
        }
        String state = SqlStates.of(t); // JDBC's or the reactive client's
        if (state != null) {
            return transientState(state);
        }
        // Agroal's pool reports an exhausted or unreachable database without a SQLSTATE
        return t instanceof SQLException sql && sql.getMessage() != null
                && sql.getMessage().contains("Acquisition timeout");
    }
}
