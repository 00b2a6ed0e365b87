package dev.hyperplane.agent.messaging;

import dev.hyperplane.platform.jdbc.Sql;
import dev.hyperplane.platform.messaging.RetentionPruner;
import dev.hyperplane.testsupport.HyperplaneTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent's logged answers are pruned with the messaging retention, beside the platform's own tables. */
@QuarkusTest
@QuarkusTestResource(value = HyperplaneTestResource.class, initArgs = @ResourceArg(name = "database", value = "agent_test"))
class CommandLogRetentionTest {
    @Inject
    RetentionPruner pruner;
    @Inject
    AgroalDataSource dataSource;

    @Test
    void answers_to_commands_that_can_no_longer_be_redelivered_are_pruned() {
        Instant now = Instant.now();
        String old = "cmd-" + UUID.randomUUID();
        String recent = "cmd-" + UUID.randomUUID();
        log(old, now.minus(Duration.ofDays(15)));
        log(recent, now.minus(Duration.ofDays(1)));

        assertThat(pruner.prune(now)).containsKeys("inbox", "dead_letter", "command_log");
        assertThat(Sql.query(dataSource, "SELECT command_id FROM command_log WHERE command_id IN (?, ?)",
                rs -> rs.getString(1), old, recent)).containsExactly(recent);
    }

    private void log(String commandId, Instant appliedAt) {
        Sql.update(dataSource, "INSERT INTO command_log (command_id, answer_type, answer, applied_at) "
                + "VALUES (?, 'AgentCommandCompleted', '{}', ?)", commandId, Timestamp.from(appliedAt));
    }
}
