package dev.hyperplane.platform.cluster;

import dev.hyperplane.testsupport.PostgresService;
import dev.hyperplane.testsupport.TestInfrastructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Two replicas asking for one leader lock on a real PostgreSQL. */
class AdvisoryLockTest {
    private static PostgresService postgres;

    @BeforeAll
    static void database() {
        postgres = TestInfrastructure.get().postgres();
        postgres.createDatabase("platform_leader");
    }

    private static Supplier<Connection> connect(String database) {
        return () -> {
            try {
                return DriverManager.getConnection(postgres.jdbcUrl(database), postgres.username(),
                        postgres.password());
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    @Test
    void one_replica_leads_and_the_other_takes_over_when_its_session_dies() throws SQLException {
        try (AdvisoryLock first = new AdvisoryLock("test.leader", connect("platform_leader"));
             AdvisoryLock second = new AdvisoryLock("test.leader", connect("platform_leader"))) {
            assertThat(first.holdOrTry()).isTrue();
            assertThat(second.holdOrTry()).isFalse();
            assertThat(first.holdOrTry()).as("kept, not taken twice").isTrue();

            // the leader's process is killed: PostgreSQL ends its session, and the lock with it
            try (Connection admin = connect("platform_leader").get(); var s = admin.createStatement()) {
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted");
            }
            assertThat(second.holdOrTry()).isTrue();
            assertThat(first.holdOrTry()).as("its session is gone, and so is its lead").isFalse();
            assertThat(first.held()).isFalse();
        }
    }

    @Test
    void a_replica_that_gives_up_the_lead_hands_it_over_at_once() {
        try (AdvisoryLock first = new AdvisoryLock("test.handover", connect("platform_leader"));
             AdvisoryLock second = new AdvisoryLock("test.handover", connect("platform_leader"))) {
            assertThat(first.holdOrTry()).isTrue();
            first.release();
            assertThat(second.holdOrTry()).isTrue();
            assertThat(first.holdOrTry()).isFalse();
        }
    }

    @Test
    void locks_of_different_names_or_databases_do_not_exclude_each_other() {
        postgres.createDatabase("platform_leader_other");
        try (AdvisoryLock one = new AdvisoryLock("test.a", connect("platform_leader"));
             AdvisoryLock otherName = new AdvisoryLock("test.b", connect("platform_leader"));
             AdvisoryLock otherDatabase = new AdvisoryLock("test.a", connect("platform_leader_other"))) {
            assertThat(one.holdOrTry()).isTrue();
            assertThat(otherName.holdOrTry()).isTrue();
            assertThat(otherDatabase.holdOrTry()).as("each service's database has its own leader").isTrue();
        }
    }

    @Test
    void no_database_means_no_leader_and_no_exception() {
        try (AdvisoryLock lock = new AdvisoryLock("test.down", () -> {
            throw new IllegalStateException("connection refused");
        })) {
            assertThat(lock.holdOrTry()).isFalse();
        }
    }
}
