package dev.hyperplane.platform.liveness;

import dev.hyperplane.platform.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/**
 * Each agent's heartbeats as a service heard them, in its {@code agent_liveness} table (each service that judges
 * hosts keeps one): the last one, and since when they have come without a gap longer than
 * {@code hyperplane.agent-heartbeat-gap} (three missed beats at the agents' 2 s: the agent restarted or stalled).
 * Heartbeats are keyed by agent, so one consumer records each agent's in order; an older one changes nothing.
 */
@ApplicationScoped
public class AgentHeartbeats {

    @Inject
    DataSource dataSource;
    @ConfigProperty(name = "hyperplane.agent-heartbeat-gap", defaultValue = "PT5S")
    Duration gap;

    public void heard(String agentId, Instant at) {
        Sql.update(dataSource, """
                INSERT INTO agent_liveness (agent_id, last_heartbeat, alive_since) VALUES (?, ?, ?)
                ON CONFLICT (agent_id) DO UPDATE SET last_heartbeat = EXCLUDED.last_heartbeat,
                    alive_since = CASE WHEN EXCLUDED.last_heartbeat - agent_liveness.last_heartbeat
                        <= make_interval(secs => ?) THEN COALESCE(agent_liveness.alive_since, EXCLUDED.last_heartbeat)
                        ELSE EXCLUDED.last_heartbeat END
                WHERE agent_liveness.last_heartbeat < EXCLUDED.last_heartbeat""",
                agentId, Timestamp.from(at), Timestamp.from(at), gap.toMillis() / 1000.0);
    }

    public Duration gap() {
        return gap;
    }
}
