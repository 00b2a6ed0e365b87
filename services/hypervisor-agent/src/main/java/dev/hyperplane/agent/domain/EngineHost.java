package dev.hyperplane.agent.domain;

import dev.hyperplane.events.PublicEvent;
import dev.hyperplane.events.agent.AgentAnswer;
import dev.hyperplane.events.agent.AgentCommandCompleted;
import dev.hyperplane.events.agent.AgentCommandRejected;
import dev.hyperplane.events.agent.HostInventoryReported;
import dev.hyperplane.events.agent.HostTelemetry;
import dev.hyperplane.events.agent.VmStartedOnHost;
import dev.hyperplane.hyperv.EngineEvent;
import dev.hyperplane.guestsupport.LisMatrix;
import dev.hyperplane.hyperv.MigratedVm;
import dev.hyperplane.hyperv.SimulatedHost;
import dev.hyperplane.hyperv.VmState;
import dev.hyperplane.hyperv.VmView;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One simulated host of this agent: the engine, the contract events it produced and not yet published, and the
 * commands waiting for an engine event about their VM. Events are numbered per host in the order the engine emits
 * them, which a replay reproduces; the CloudEvent id {@code <host>/<number>} makes a republished event a duplicate.
 */
public final class EngineHost {

    /** A contract event with its stable id. */
    public record Outgoing(long seq, String id, PublicEvent event) {
    }

    /** A VM at the blackout of its live migration, for {@code destinationHostId} to accept. */
    public record HandOff(String commandId, String sourceHostId, String destinationHostId, MigratedVm vm) {
    }

    /** A live migration out of this host ended without the hand-off: its destination lets go of its reservation. */
    public record Release(String destinationHostId, String vmId, String reason) {
    }

    /** What a waiting command waits for. */
    enum Awaits { RUNNING_AFTER_CREATE, STATE, BACKUP, MIGRATION }

    /** A command waiting for an engine event about its VM. */
    record Pending(String commandId, Awaits awaits, VmState target) {
    }

    /**
     * The host at one moment, for a restart to restore instead of replaying everything before it: the engine's
     * bytes ({@link SimulatedHost#snapshot}) and what this class adds to them. Taken only when every event and
     * answer so far is acknowledged and no hand-off is under way, so nothing else needs keeping.
     *
     * @param commandSeq the last logged engine command it includes
     * @param eventSeq   how many events the host had emitted, so numbering goes on where it was
     * @param waiting    commands waiting for their VM, by VM id
     */
    public record Snapshot(long commandSeq, long simTimeMs, long eventSeq, Map<String, Pending> waiting,
                           byte[] engine) {
    }

    private final HostDefinition spec;
    private SimulatedHost engine;
    private AgentEvents events;
    private final List<Outgoing> outbox = new ArrayList<>();
    /** Commands waiting for an engine event about their VM, by VM id: one per VM, a newer one supersedes. */
    private final Map<String, Pending> pending = new HashMap<>();
    private final List<AgentAnswer> answers = new ArrayList<>();
    private final List<HandOff> handOffs = new ArrayList<>();
    private final List<Release> releases = new ArrayList<>();
    private long seq;
    private long publishedSeq;
    /** The last engine command logged for this host, and the one the last snapshot included. */
    private long commandSeq;
    private long snapshotCommandSeq;
    private long snapshotSimTimeMs;
    /** Set when the engine may hold a change whose log row did not commit: rebuilt before its next use. */
    private volatile boolean stale;
    /** Faults of the host outside its engine (a partition, its management controller). */
    private volatile HostFaults faults = HostFaults.NONE;

    EngineHost(HostDefinition spec, long seed, LisMatrix matrix, long publishedSeq) {
        this.spec = spec;
        this.publishedSeq = publishedSeq;
        start(seed, null, matrix);
    }

    /**
     * (Re)starts the host from its seed, or from a snapshot when there is one; the log after it is replayed next.
     * What was in memory is dropped (it is rebuilt by the replay); which events Kafka acknowledged is kept.
     *
     * @throws IllegalArgumentException when the snapshot is one this engine cannot read
     */
    void start(long seed, Snapshot snapshot, LisMatrix matrix) {
        SimulatedHost restored = snapshot == null ? new SimulatedHost(spec.toEngine(), seed, matrix, this::onEngineEvent)
                : SimulatedHost.restore(snapshot.engine(), matrix, this::onEngineEvent);
        engine = restored;
        events = new AgentEvents(spec.hostId(), engine, matrix);
        outbox.clear();
        pending.clear();
        answers.clear();
        handOffs.clear();
        releases.clear();
        seq = snapshot == null ? 0 : snapshot.eventSeq();
        commandSeq = snapshot == null ? 0 : snapshot.commandSeq();
        snapshotCommandSeq = commandSeq;
        snapshotSimTimeMs = snapshot == null ? 0 : snapshot.simTimeMs();
        if (snapshot != null) {
            pending.putAll(snapshot.waiting());
        }
        stale = false;
    }

    /** The snapshot of this moment, when nothing outside the engine is in flight (see {@link Snapshot}). */
    Optional<Snapshot> snapshot() {
        if (!outbox.isEmpty() || !answers.isEmpty() || !handOffs.isEmpty() || !releases.isEmpty() || stale) {
            return Optional.empty();
        }
        return Optional.of(new Snapshot(commandSeq, engine.now(), seq, Map.copyOf(pending), engine.snapshot()));
    }

    /** The snapshot is durable: the next is due after so many more commands or simulated milliseconds. */
    void snapshotTaken(Snapshot snapshot) {
        snapshotCommandSeq = snapshot.commandSeq();
        snapshotSimTimeMs = snapshot.simTimeMs();
    }

    boolean snapshotDue(long everyCommands, long everySimMs) {
        return commandSeq - snapshotCommandSeq >= everyCommands || engine.now() - snapshotSimTimeMs >= everySimMs;
    }

    /** The engine command just applied was logged as row {@code seq}. */
    void logged(long seq) {
        commandSeq = Math.max(commandSeq, seq);
    }

    /** The engine may be ahead of its log (a transaction that changed it failed to commit). */
    void markStale() {
        stale = true;
    }

    boolean stale() {
        return stale;
    }

    public HostDefinition spec() {
        return spec;
    }

    public HostFaults faults() {
        return faults;
    }

    void faults(HostFaults faults) {
        this.faults = faults;
    }

    SimulatedHost engine() {
        return engine;
    }

    /**
     * Applies a command. One that answers an agent command is done when the engine reports what it waits for
     * (a create or start when the VM runs, a shut-down when it is off, a backup when taken, a migration when the
     * VM left): answered now if that happened while applying, else later through {@link #unsentAnswers()}.
     *
     * @return the answer when the command is done at once
     */
    Optional<AgentAnswer> apply(EngineCommand command) {
        if (!(command instanceof EngineCommand.Answering answering)) {
            command.applyTo(engine); // faults and controls answer nobody
            return Optional.empty();
        }
        String vmId = answering.vmId();
        Pending before = pending.get(vmId);
        Pending waits = waitFor(answering);
        if (waits != null) {
            pending.put(vmId, waits); // before applying: an offline backup or a turn-off is reported at once
        } else {
            pending.remove(vmId); // a newer command supersedes whatever the VM was waiting for
        }
        int answered = answers.size();
        try {
            command.applyTo(engine);
        } catch (RuntimeException e) {
            if (before != null) {
                pending.put(vmId, before);
            } else {
                pending.remove(vmId);
            }
            throw e;
        }
        if (before != null && before.awaits() == Awaits.MIGRATION && !before.commandId().equals(answering.commandId())
                && !engine.migrating(vmId)) {
            // a power command ended the VM's migration: the migrate command is answered all the same
            answers.add(new AgentCommandRejected(before.commandId(), spec.hostId(), vmId,
                    "the live migration ended: command " + answering.commandId() + " changed the VM's power state"));
        }
        for (int i = answered; i < answers.size(); i++) {
            if (answers.get(i).commandId().equals(answering.commandId())) {
                return Optional.of(answers.remove(i));
            }
        }
        boolean there = waits != null && waits.target() != null && engine.vmIds().contains(vmId)
                && engine.vmView(vmId).state() == waits.target();
        if (waits == null || there) {
            pending.remove(vmId);
            return Optional.of(new AgentCommandCompleted(answering.commandId(), spec.hostId(), vmId, Instant.now()));
        }
        return Optional.empty();
    }

    private static Pending waitFor(EngineCommand.Answering command) {
        if (command instanceof EngineCommand.CreateVm c) {
            return new Pending(c.commandId(), Awaits.RUNNING_AFTER_CREATE, VmState.RUNNING);
        }
        if (command instanceof EngineCommand.Power p && p.target() != null) {
            return new Pending(p.commandId(), Awaits.STATE, p.target());
        }
        if (command instanceof EngineCommand.RestoreInPlace r) {
            return new Pending(r.commandId(), Awaits.STATE, VmState.RUNNING);
        }
        if (command instanceof EngineCommand.Backup b) {
            return new Pending(b.commandId(), Awaits.BACKUP, null);
        }
        if (command instanceof EngineCommand.Migrate m) {
            return new Pending(m.commandId(), Awaits.MIGRATION, null);
        }
        return null;
    }

    /** Whether {@code commandId} is applied and waits for its VM. */
    boolean awaits(String vmId, String commandId) {
        Pending p = pending.get(vmId);
        return p != null && p.commandId().equals(commandId);
    }

    /** Virtual time of this host's engine. */
    public long simTimeMs() {
        return engine.now();
    }

    /** Runs the simulated clock {@code millis} further; the caller holds this host's lock. */
    public void advanceBy(long millis) {
        advanceTo(engine.now() + millis);
    }

    /** Runs the simulated clock up to {@code simTimeMs}. */
    void advanceTo(long simTimeMs) {
        long delta = simTimeMs - engine.now();
        if (delta > 0) {
            engine.advance(Duration.ofMillis(delta));
        }
    }

    private void onEngineEvent(EngineEvent event) {
        events.of(event).ifPresent(this::emit);
        if (event instanceof EngineEvent.MigrationFailed failed) {
            releases.add(new Release(failed.destination(), failed.vmId(), failed.reason()));
        }
        Pending waiting = pending.get(event.vmId());
        if (waiting != null) {
            conclude(waiting, event);
        }
    }

    /** Answers (or hands off) a waiting command when {@code event} is what it waited for. */
    private void conclude(Pending waiting, EngineEvent event) {
        String host = spec.hostId();
        String vmId = event.vmId();
        Instant at = Instant.now();
        AgentAnswer answer = null;
        switch (waiting.awaits()) {
            case RUNNING_AFTER_CREATE, STATE -> {
                if (event instanceof EngineEvent.VmStateChanged changed && changed.to() == waiting.target()) {
                    answer = waiting.awaits() == Awaits.RUNNING_AFTER_CREATE
                            ? new VmStartedOnHost(waiting.commandId(), host, vmId, at)
                            : new AgentCommandCompleted(waiting.commandId(), host, vmId, at);
                }
            }
            case BACKUP -> {
                if (event instanceof EngineEvent.BackupCompleted) {
                    answer = new AgentCommandCompleted(waiting.commandId(), host, vmId, at);
                }
            }
            case MIGRATION -> {
                if (event instanceof EngineEvent.MigrationReadyForHandOff ready) {
                    pending.remove(vmId);
                    handOffs.add(new HandOff(waiting.commandId(), host, ready.destination(), ready.handOff()));
                } else if (event instanceof EngineEvent.MigrationFailed failed) {
                    answer = new AgentCommandRejected(waiting.commandId(), host, vmId,
                            "live migration to " + failed.destination() + " failed: " + failed.reason());
                }
            }
        }
        if (answer != null) {
            pending.remove(vmId);
            answers.add(answer);
        }
    }

    private void emit(PublicEvent event) {
        seq++;
        if (seq > publishedSeq) {
            outbox.add(new Outgoing(seq, spec.hostId() + "/" + seq, event));
        }
    }

    /** Events not yet acknowledged by Kafka, in order. */
    public List<Outgoing> unpublished() {
        return List.copyOf(outbox);
    }

    /** Kafka acknowledged everything up to {@code upTo}. */
    public void published(long upTo) {
        outbox.removeIf(o -> o.seq() <= upTo);
        publishedSeq = Math.max(publishedSeq, upTo);
    }

    /**
     * Answers to commands that got what they waited for, not yet acknowledged by Kafka. They stay here until
     * {@link #answersSent} (like events in the outbox): a failed log write or send is retried with the next step.
     */
    public List<AgentAnswer> unsentAnswers() {
        return List.copyOf(answers);
    }

    /** An answer found outside a step (a live migration's hand-off), sent with the next report. */
    public void answerLater(AgentAnswer answer) {
        answers.add(answer);
    }

    /** Kafka acknowledged these answers (and they are in the answer log). */
    public void answersSent(Collection<AgentAnswer> sent) {
        answers.removeAll(sent);
    }

    /** Migrations that ended without a hand-off, for their destinations to let go of their reservations. */
    public List<Release> takeReleases() {
        List<Release> taken = List.copyOf(releases);
        releases.clear();
        return taken;
    }

    /** A release that failed, tried again with the next step. */
    public void releaseLater(Release release) {
        releases.add(release);
    }

    /** VMs at the blackout of their live migration, for their destinations to accept. */
    public List<HandOff> takeHandOffs() {
        List<HandOff> taken = List.copyOf(handOffs);
        handOffs.clear();
        return taken;
    }

    /** Every VM of the host with its state, for the reconcilers. */
    public HostInventoryReported inventory() {
        List<HostInventoryReported.VmOnHost> vms = new ArrayList<>();
        for (String vmId : engine.vmIds()) {
            vms.add(new HostInventoryReported.VmOnHost(vmId, AgentEvents.name(engine.vmView(vmId).state())));
        }
        return new HostInventoryReported(spec.hostId(), vms, engine.now(), Instant.now());
    }

    public HostTelemetry telemetry() {
        List<HostTelemetry.VmSample> vms = new ArrayList<>();
        for (String vmId : engine.vmIds()) {
            VmView vm = engine.vmView(vmId);
            vms.add(new HostTelemetry.VmSample(vmId, AgentEvents.name(vm.state()), vm.assignedMb(), vm.demandMb(),
                    vm.pressure(), AgentEvents.name(vm.heartbeat())));
        }
        return new HostTelemetry(spec.hostId(), engine.now(), engine.freeMemoryMb(), vms, Instant.now());
    }
}
