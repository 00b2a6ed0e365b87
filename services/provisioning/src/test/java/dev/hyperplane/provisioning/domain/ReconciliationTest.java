package dev.hyperplane.provisioning.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Desired x actual -> correction, one row per case, for a report of host h1. */
class ReconciliationTest {
    private static final Instant REPORT = Instant.parse("2026-12-02T10:00:00Z");
    private static final Duration GRACE = Duration.ofSeconds(30);

    @ParameterizedTest(name = "believed {1} on {0} ({2} s before), h1 reports {3} -> {4} {5}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // recorded host | believed state | changed s before report | h1 reports | correction | new state
            "h1 | Running   | 60 | Running  | -         | -",
            "h1 | Stopped   | 60 | Off      | -         | -",
            "h1 | Stopped   | 60 | Saved    | -         | -",
            // a VM provisioning failed or deleted but the host runs: removed from the host, never adopted
            "h1 | Failed    | 60 | Running  | tear-down | Failed",
            "h1 | Deleted   | 60 | Off      | tear-down | Deleted",
            "h2 | Failed    | 60 | Starting | tear-down | Failed",
            // believed on h1, the host reports it missing
            "h1 | Running   | 60 | -        | lost      | Lost",
            "h1 | Stopped   | 60 | -        | lost      | Lost",
            // a Lost VM reappears
            "h1 | Lost      | 60 | Running  | found     | Running",
            "h1 | Lost      | 60 | Off      | found     | Stopped",
            // an Unknown VM (its host was silent) is found again, or lost, by the host's next report
            "h1 | Unknown   | 60 | Running  | found     | Running",
            "h1 | Unknown   | 60 | Saved    | found     | Stopped",
            "h1 | Unknown   | 60 | -        | lost      | Lost",
            "h2 | Unknown   | 60 | Running  | host      | Running",
            "h1 | Unknown   | 10 | -        | -         | -",
            // the power state differs from the record
            "h1 | Running   | 60 | Off      | state     | Stopped",
            "h1 | Stopped   | 60 | Running  | state     | Running",
            "h1 | Running   | 60 | Stopping | -         | -",
            // on another host than recorded
            "h2 | Running   | 60 | Running  | host      | Running",
            "h2 | Stopped   | 60 | Off      | host      | Stopped",
            // not this host's to judge: recorded on h2, absent from h1's report
            "h2 | Running   | 60 | -        | -         | -",
            // transitional beliefs wait for their deadline
            "h1 | Placed    | 60 | -        | -         | -",
            "h1 | Placed    | 60 | Running  | -         | -",
            "h1 | Starting  | 60 | Off      | -         | -",
            "h1 | Deleting  | 60 | Running  | -         | -",
            "h1 | Resizing  | 60 | -        | -         | -",
            // a change younger than the grace period: the report may predate it
            "h1 | Running   | 10 | -        | -         | -",
            "h1 | Failed    | 10 | Running  | -         | -",
            "h1 | Running   | 31 | -        | lost      | Lost"})
    void a_belief_and_a_report_give_one_correction_or_none(String recordedHost, String state, long secondsBefore,
                                                           String reportedState, String kind, String newState) {
        Map<String, Reconciliation.Believed> believed = Map.of("vm-1",
                new Reconciliation.Believed("vm-1", recordedHost, state, REPORT.minusSeconds(secondsBefore)));
        Map<String, String> reported = new HashMap<>();
        if (reportedState != null) {
            reported.put("vm-1", reportedState);
        }

        List<Reconciliation.Correction> corrections = Reconciliation.compare("h1", believed, reported, REPORT, GRACE);

        if (kind == null) {
            assertThat(corrections).isEmpty();
        } else {
            assertThat(corrections).singleElement().satisfies(c -> {
                assertThat(c.vmId()).isEqualTo("vm-1");
                assertThat(c.kind()).isEqualTo(kind);
                assertThat(c.newState()).isEqualTo(newState);
                assertThat(c.reason()).contains("h1", "vm-1");
            });
        }
    }

    @ParameterizedTest(name = "believed {1} on {0}, h1 falls silent -> {2}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "h1 | Running  | Unknown",
            "h1 | Stopped  | Unknown",
            "h1 | Lost     | -",
            "h1 | Unknown  | -",
            "h1 | Failed   | -",
            "h1 | Starting | -",
            "h2 | Running  | -"})
    void a_silent_host_makes_its_settled_vms_unknown_never_lost(String recordedHost, String state, String newState) {
        Map<String, Reconciliation.Believed> believed = Map.of("vm-1",
                new Reconciliation.Believed("vm-1", recordedHost, state, REPORT.minusSeconds(1)));

        List<Reconciliation.Correction> corrections = Reconciliation.silent("h1", believed, "Unreachable: no telemetry");

        if (newState == null) {
            assertThat(corrections).isEmpty();
        } else {
            assertThat(corrections).singleElement().satisfies(c -> {
                assertThat(c.kind()).isEqualTo("state");
                assertThat(c.newState()).isEqualTo(newState);
                assertThat(c.reason()).contains("h1", "vm-1", "Unreachable: no telemetry");
            });
        }
    }
}
