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
import dev.hyperplane.migration.domain.HaIncidentState;
import dev.hyperplane.migration.domain.HaRestartPlan;
import dev.hyperplane.migration.domain.HaSettings;
import dev.hyperplane.migration.domain.HostQuarantine;
import dev.hyperplane.placement.HaPriority;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * HA for one host (event-sourced): the consistency boundary that makes sure a failed host is fenced before any of
 * its VMs runs elsewhere, and that one failure opens one incident.
 * <ol>
 *   <li>The detector reports the host failed: an incident opens and {@link FenceHost} goes to the host's agent,
 *   again every {@code fenceAnswerTimeout} until answered (the agent may be down: then an operator is alerted
 *   after {@code agentSilentAlertAfter}).</li>
 *   <li>A fence that failed (the management controller does not answer) raises an alert and is tried again every
 *   {@code fenceRetryInterval}; an operator who checked the host by hand may confirm it instead. Nothing restarts
 *   until one of the two.</li>
 *   <li>Fenced: the host gets no new VM until cleared, and its VMs are restarted through provisioning, tier by tier
 *   ({@link HaRestartPlan}); a refused attempt is retried after {@code restartRetryDelay}, up to
 *   {@code restartAttempts}, then reported with an alert. Every VM ends restarted or reported.</li>
 * </ol>
 * A host that fails too often is quarantined ({@link HostQuarantine}): no VM is placed on it until the quarantine
 * ends by its deadline or an operator clears it.
 * Every answer that comes again or too late changes nothing; deadlines check the state they were set for.
 */
public class HaHost {
    static final String FENCE = "ha-fence";
    static final String RESTART_TIMEOUT = "ha-restart-timeout";
    static final String RESTART_RETRY = "ha-restart-retry";
    static final String QUARANTINE_END = "ha-quarantine-end";
    static final String EXPIRED = "expired";
    static final String MANAGEMENT_CONTROLLER = "management-controller";
    static final String OPERATOR = "operator";

    @AggregateIdentifier
    private String hostId;
    private int incidents;
    private String incidentId;
    private HaIncidentState state;
    private int fenceAttempts;
    private boolean fenceAnswered;
    private boolean fenceFailedAlerted;
    private boolean agentSilentAlerted;
    /** No new incident while the host is fenced and not cleared: it runs nothing and gets nothing. */
    private boolean fenced;
    private Instant agentSilenceAlertedFor;
    /** When its incidents opened: the quarantine counts those within its window. */
    private final List<Instant> failures = new ArrayList<>();
    private Instant quarantinedUntil;
    private final Map<String, VmRestart> vms = new LinkedHashMap<>();
    /** VMs of the incident never asked for (priority off, not running). */
    private int skipped;

    /** One VM's restart: how many attempts, the one under way, and whether it is done. */
    private record VmRestart(HaPriority priority, int attempt, String pendingRestartId, boolean waitingToRetry,
                             boolean done, boolean restarted) {
        VmRestart(HaPriority priority) {
            this(priority, 0, null, false, false, false);
        }
    }

    protected HaHost() {
        // for Axon
    }

    /** Opens an incident unless one is open or the host is fenced and not cleared. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ReportHostFailure command, Clock clock, DeadlineManager deadlines, HaSettings settings,
                       HostQuarantine quarantine) {
        if (hostId != null && (fenced || (state != null && state != HaIncidentState.ENDED))) {
            return;
        }
        Instant now = clock.instant();
        List<Instant> earlier = quarantine.recent(failures, now);
        apply(new HaIncidentOpened(incidentIdOf(command.hostId(), incidents + 1), command.hostId(),
                command.agentId(), command.reason(), now));
        fence(deadlines, settings.fenceAnswerTimeout());
        if (quarantinedUntil == null && quarantine.quarantines(earlier, now)) {
            Instant until = now.plus(quarantine.duration());
            apply(new HaHostQuarantined(hostId, incidentId, earlier.size() + 1, quarantine.window().toString(), now,
                    until));
            deadlines.schedule(until, QUARANTINE_END, new HaDeadline(hostId, null, null));
        }
    }

    @CommandHandler
    public void handle(RecordFenceResult command, Clock clock, DeadlineManager deadlines, HaSettings settings) {
        if (state == null || !state.awaitsFence() || !command.commandId().startsWith(incidentId + "/fence-")) {
            return; // an answer to an older incident's fence, or one that comes again
        }
        if (command.fenced()) {
            apply(new HaHostFenced(incidentId, hostId, MANAGEMENT_CONTROLLER, clock.instant()));
            restart(command.vms(), clock, deadlines, settings);
        } else if (!fenceFailedAlerted) {
            apply(new HaAlertRaised(incidentId, hostId, "fence-failed", command.reason() + "; its VMs are not "
                    + "restarted until it is fenced or an operator confirms it is off", clock.instant()));
            deadlines.cancelAllWithinScope(FENCE);
            deadlines.schedule(settings.fenceRetryInterval(), FENCE, new HaDeadline(hostId, null, null));
        }
    }

    @CommandHandler
    public void handle(ConfirmFence command, Clock clock, DeadlineManager deadlines, HaSettings settings) {
        if (state == null || !state.awaitsFence() || !incidentId.equals(command.incidentId())) {
            return;
        }
        apply(new HaHostFenced(incidentId, hostId, OPERATOR, clock.instant()));
        restart(command.vms(), clock, deadlines, settings);
    }

    @DeadlineHandler(deadlineName = FENCE)
    void onFenceDeadline(HaDeadline deadline, Clock clock, DeadlineManager deadlines, HaSettings settings) {
        if (state == null || !state.awaitsFence()) {
            return;
        }
        // each fence so far went unanswered for fenceAnswerTimeout: no clock needed, and a replay alerts alike
        Duration unanswered = settings.fenceAnswerTimeout().multipliedBy(fenceAttempts);
        if (!fenceAnswered && !agentSilentAlerted && unanswered.compareTo(settings.agentSilentAlertAfter()) >= 0) {
            apply(new HaAlertRaised(incidentId, hostId, "agent-silent", "no answer to the fence of host " + hostId
                    + " for " + unanswered.toSeconds() + " s: its agent, which drives the management controller, "
                    + "is down; its VMs are not restarted until it is fenced or an operator confirms it is off",
                    clock.instant()));
        }
        fence(deadlines, fenceAnswered ? settings.fenceRetryInterval() : settings.fenceAnswerTimeout());
    }

    @CommandHandler
    public void handle(RecordRestartOutcome command, Clock clock, DeadlineManager deadlines, HaSettings settings) {
        VmRestart vm = vms.get(command.vmId());
        if (vm == null || vm.done()) {
            return;
        }
        if (command.restarted()) {
            apply(new HaVmRestartEnded(incidentId, command.vmId(), true, command.onHostId(), null, clock.instant()));
            afterVmDone(clock, deadlines, settings);
        } else if (command.restartId().equals(vm.pendingRestartId())) {
            attemptFailed(command.vmId(), vm, command.reason(), clock, deadlines, settings);
        }
    }

    @DeadlineHandler(deadlineName = RESTART_TIMEOUT)
    void onRestartTimeout(HaDeadline deadline, Clock clock, DeadlineManager deadlines, HaSettings settings) {
        VmRestart vm = vms.get(deadline.vmId());
        if (vm != null && !vm.done() && deadline.restartId().equals(vm.pendingRestartId())) {
            attemptFailed(deadline.vmId(), vm, "no answer from provisioning within "
                    + settings.restartTimeout().toSeconds() + " s", clock, deadlines, settings);
        }
    }

    @DeadlineHandler(deadlineName = RESTART_RETRY)
    void onRestartRetry(HaDeadline deadline, Clock clock, DeadlineManager deadlines, HaSettings settings) {
        VmRestart vm = vms.get(deadline.vmId());
        if (vm != null && !vm.done() && vm.waitingToRetry()) {
            request(deadline.vmId(), vm, clock, deadlines, settings);
        }
    }

    /**
     * An operator's word that the host is fine: it ends the fence and the quarantine, whichever it has; placed on
     * again from now on.
     */
    @CommandHandler
    public void handle(ClearHost command, Clock clock, DeadlineManager deadlines) {
        if (fenced) {
            apply(new HaHostCleared(hostId, command.clearedBy(), clock.instant()));
        }
        if (quarantinedUntil != null) {
            deadlines.cancelAllWithinScope(QUARANTINE_END);
            apply(new HaHostQuarantineEnded(hostId, command.clearedBy(), clock.instant()));
        }
    }

    @DeadlineHandler(deadlineName = QUARANTINE_END)
    void onQuarantineEnd(HaDeadline deadline, Clock clock) {
        if (quarantinedUntil != null) { // a clear cancels the deadline of the quarantine it ends
            apply(new HaHostQuarantineEnded(hostId, EXPIRED, clock.instant()));
        }
    }

    /** Once per silence of the agent, whether an incident is open or not. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RaiseAgentSilentAlert command, Clock clock) {
        if (command.lastHeartbeat().equals(agentSilenceAlertedFor)) {
            return;
        }
        boolean open = state != null && state != HaIncidentState.ENDED;
        apply(new HaAlertRaised(open ? incidentId : null, command.hostId(), "agent-silent", command.reason(),
                clock.instant()));
        apply(new HaAgentSilenceAlerted(command.hostId(), command.agentId(), command.lastHeartbeat()));
    }

    private void fence(DeadlineManager deadlines, Duration next) {
        apply(new FenceHost(incidentId + "/fence-" + (fenceAttempts + 1), hostId, "HA incident " + incidentId
                + ": the host fell silent while its agent is alive"));
        deadlines.cancelAllWithinScope(FENCE);
        deadlines.schedule(next, FENCE, new HaDeadline(hostId, null, null));
    }

    private void restart(List<HaRestartPlan.VmOnHost> onHost, Clock clock, DeadlineManager deadlines,
                         HaSettings settings) {
        deadlines.cancelAllWithinScope(FENCE);
        HaRestartPlan.Plan plan = HaRestartPlan.of(onHost);
        apply(new HaRestartsPlanned(hostId, incidentId, plan.restarts().stream()
                .map(r -> new HaRestartsPlanned.Planned(r.vmId(), r.priority().label())).toList()));
        for (HaRestartPlan.NotRestarted skipped : plan.notRestarted()) {
            apply(new HaVmRestartEnded(incidentId, skipped.vmId(), false, null, skipped.reason(), clock.instant()));
        }
        afterVmDone(clock, deadlines, settings);
    }

    /** The incident ends when every VM is done; otherwise the highest tier left is asked for, if idle. */
    private void afterVmDone(Clock clock, DeadlineManager deadlines, HaSettings settings) {
        HaPriority tier = vms.values().stream().filter(v -> !v.done()).map(v -> v.priority()).min(Enum::compareTo)
                .orElse(null);
        if (tier == null) {
            int restarted = (int) vms.values().stream().filter(v -> v.restarted()).count();
            apply(new HaIncidentEnded(incidentId, hostId, restarted, vms.size() - restarted + skipped,
                    clock.instant()));
            return;
        }
        vms.forEach((vmId, vm) -> {
            if (!vm.done() && vm.priority() == tier && vm.attempt() == 0) {
                request(vmId, vm, clock, deadlines, settings);
            }
        });
    }

    private void request(String vmId, VmRestart vm, Clock clock, DeadlineManager deadlines, HaSettings settings) {
        int attempt = vm.attempt() + 1;
        String restartId = restartIdOf(incidentId, vmId, attempt);
        apply(new HaRestartRequested(incidentId, restartId, vmId, hostId, vm.priority().label(), attempt,
                clock.instant()));
        deadlines.schedule(settings.restartTimeout(), RESTART_TIMEOUT, new HaDeadline(hostId, vmId, restartId));
    }

    private void attemptFailed(String vmId, VmRestart vm, String reason, Clock clock, DeadlineManager deadlines,
                               HaSettings settings) {
        if (vm.attempt() < settings.restartAttempts()) {
            apply(new HaRestartAttemptFailed(hostId, vmId, vm.pendingRestartId(), reason));
            deadlines.schedule(settings.restartRetryDelay(), RESTART_RETRY, new HaDeadline(hostId, vmId, null));
            return;
        }
        String why = "not restarted after " + vm.attempt() + " attempts: " + reason;
        apply(new HaVmRestartEnded(incidentId, vmId, false, null, why, clock.instant()));
        apply(new HaAlertRaised(incidentId, hostId, "vm-not-restarted", "VM " + vmId + " of host " + hostId + " "
                + why, clock.instant()));
        afterVmDone(clock, deadlines, settings);
    }

    /** Stable per host and count: a repeated report of the same failure finds the incident it opened. */
    public static String incidentIdOf(String hostId, int number) {
        return UUID.nameUUIDFromBytes(("ha-incident:" + hostId + ":" + number).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** {@code ha-} marks a move as an HA restart, not a migration, wherever provisioning's answers arrive. */
    public static String restartIdOf(String incidentId, String vmId, int attempt) {
        return RESTART_PREFIX + UUID.nameUUIDFromBytes((incidentId + ":" + vmId + ":" + attempt)
                .getBytes(StandardCharsets.UTF_8));
    }

    public static final String RESTART_PREFIX = "ha-";

    @EventSourcingHandler
    void on(HaIncidentOpened event) {
        failures.add(event.detectedAt());
        hostId = event.hostId();
        incidentId = event.incidentId();
        incidents++;
        state = HaIncidentState.FENCING;
        fenceAttempts = 0;
        fenceAnswered = false;
        fenceFailedAlerted = false;
        agentSilentAlerted = false;
        vms.clear();
        skipped = 0;
    }

    @EventSourcingHandler
    void on(FenceHost event) {
        fenceAttempts++;
    }

    @EventSourcingHandler
    void on(HaAlertRaised event) {
        hostId = event.hostId();
        if (event.kind().equals("fence-failed")) {
            fenceAnswered = true;
            fenceFailedAlerted = true;
            state = HaIncidentState.FENCE_FAILED;
        } else if (event.kind().equals("agent-silent") && event.incidentId() != null
                && event.incidentId().equals(incidentId)) {
            agentSilentAlerted = true;
        }
    }

    @EventSourcingHandler
    void on(HaAgentSilenceAlerted event) {
        agentSilenceAlertedFor = event.lastHeartbeat();
    }

    @EventSourcingHandler
    void on(HaHostFenced event) {
        fenced = true;
        fenceAnswered = true;
        state = HaIncidentState.RESTARTING;
    }

    @EventSourcingHandler
    void on(HaRestartsPlanned event) {
        event.vms().forEach(p -> vms.put(p.vmId(), new VmRestart(HaPriority.of(p.haPriority()))));
    }

    @EventSourcingHandler
    void on(HaRestartRequested event) {
        VmRestart vm = vms.get(event.vmId());
        vms.put(event.vmId(), new VmRestart(vm.priority(), event.attempt(), event.restartId(), false, false, false));
    }

    @EventSourcingHandler
    void on(HaRestartAttemptFailed event) {
        VmRestart vm = vms.get(event.vmId());
        vms.put(event.vmId(), new VmRestart(vm.priority(), vm.attempt(), null, true, false, false));
    }

    @EventSourcingHandler
    void on(HaVmRestartEnded event) {
        VmRestart vm = vms.get(event.vmId());
        if (vm == null) {
            skipped++; // not restarted at all (priority off, not running): never planned
            return;
        }
        vms.put(event.vmId(), new VmRestart(vm.priority(), vm.attempt(), vm.pendingRestartId(), false, true,
                event.restarted()));
    }

    @EventSourcingHandler
    void on(HaIncidentEnded event) {
        state = HaIncidentState.ENDED;
    }

    @EventSourcingHandler
    void on(HaHostCleared event) {
        fenced = false;
    }

    @EventSourcingHandler
    void on(HaHostQuarantined event) {
        quarantinedUntil = event.until();
    }

    @EventSourcingHandler
    void on(HaHostQuarantineEnded event) {
        quarantinedUntil = null;
    }
}
