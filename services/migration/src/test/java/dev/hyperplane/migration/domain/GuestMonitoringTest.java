package dev.hyperplane.migration.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which guests are hung, and how many resets the hour still allows. */
class GuestMonitoringTest {
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private static final GuestMonitoring MONITORING = new GuestMonitoring(Duration.ofSeconds(60), 3,
            Duration.ofHours(1));

    @ParameterizedTest(name = "{0} {1} for {2} s, panicked {3}, decided {4}: hung {5}")
    @CsvSource(nullValues = "null", value = {
            // state,  heartbeat,          lost for (s), panicked, this loss decided, hung
            "Running,  LostCommunication,  60,           false,    false,             true",
            "Running,  LostCommunication,  300,          false,    false,             true",
            "Running,  LostCommunication,  59,           false,    false,             false", // not for long enough
            "Running,  LostCommunication,  300,          true,     false,             false", // writing its dump
            "Running,  LostCommunication,  300,          false,    true,              false", // reset once already
            "Running,  NoContact,          300,          false,    false,             false", // never answered
            "Running,  Ok,                 300,          false,    false,             false",
            "Paused,   LostCommunication,  300,          false,    false,             false", // not running
            "Off,      LostCommunication,  300,          false,    false,             false",
            "null,     LostCommunication,  300,          false,    false,             false", // state not heard yet
    })
    void a_running_guest_whose_heartbeat_is_lost_for_long_enough_and_not_dumping_is_hung(
            String state, String heartbeat, int lostForSeconds, boolean panicked, boolean decided, boolean hung) {
        Instant since = NOW.minusSeconds(lostForSeconds);
        GuestMonitoring.Guest guest = new GuestMonitoring.Guest("vm-1", "h1", state, heartbeat, since, panicked,
                decided ? since : NOW.minusSeconds(7200));
        assertThat(MONITORING.hung(guest, NOW)).isEqualTo(hung);
    }

    @ParameterizedTest(name = "resets {0} minutes ago: {1} within the hour, another allowed {2}")
    @CsvSource({
            "'',          0, true",
            "'10',        1, true",
            "'50 30',     2, true",
            "'50 30 10',  3, false",
            "'61 50 30',  2, true", // the oldest is out of the window
            "'59 58 57',  3, false",
            "'120 90 70', 0, true",
    })
    void at_most_three_resets_within_an_hour(String minutesAgo, int recent, boolean allowed) {
        List<Instant> resets = Arrays.stream(minutesAgo.split(" ")).filter(s -> !s.isBlank())
                .map(m -> NOW.minus(Duration.ofMinutes(Long.parseLong(m)))).toList();
        assertThat(MONITORING.recentResets(resets, NOW)).isEqualTo(recent);
        assertThat(MONITORING.allowsReset(resets, NOW)).isEqualTo(allowed);
    }
}
