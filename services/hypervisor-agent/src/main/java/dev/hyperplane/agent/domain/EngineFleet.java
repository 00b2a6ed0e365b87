package dev.hyperplane.agent.domain;

import dev.hyperplane.agent.config.AgentConfig;
import dev.hyperplane.events.agent.AgentAnswer;
import dev.hyperplane.events.agent.AgentCommand;
import dev.hyperplane.events.agent.AgentCommandCompleted;
import dev.hyperplane.events.agent.AgentCommandRejected;
import dev.hyperplane.events.agent.CancelMigrationOnHost;
import dev.hyperplane.events.agent.CreateVmOnHost;
import dev.hyperplane.events.agent.EndIncomingMigration;
import dev.hyperplane.events.agent.FenceHost;
import dev.hyperplane.events.agent.HostFenceResult;
import dev.hyperplane.events.agent.HandOffMigration;
import dev.hyperplane.events.agent.IncomingMigrationAnswered;
import dev.hyperplane.events.agent.PrepareIncomingMigration;
import dev.hyperplane.events.agent.SimulationControlOnHost;
import dev.hyperplane.events.agent.MigrateVmOnHost;
import dev.hyperplane.events.agent.VmStartedOnHost;
import dev.hyperplane.guestsupport.LisMatrix;
import dev.hyperplane.hyperv.CommandRejected;
import dev.hyperplane.hyperv.VmState;
import dev.hyperplane.hyperv.VmView;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

/**
 * The hosts this agent simulates, each an {@link EngineHost} on the Hyper-V engine, rebuilt from the
 * {@link ReplayLog} at start. Each agent command is applied once: its answer goes to the {@link AnswerLog} with
 * its effect; a command that waits for the engine (create, start, shut-down, restart, pause, save, resume,
 * backup, migration) is answered when the engine reports what it waited for; a redelivered command gets the
 * logged answer again.
 */
@ApplicationScoped
public class EngineFleet {

    @Inject
    AgentConfig config;
    @Inject
    HostStore store;
    @Inject
    ReplayLog replayLog;
    @Inject
    AnswerLog answers;

    private final LisMatrix matrix = LisMatrix.shipped();
    private final Map<String, EngineHost> hosts = new LinkedHashMap<>();
    private ContractTranslation translation;
    private MigrationHandOff handOffs;
    private RemoteHandOff remote;
    private volatile boolean loaded;

    /**
     * Creates this agent's hosts on first start ({@code <agent id>-host-NN}, the host profiles taking turns) and
     * replays every host's log.
     */
    public void ensureLoaded() {
        if (loaded) {
            return;
        }
        synchronized (this) {
            if (loaded) {
                return;
            }
            List<HostProfile> mix = profiles();
            QuarkusTransaction.requiringNew().run(() -> IntStream.rangeClosed(1, config.hosts()).forEach(i -> {
                String id = "%s-host-%02d".formatted(config.id(), i);
                store.ensureHost(config.id(), HostProfile.forHost(mix, i + config.hostProfileOffset()).spec(id),
                        config.seed() + i);
            }));
            for (HostStore.HostRow row : QuarkusTransaction.requiringNew().call(() -> store.hosts(config.id()))) {
                hosts.put(row.spec().hostId(), replayLog.rebuild(row, matrix));
            }
            translation = new ContractTranslation(matrix, config.migrationLinkMbPerSecond());
            handOffs = new MigrationHandOff(config.id(), hosts::get, this::rebuildIfStale, replayLog, answers);
            remote = new RemoteHandOff(hosts::get, this::rebuildIfStale, replayLog, answers, store,
                    config.remotePrepareTimeout(), config.remoteHandOffTimeout(), config.remoteResendInterval());
            loaded = true;
        }
    }

    /** The configured mix of host kinds, or the one profile of the single-host settings. */
    private List<HostProfile> profiles() {
        return config.hostProfiles().map(list -> list.stream().map(HostProfile::parse).toList())
                .orElseGet(() -> List.of(new HostProfile(config.windowsServerVersion(), config.hostLogicalProcessors(),
                        config.hostMemoryMb(), config.hostRootReserveMb())));
    }

    public Collection<EngineHost> hosts() {
        ensureLoaded();
        return hosts.values();
    }

    public Optional<EngineHost> host(String hostId) {
        ensureLoaded();
        return Optional.ofNullable(hosts.get(hostId));
    }

    public boolean runs(String hostId) {
        return host(hostId).isPresent();
    }

    /** The agent that runs a host of the fleet, as inventory registered it; empty for a host nobody runs. */
    public Optional<String> agentOf(String hostId) {
        return QuarkusTransaction.requiringNew().call(() -> store.agentOf(hostId));
    }

    /**
     * Handles an agent command for one of this agent's hosts: a migration to another agent's host and the steps of
     * one go through {@link RemoteHandOff}, the rest is {@link #apply applied}.
     */
    public CommandOutcome handle(AgentCommand command) {
        ensureLoaded();
        if (command instanceof MigrateVmOnHost migrate && !hosts.containsKey(migrate.destinationHostId())) {
            return remote.start(migrate, (EngineCommand.Migrate) translation.toEngine(migrate));
        }
        if (command instanceof PrepareIncomingMigration prepare) {
            return remote.prepareIn(prepare);
        }
        if (command instanceof IncomingMigrationAnswered answered) {
            return remote.answered(answered);
        }
        if (command instanceof HandOffMigration handOff) {
            return remote.handOffIn(handOff);
        }
        if (command instanceof EndIncomingMigration end) {
            return remote.endIn(end);
        }
        if (command instanceof SimulationControlOnHost control) {
            AgentAnswer answer = simulateOnce(control);
            // a control of the host as a whole names no VM, which every answer of the contract does: its outcome
            // stays in the answer log, so a repeat is not applied again
            return control.vmId() == null ? CommandOutcome.NONE : CommandOutcome.answer(answer);
        }
        return CommandOutcome.of(apply(command));
    }

    /**
     * Applies a simulation control another agent forwarded, once per id; a VM's is answered so that a refusal is
     * seen on the event stream (no one waits for it).
     */
    private AgentAnswer simulateOnce(SimulationControlOnHost control) {
        Optional<AgentAnswer> logged = QuarkusTransaction.requiringNew().call(() ->
                answers.answerFor(control.commandId()));
        if (logged.isPresent()) {
            return logged.get();
        }
        AgentAnswer answer;
        try {
            simulate(control);
            answer = new AgentCommandCompleted(control.commandId(), control.hostId(), control.vmId(), Instant.now());
        } catch (CommandRejected | SimulationControl.Invalid e) {
            answer = new AgentCommandRejected(control.commandId(), control.hostId(), control.vmId(), e.getMessage());
        }
        AgentAnswer done = answer;
        return QuarkusTransaction.requiringNew().call(() -> answers.log(done));
    }

    /**
     * Applies a fault injection or simulation control to one of this agent's hosts.
     *
     * @throws SimulationControl.Invalid when it can never apply
     * @throws CommandRejected           when the host has no such VM, or the engine refuses
     */
    public void simulate(SimulationControlOnHost control) {
        SimulationControl.validate(control);
        String hostId = control.hostId();
        if (SimulationControl.isFault(control)) {
            EngineHost host = host(hostId).orElseThrow(() -> new CommandRejected("no host " + hostId
                    + " on this agent"));
            changeFaults(host, faults -> SimulationControl.faultsAfter(control, faults));
            return;
        }
        VmView vm = vm(hostId, control.vmId()).orElseThrow(() -> new CommandRejected("no VM " + control.vmId()
                + " on host " + hostId));
        if (SimulationControl.MOVE.equals(control.control())) {
            moveOutOfBand(hostId, control.vmId(), control.destinationHostId());
        } else {
            control(hostId, SimulationControl.toEngine(control, vm.spec().memory().startupMb()));
        }
    }

    /**
     * Applies an agent command for one of this agent's hosts, with its log row and answer in one transaction that
     * commits while the host is still locked: nothing the engine did is seen (advanced, published, snapshotted)
     * before it is durable, and if the commit fails the host is rebuilt from what is.
     *
     * @return the answer to send now, or empty while the VM gets to the command's state (the answer follows)
     */
    public Optional<AgentAnswer> apply(AgentCommand command) {
        EngineHost host = host(command.hostId()).orElseThrow();
        if (command instanceof MigrateVmOnHost migrate) { // takes both hosts' locks
            return handOffs.start(migrate, (EngineCommand.Migrate) translation.toEngine(migrate));
        }
        synchronized (host) {
            rebuildIfStale(host);
            try {
                return QuarkusTransaction.requiringNew().call(() -> applyLogged(host, command));
            } catch (RuntimeException e) {
                host.markStale(); // the engine may have taken a command whose log row rolled back
                throw e;
            }
        }
    }

    private Optional<AgentAnswer> applyLogged(EngineHost host, AgentCommand command) {
        // a redelivered command gets its logged answer; looked up here, under the host's lock, and only here
        Optional<AgentAnswer> logged = answers.answerFor(command.commandId());
        if (logged.isPresent()) {
            return logged;
        }
        if (host.awaits(command.vmId(), command.commandId())) {
            return Optional.empty(); // redelivered while its VM gets there
        }
        if (command instanceof CreateVmOnHost create && host.engine().vmIds().contains(create.vmId())) {
            return Optional.of(answers.log(existing(host, create)));
        }
        EngineCommand engineCommand;
        Optional<AgentAnswer> answer;
        try {
            engineCommand = translation.toEngine(command);
            answer = host.apply(engineCommand);
            if (command instanceof CancelMigrationOnHost) { // the migrate command gets the rejection
                answer = Optional.of(new AgentCommandCompleted(command.commandId(), command.hostId(), command.vmId(),
                        Instant.now()));
            }
        } catch (CommandRejected e) {
            return Optional.of(answers.log(new AgentCommandRejected(command.commandId(), command.hostId(),
                    command.vmId(), e.getMessage())));
        }
        replayLog.record(host, engineCommand);
        return answer.map(answers::log);
    }

    /** Rebuilds the host from its snapshot and log if its engine may be ahead of them; the caller holds its lock. */
    public void rebuildIfStale(EngineHost host) {
        if (host.stale()) {
            replayLog.rebuildInPlace(host, matrix);
        }
    }

    /** Snapshots the host when one is due (see {@link ReplayLog#snapshotIfDue}). */
    public void snapshotIfDue(EngineHost host) {
        synchronized (host) {
            if (!host.stale()) {
                replayLog.snapshotIfDue(host);
            }
        }
    }

    /**
     * Live-migrates a VM to another host of this agent as an administrator would on the hosts themselves: the
     * control plane learns it only from the hosts' inventory reports. Goes the way of a migrate command (logged,
     * handed off, answered) under an id of its own, whose answer no one waits for.
     *
     * @throws CommandRejected when the destination cannot take the VM
     */
    public void moveOutOfBand(String hostId, String vmId, String destinationHostId) {
        Optional<AgentAnswer> answer = apply(new MigrateVmOnHost("out-of-band-move-" + UUID.randomUUID(), hostId,
                vmId, destinationHostId));
        if (answer.isPresent() && answer.get() instanceof AgentCommandRejected rejected) {
            throw new CommandRejected(rejected.reason());
        }
    }

    /**
     * Completes a live migration at its blackout (see {@link MigrationHandOff}), or, to another agent's host, sends
     * the VM's state there (see {@link RemoteHandOff}).
     */
    public CommandOutcome handOff(EngineHost.HandOff handOff) {
        ensureLoaded();
        return hosts.containsKey(handOff.destinationHostId()) ? CommandOutcome.answer(handOffs.complete(handOff))
                : remote.handOff(handOff);
    }

    /** Lets a destination go of its reservation for a migration out of {@code sourceHostId} that ended otherwise. */
    public CommandOutcome release(String sourceHostId, EngineHost.Release release) {
        ensureLoaded();
        if (hosts.containsKey(release.destinationHostId())) {
            handOffs.release(release);
            return CommandOutcome.NONE;
        }
        return remote.endedAtSource(sourceHostId, release);
    }

    /** Migrations to other agents' hosts whose question is due again, given up, or whose decision is to send. */
    public List<CommandOutcome> remoteDue() {
        ensureLoaded();
        return remote.due(hosts.keySet(), Instant.now());
    }

    /** A message to another agent is on the topic (see {@link RemoteHandOff#sent}). */
    public void remoteSent(AgentCommand message) {
        ensureLoaded();
        remote.sent(message, Instant.now());
    }

    /**
     * Powers a host off through its management controller, which answers whether the host is cut off from the
     * network or not; it does not answer when it failed. The host comes back with every VM off (the engine's power
     * loss, logged for replay like any command).
     */
    public HostFenceResult fence(FenceHost fence) {
        EngineHost host = host(fence.hostId()).orElseThrow();
        synchronized (host) { // a management controller failing at the same time either answers or does not
            if (host.faults().managementControllerFailed()) {
                return new HostFenceResult(fence.commandId(), fence.hostId(), false, "the management controller of "
                        + "host " + fence.hostId() + " does not answer", Instant.now());
            }
            changeFaults(host, faults -> faults.withPoweredOff(true));
        }
        return new HostFenceResult(fence.commandId(), fence.hostId(), true, null, Instant.now());
    }

    /**
     * Records a host's new faults and applies them. Powering a host off turns every VM on it off first (the
     * engine's power loss, logged for replay like any command), so an off host never runs a VM; powering it on
     * boots it with every VM off. The same faults again change nothing. The change is applied to the faults as they
     * are under the host's lock: controls applied at once (one from REST, one forwarded by another agent) each
     * change their own fault, and none undoes another's.
     */
    private void changeFaults(EngineHost host, UnaryOperator<HostFaults> change) {
        synchronized (host) {
            HostFaults faults = change.apply(host.faults());
            if (faults.poweredOff() && !host.faults().poweredOff()) {
                control(host.spec().hostId(), new EngineCommand.PowerLoss());
            }
            QuarkusTransaction.requiringNew().run(() -> store.saveFaults(host.spec().hostId(), faults));
            host.faults(faults);
        }
    }

    /** A VM id the host already has: never created twice. */
    private static AgentAnswer existing(EngineHost host, CreateVmOnHost command) {
        VmView vm = host.engine().vmView(command.vmId());
        return vm.state() == VmState.RUNNING
                ? new VmStartedOnHost(command.commandId(), command.hostId(), command.vmId(), Instant.now())
                : new AgentCommandRejected(command.commandId(), command.hostId(), command.vmId(),
                "VM " + command.vmId() + " already exists on this host, " + vm.state());
    }

    /** A VM as its host sees it. */
    public Optional<VmView> vm(String hostId, String vmId) {
        return host(hostId).flatMap(h -> {
            synchronized (h) {
                rebuildIfStale(h); // never show what is not durable
                return h.engine().vmIds().contains(vmId) ? Optional.of(h.engine().vmView(vmId)) : Optional.empty();
            }
        });
    }

    public List<VmView> vms(String hostId) {
        EngineHost h = host(hostId).orElseThrow();
        synchronized (h) {
            rebuildIfStale(h);
            return h.engine().vmIds().stream().map(id -> h.engine().vmView(id)).toList();
        }
    }

    /** Applies a fault or control command to a host and logs it for replay. */
    public void control(String hostId, EngineCommand command) {
        EngineHost host = host(hostId).orElseThrow(() -> new CommandRejected("no host " + hostId + " on this agent"));
        synchronized (host) {
            rebuildIfStale(host);
            host.apply(command);
            try {
                QuarkusTransaction.requiringNew().run(() -> replayLog.record(host, command));
            } catch (RuntimeException e) {
                host.markStale();
                throw e;
            }
        }
    }
}
