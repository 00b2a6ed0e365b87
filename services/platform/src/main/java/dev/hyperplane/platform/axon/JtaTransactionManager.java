package dev.hyperplane.platform.axon;

import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;

/**
 * Axon's {@link TransactionManager} on top of Narayana JTA. Axon 4 has no JDBC transaction manager of its own:
 * without this bridge every statement of the event store would autocommit. A unit of work started inside a JTA
 * transaction (e.g. by an idempotent consumer that also writes its inbox) joins it instead of opening a new one.
 */
public final class JtaTransactionManager implements TransactionManager {
    private final jakarta.transaction.TransactionManager jta;

    public JtaTransactionManager(jakarta.transaction.TransactionManager jta) {
        this.jta = jta;
    }

    @Override
    public Transaction startTransaction() {
        try {
            if (jta.getStatus() == Status.STATUS_ACTIVE) {
                return new Participating();
            }
            jta.begin();
            return new Owned();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start JTA transaction", e);
        }
    }

    /** A transaction this unit of work began: it commits or rolls back. */
    private final class Owned implements Transaction {
        @Override
        public void commit() {
            try {
                jta.commit();
            } catch (Exception e) {
                throw new IllegalStateException("JTA commit failed", e);
            }
        }

        @Override
        public void rollback() {
            try {
                jta.rollback();
            } catch (SystemException e) {
                throw new IllegalStateException("JTA rollback failed", e);
            }
        }
    }

    /** Joined an outer transaction: its owner commits; a failure here only marks it rollback-only. */
    private final class Participating implements Transaction {
        @Override
        public void commit() {
        }

        @Override
        public void rollback() {
            try {
                jta.setRollbackOnly();
            } catch (SystemException e) {
                throw new IllegalStateException("cannot mark JTA transaction rollback-only", e);
            }
        }
    }
}
