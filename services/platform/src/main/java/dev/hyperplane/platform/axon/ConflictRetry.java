package dev.hyperplane.platform.axon;

import dev.hyperplane.platform.time.Backoff;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.modelling.command.ConcurrencyException;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command again when another replica appended to the same aggregate between this one loading it and
 * appending ({@link ConcurrencyException}, from the event store's unique key): the aggregate is loaded anew with the
 * other replica's events and the command decided again, as if the two had come one after the other. Nothing else is
 * retried: a rule the command broke breaks again.
 * <p>
 * A command that joined a caller's transaction is not retried here: that transaction is already marked
 * rollback-only, so the caller retries the whole transaction — a consumer the whole record, inbox and all; a REST
 * resource through {@link #inNewTransaction}.
 */
public final class ConflictRetry implements RetryScheduler {
    static final int MAX_RETRIES = 8;

    private final TransactionManager jta;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "axon-conflict-retry");
        thread.setDaemon(true);
        return thread;
    });

    ConflictRetry(TransactionManager jta) {
        this.jta = jta;
    }

    @Override
    public boolean scheduleRetry(CommandMessage commandMessage, RuntimeException lastFailure,
                                 List<Class<? extends Throwable>[]> failures, Runnable commandDispatch) {
        if (!isConflict(lastFailure) || failures.size() > MAX_RETRIES || inCallersTransaction()) {
            return false;
        }
        timer.schedule(commandDispatch, jittered(failures.size()), TimeUnit.MILLISECONDS);
        return true;
    }

    /**
     * Runs {@code work} (which sends commands) in a transaction of its own, and runs it again, checks and all, in a
     * new one when a command in it collided with another replica's append.
     */
    public static void inNewTransaction(Runnable work) {
        for (int attempt = 1; ; attempt++) {
            try {
                QuarkusTransaction.requiringNew().run(work);
                return;
            } catch (RuntimeException e) {
                if (!isConflict(e) || attempt > MAX_RETRIES) {
                    throw e;
                }
                sleep(jittered(attempt));
            }
        }
    }

    /** A quarter of the usual backoff, jittered, so two replicas that collided do not collide again in step. */
    private static long jittered(int failures) {
        return (long) (Backoff.delay(failures).toMillis() / 4.0
                * (0.5 + java.util.concurrent.ThreadLocalRandom.current().nextDouble()));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static boolean isConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConcurrencyException) {
                return true;
            }
        }
        return false;
    }

    private boolean inCallersTransaction() {
        try {
            return jta.getStatus() != Status.STATUS_NO_TRANSACTION;
        } catch (SystemException e) {
            return true;
        }
    }

    void stop() {
        timer.shutdownNow();
    }
}
