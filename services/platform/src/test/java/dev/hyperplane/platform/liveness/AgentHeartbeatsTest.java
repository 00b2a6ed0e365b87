package dev.hyperplane.platform.liveness;

import dev.hyperplane.platform.jdbc.Sql;
import dev.hyperplane.testsupport.PostgresService;
import dev.hyperplane.testsupport.TestInfrastructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.postgresql.ds.PGSimpleDataSource;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Since when an agent has beaten without a gap, on a real PostgreSQL. */
class AgentHeartbeatsTest {
    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
    private static AgentHeartbeats heartbeats;

    @BeforeAll
    static void database() {
        PostgresService postgres = TestInfrastructure.get().postgres();
        postgres.createDatabase("platform_liveness");
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(postgres.jdbcUrl("platform_liveness"));
        dataSource.setUser(postgres.username());
        dataSource.setPassword(postgres.password());
        heartbeats = new AgentHeartbeats();
        heartbeats.dataSource = dataSource;
        heartbeats.gap = Duration.ofSeconds(5);
        Sql.update(dataSource, """
                CREATE TABLE IF NOT EXISTS agent_liveness (agent_id VARCHAR(64) PRIMARY KEY,
                    last_heartbeat TIMESTAMPTZ NOT NULL, alive_since TIMESTAMPTZ)""");
    }

    /**
     * @param beats   seconds after T0 of each heartbeat, in the order they are heard
     * @param last    the last heartbeat kept, seconds after T0
     * @param since   since when the agent has beaten without a gap, seconds after T0
     */
    @ParameterizedTest(name = "{0}: {1} -> last {2}, since {3}")
    @CsvSource(delimiter = '|', value = {
            "steady                      | 0 2 4 6   | 6  | 0",
            "a gap of 5 s continues      | 0 5 10    | 10 | 0",
            "a gap of 6 s starts anew    | 0 2 8 10  | 10 | 8",
            "a restart after a long gap  | 0 2 60 62 | 62 | 60",
            "an older beat changes nothing | 0 10 4   | 10 | 10"})
    void a_gap_longer_than_the_limit_starts_a_new_run(String name, String beats, long last, long since) {
        String agent = "agent-" + name.hashCode();
        for (String beat : beats.split(" ")) {
            heartbeats.heard(agent, T0.plusSeconds(Long.parseLong(beat)));
        }
        var row = Sql.queryOne(heartbeats.dataSource, "SELECT last_heartbeat, alive_since FROM agent_liveness "
                + "WHERE agent_id = ?", rs -> new Instant[]{rs.getTimestamp(1).toInstant(),
                rs.getTimestamp(2).toInstant()}, agent).orElseThrow();
        assertThat(row[0]).isEqualTo(T0.plusSeconds(last));
        assertThat(row[1]).isEqualTo(T0.plusSeconds(since));
    }
}
