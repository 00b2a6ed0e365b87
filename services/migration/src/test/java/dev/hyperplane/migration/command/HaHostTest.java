package dev.hyperplane.migration.command;

import dev.hyperplane.events.agent.FenceHost;
import dev.hyperplane.events.migration.HaAlertRaised;
import dev.hyperplane.events.migration.HaHostCleared;
import dev.hyperplane.events.migration.HaHostFenced;
import dev.hyperplane.events.migration.HaHostQuarantineEnded;
import dev.hyperplane.events.migration.HaHostQuarantined;
import dev.hyperplane.events.migration.HaIncidentEnded;
import dev.hyperplane.events.migration.HaIncidentOpened;
import dev.hyperplane.events.migration.HaRestartRequested;
import dev.hyperplane.events.migration.HaVmRestartEnded;
import dev.hyperplane.migration.domain.HaRestartPlan.VmOnHost;
import dev.hyperplane.migration.domain.HaSettings;
import dev.hyperplane.migration.domain.HostQuarantine;
import dev.hyperplane.placement.HaPriority;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * HA of one host: one incident per failure, nothing restarted before a confirmed fence, restarts tier by tier with
 * bounded retries, alerts an operator can act on.
 */
class HaHostTest {
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private static final HaSettings SETTINGS = new HaSettings(Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofSeconds(30), 3, Duration.ofSeconds(5), Duration.ofSeconds(60));
    private static final HostQuarantine QUARANTINE = new HostQuarantine(3, Duration.ofHours(1), Duration.ofHours(2));
    private static final String INCIDENT = HaHost.incidentIdOf("h1", 1);
    private static final String WHY = "no report for more than 9 s while its agent is alive";
    private static final HaIncidentOpened OPENED = new HaIncidentOpened(INCIDENT, "h1", "agent-1", WHY, NOW);
    private static final FenceHost FENCE_1 = new FenceHost(INCIDENT + "/fence-1", "h1", "HA incident " + INCIDENT
            + ": the host fell silent while its agent is alive");
    private static final HaHostFenced FENCED = new HaHostFenced(INCIDENT, "h1", "management-controller", NOW);
    /** Two high, one medium, one low, one off, one stopped. */
    private static final List<VmOnHost> ON_H1 = List.of(
            new VmOnHost("vm-low", "Unknown", HaPriority.LOW),
            new VmOnHost("vm-med", "Running", HaPriority.MEDIUM),
            new VmOnHost("vm-hi-b", "Unknown", HaPriority.HIGH),
            new VmOnHost("vm-hi-a", "Lost", HaPriority.HIGH),
            new VmOnHost("vm-off", "Running", HaPriority.OFF),
            new VmOnHost("vm-stopped", "Stopped", HaPriority.HIGH));
    private static final HaRestartsPlanned PLANNED = new HaRestartsPlanned("h1", INCIDENT, List.of(
            new HaRestartsPlanned.Planned("vm-hi-a", "high"), new HaRestartsPlanned.Planned("vm-hi-b", "high"),
            new HaRestartsPlanned.Planned("vm-med", "medium"), new HaRestartsPlanned.Planned("vm-low", "low")));

    private AggregateTestFixture<HaHost> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(HaHost.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(SETTINGS);
        fixture.registerInjectableResource(QUARANTINE);
    }

    private static HaRestartRequested requested(String vmId, String priority, int attempt) {
        return new HaRestartRequested(INCIDENT, HaHost.restartIdOf(INCIDENT, vmId, attempt), vmId, "h1", priority,
                attempt, NOW);
    }

    private static HaVmRestartEnded restarted(String vmId, String on) {
        return new HaVmRestartEnded(INCIDENT, vmId, true, on, null, NOW);
    }

    @Test
    void a_failure_opens_one_incident_and_fences_the_host_first() {
        fixture.givenNoPriorActivity()
                .when(new ReportHostFailure("h1", "agent-1", WHY))
                .expectEvents(OPENED, FENCE_1)
                .expectScheduledDeadlineWithName(Duration.ofSeconds(10), HaHost.FENCE);
        fixture.given(OPENED, FENCE_1)
                .when(new ReportHostFailure("h1", "agent-1", WHY))
                .expectNoEvents();
    }

    @Test
    void a_confirmed_fence_restarts_the_highest_tier_first_and_reports_the_vms_it_does_not_restart() {
        fixture.given(OPENED, FENCE_1)
                .when(new RecordFenceResult("h1", INCIDENT + "/fence-1", true, null, ON_H1))
                .expectEvents(FENCED, PLANNED,
                        new HaVmRestartEnded(INCIDENT, "vm-off", false, null, "its HA priority is off", NOW),
                        new HaVmRestartEnded(INCIDENT, "vm-stopped", false, null,
                                "it was Stopped, not running, when the host failed", NOW),
                        requested("vm-hi-a", "high", 1), requested("vm-hi-b", "high", 1))
                .expectScheduledDeadlineWithName(Duration.ofSeconds(60), HaHost.RESTART_TIMEOUT);
    }

    @Test
    void the_next_tier_waits_until_every_vm_of_the_higher_one_is_done_and_the_incident_ends_with_the_last() {
        Object[] highAsked = {OPENED, FENCE_1, FENCED, PLANNED, requested("vm-hi-a", "high", 1),
                requested("vm-hi-b", "high", 1)};
        fixture.given(highAsked)
                .when(new RecordRestartOutcome("h1", "vm-hi-a", HaHost.restartIdOf(INCIDENT, "vm-hi-a", 1), true, "h2",
                        null))
                .expectEvents(restarted("vm-hi-a", "h2"));
        fixture.given(highAsked).andGiven(restarted("vm-hi-a", "h2"))
                .when(new RecordRestartOutcome("h1", "vm-hi-b", HaHost.restartIdOf(INCIDENT, "vm-hi-b", 1), true, "h3",
                        null))
                .expectEvents(restarted("vm-hi-b", "h3"), requested("vm-med", "medium", 1));
        fixture.given(highAsked).andGiven(restarted("vm-hi-a", "h2"), restarted("vm-hi-b", "h3"),
                        requested("vm-med", "medium", 1), restarted("vm-med", "h2"), requested("vm-low", "low", 1))
                .when(new RecordRestartOutcome("h1", "vm-low", HaHost.restartIdOf(INCIDENT, "vm-low", 1), true, "h2",
                        null))
                .expectEvents(restarted("vm-low", "h2"), new HaIncidentEnded(INCIDENT, "h1", 4, 0, NOW));
    }

    @Test
    void a_refused_restart_is_retried_after_a_delay_and_reported_with_an_alert_after_the_last_attempt() {
        Object[] asked = {OPENED, FENCE_1, FENCED, new HaRestartsPlanned("h1", INCIDENT,
                List.of(new HaRestartsPlanned.Planned("vm-1", "medium"))), requested("vm-1", "medium", 1)};
        String first = HaHost.restartIdOf(INCIDENT, "vm-1", 1);
        fixture.given(asked)
                .when(new RecordRestartOutcome("h1", "vm-1", first, false, null, "no host has 8192 MB free"))
                .expectEvents(new HaRestartAttemptFailed("h1", "vm-1", first, "no host has 8192 MB free"))
                .expectScheduledDeadlineWithName(Duration.ofSeconds(5), HaHost.RESTART_RETRY);
        fixture.given(asked).andGiven(new HaRestartAttemptFailed("h1", "vm-1", first, "full"))
                .whenThenTimeElapses(Duration.ofSeconds(6))
                .expectEvents(requested("vm-1", "medium", 2));
        String third = HaHost.restartIdOf(INCIDENT, "vm-1", 3);
        fixture.given(asked).andGiven(new HaRestartAttemptFailed("h1", "vm-1", first, "full"),
                        requested("vm-1", "medium", 2),
                        new HaRestartAttemptFailed("h1", "vm-1", HaHost.restartIdOf(INCIDENT, "vm-1", 2), "full"),
                        requested("vm-1", "medium", 3))
                .when(new RecordRestartOutcome("h1", "vm-1", third, false, null, "full"))
                .expectEvents(new HaVmRestartEnded(INCIDENT, "vm-1", false, null, "not restarted after 3 attempts: full",
                                NOW),
                        new HaAlertRaised(INCIDENT, "h1", "vm-not-restarted",
                                "VM vm-1 of host h1 not restarted after 3 attempts: full", NOW),
                        new HaIncidentEnded(INCIDENT, "h1", 0, 1, NOW));
    }

    @Test
    void an_answer_to_an_older_attempt_or_one_that_comes_again_changes_nothing() {
        Object[] asked = {OPENED, FENCE_1, FENCED, new HaRestartsPlanned("h1", INCIDENT,
                List.of(new HaRestartsPlanned.Planned("vm-1", "medium"))), requested("vm-1", "medium", 1),
                new HaRestartAttemptFailed("h1", "vm-1", HaHost.restartIdOf(INCIDENT, "vm-1", 1), "full"),
                requested("vm-1", "medium", 2)};
        fixture.given(asked)
                .when(new RecordRestartOutcome("h1", "vm-1", HaHost.restartIdOf(INCIDENT, "vm-1", 1), false, null,
                        "full"))
                .expectNoEvents();
        fixture.given(asked).andGiven(restarted("vm-1", "h2"), new HaIncidentEnded(INCIDENT, "h1", 1, 0, NOW))
                .when(new RecordRestartOutcome("h1", "vm-1", HaHost.restartIdOf(INCIDENT, "vm-1", 2), true, "h2",
                        null))
                .expectNoEvents();
    }

    @Test
    void an_unanswered_attempt_counts_as_failed_after_its_timeout() {
        fixture.givenCommands(new ReportHostFailure("h1", "agent-1", WHY), new RecordFenceResult("h1",
                        INCIDENT + "/fence-1", true, null, List.of(new VmOnHost("vm-1", "Running", HaPriority.HIGH))))
                .whenThenTimeElapses(Duration.ofSeconds(61))
                .expectEvents(new HaRestartAttemptFailed("h1", "vm-1", HaHost.restartIdOf(INCIDENT, "vm-1", 1),
                        "no answer from provisioning within 60 s"));
    }

    @Test
    void a_fence_that_fails_raises_an_alert_restarts_nothing_and_an_operator_may_confirm_it() {
        fixture.given(OPENED, FENCE_1)
                .when(new RecordFenceResult("h1", INCIDENT + "/fence-1", false,
                        "the management controller of host h1 does not answer", ON_H1))
                .expectEvents(new HaAlertRaised(INCIDENT, "h1", "fence-failed", "the management controller of host "
                        + "h1 does not answer; its VMs are not restarted until it is fenced or an operator confirms "
                        + "it is off", NOW))
                .expectScheduledDeadlineWithName(Duration.ofSeconds(30), HaHost.FENCE);
        HaAlertRaised failed = new HaAlertRaised(INCIDENT, "h1", "fence-failed", "no", NOW);
        fixture.given(OPENED, FENCE_1, failed)
                .when(new ConfirmFence("h1", INCIDENT, "ops", List.of(new VmOnHost("vm-1", "Unknown",
                        HaPriority.MEDIUM))))
                .expectEvents(new HaHostFenced(INCIDENT, "h1", "operator", NOW), new HaRestartsPlanned("h1", INCIDENT,
                        List.of(new HaRestartsPlanned.Planned("vm-1", "medium"))), requested("vm-1", "medium", 1));
        fixture.given(OPENED, FENCE_1, failed)
                .when(new ConfirmFence("h1", "another incident", "ops", List.of()))
                .expectNoEvents();
    }

    @Test
    void an_unanswered_fence_is_sent_again_and_an_operator_alerted_when_the_agent_stays_down() {
        FenceHost second = new FenceHost(INCIDENT + "/fence-2", "h1", FENCE_1.reason());
        FenceHost third = new FenceHost(INCIDENT + "/fence-3", "h1", FENCE_1.reason());
        fixture.givenCommands(new ReportHostFailure("h1", "agent-1", WHY))
                .whenThenTimeElapses(Duration.ofSeconds(31))
                .expectEvents(second, third, new HaAlertRaised(INCIDENT, "h1", "agent-silent", "no answer to the fence "
                                + "of host h1 for 30 s: its agent, which drives the management controller, is down; "
                                + "its VMs are not restarted until it is fenced or an operator confirms it is off", NOW),
                        new FenceHost(INCIDENT + "/fence-4", "h1", FENCE_1.reason()));
    }

    @Test
    void a_fenced_host_opens_no_new_incident_until_cleared_and_only_a_fenced_host_is_cleared() {
        Object[] ended = {OPENED, FENCE_1, FENCED, new HaRestartsPlanned("h1", INCIDENT, List.of()),
                new HaIncidentEnded(INCIDENT, "h1", 0, 0, NOW)};
        fixture.given(ended)
                .when(new ReportHostFailure("h1", "agent-1", WHY))
                .expectNoEvents();
        fixture.given(ended).andGiven(new HaHostCleared("h1", "ops", NOW))
                .when(new ReportHostFailure("h1", "agent-1", WHY))
                .expectEvents(new HaIncidentOpened(HaHost.incidentIdOf("h1", 2), "h1", "agent-1", WHY, NOW),
                        new FenceHost(HaHost.incidentIdOf("h1", 2) + "/fence-1", "h1", "HA incident "
                                + HaHost.incidentIdOf("h1", 2) + ": the host fell silent while its agent is alive"));
        fixture.given(ended)
                .when(new ClearHost("h1", "ops"))
                .expectEvents(new HaHostCleared("h1", "ops", NOW));
        fixture.given(OPENED, FENCE_1)
                .when(new ClearHost("h1", "ops"))
                .expectNoEvents();
    }

    @Test
    void an_agent_silent_for_long_is_alerted_once_per_silence() {
        Instant last = NOW.minusSeconds(300);
        fixture.givenNoPriorActivity()
                .when(new RaiseAgentSilentAlert("h1", "agent-1", last, "agent agent-1 silent for 300 s"))
                .expectEvents(new HaAlertRaised(null, "h1", "agent-silent", "agent agent-1 silent for 300 s", NOW),
                        new HaAgentSilenceAlerted("h1", "agent-1", last));
        fixture.given(new HaAlertRaised(null, "h1", "agent-silent", "x", NOW),
                        new HaAgentSilenceAlerted("h1", "agent-1", last))
                .when(new RaiseAgentSilentAlert("h1", "agent-1", last, "again"))
                .expectNoEvents();
    }

    /** Failures of h1 at these times, each fenced, ended and cleared. */
    private static Object[] failedAndCleared(Instant... at) {
        List<Object> events = new ArrayList<>();
        for (int i = 0; i < at.length; i++) {
            String incident = HaHost.incidentIdOf("h1", i + 1);
            events.addAll(List.of(new HaIncidentOpened(incident, "h1", "agent-1", WHY, at[i]),
                    new FenceHost(incident + "/fence-1", "h1", "fence"),
                    new HaHostFenced(incident, "h1", "management-controller", at[i]),
                    new HaRestartsPlanned("h1", incident, List.of()), new HaIncidentEnded(incident, "h1", 0, 0, at[i]),
                    new HaHostCleared("h1", "ops", at[i])));
        }
        return events.toArray();
    }

    private static final String THIRD = HaHost.incidentIdOf("h1", 3);
    private static final HaHostQuarantined QUARANTINED = new HaHostQuarantined("h1", THIRD, 3, "PT1H", NOW,
            NOW.plus(Duration.ofHours(2)));

    @Test
    void a_third_failure_within_the_hour_quarantines_the_host_until_its_deadline() {
        fixture.given(failedAndCleared(NOW.minusSeconds(50 * 60), NOW.minusSeconds(20 * 60)))
                .when(new ReportHostFailure("h1", "agent-1", WHY))
                .expectEvents(new HaIncidentOpened(THIRD, "h1", "agent-1", WHY, NOW), new FenceHost(THIRD
                        + "/fence-1", "h1", "HA incident " + THIRD + ": the host fell silent while its agent is alive"),
                        QUARANTINED)
                .expectScheduledDeadlineWithName(NOW.plus(Duration.ofHours(2)), HaHost.QUARANTINE_END);
        fixture.given(failedAndCleared(NOW.minusSeconds(50 * 60), NOW.minusSeconds(20 * 60)))
                .andGivenCommands(new ReportHostFailure("h1", "agent-1", WHY),
                        new RecordFenceResult("h1", THIRD + "/fence-1", true, null, List.of()))
                .whenTimeElapses(Duration.ofHours(2))
                .expectEvents(new HaHostQuarantineEnded("h1", "expired", NOW));
    }

    @Test
    void failures_spread_over_more_than_the_window_do_not_quarantine() {
        fixture.given(failedAndCleared(NOW.minusSeconds(61 * 60), NOW.minusSeconds(20 * 60)))
                .when(new ReportHostFailure("h1", "agent-1", WHY))
                .expectEvents(new HaIncidentOpened(THIRD, "h1", "agent-1", WHY, NOW), new FenceHost(THIRD
                        + "/fence-1", "h1", "HA incident " + THIRD + ": the host fell silent while its agent is alive"))
                .expectNoScheduledDeadlineWithName(Duration.ofHours(2), HaHost.QUARANTINE_END);
    }

    @Test
    void a_quarantined_host_failing_again_is_not_quarantined_twice() {
        Object[] quarantined = failedAndCleared(NOW.minusSeconds(50 * 60), NOW.minusSeconds(40 * 60),
                NOW.minusSeconds(30 * 60));
        Object[] given = new Object[quarantined.length + 1];
        System.arraycopy(quarantined, 0, given, 0, quarantined.length);
        given[quarantined.length] = new HaHostQuarantined("h1", THIRD, 3, "PT1H", NOW.minusSeconds(30 * 60),
                NOW.plusSeconds(90 * 60));
        String fourth = HaHost.incidentIdOf("h1", 4);
        fixture.given(given)
                .when(new ReportHostFailure("h1", "agent-1", WHY))
                .expectEvents(new HaIncidentOpened(fourth, "h1", "agent-1", WHY, NOW), new FenceHost(fourth
                        + "/fence-1", "h1", "HA incident " + fourth + ": the host fell silent while its agent is alive"));
    }

    @Test
    void an_operator_clear_ends_the_fence_and_the_quarantine_and_cancels_its_deadline() {
        Object[] twice = failedAndCleared(NOW.minusSeconds(50 * 60), NOW.minusSeconds(20 * 60));
        fixture.given(twice)
                .andGiven(new HaIncidentOpened(THIRD, "h1", "agent-1", WHY, NOW), new FenceHost(THIRD + "/fence-1",
                        "h1", "fence"), QUARANTINED, new HaHostFenced(THIRD, "h1", "management-controller", NOW),
                        new HaRestartsPlanned("h1", THIRD, List.of()), new HaIncidentEnded(THIRD, "h1", 0, 0, NOW))
                .when(new ClearHost("h1", "ops"))
                .expectEvents(new HaHostCleared("h1", "ops", NOW), new HaHostQuarantineEnded("h1", "ops", NOW))
                .expectNoScheduledDeadlineWithName(Duration.ofHours(2), HaHost.QUARANTINE_END);
        fixture.given(twice)
                .when(new ClearHost("h1", "ops"))
                .expectNoEvents();
    }
}
