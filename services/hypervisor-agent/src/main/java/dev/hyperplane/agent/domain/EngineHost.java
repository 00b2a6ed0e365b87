package dev.hyperplane.agent.domain;

import dev.hyperplane.events.PublicEvent;
import dev.hyperplane.events.agent.AgentAnswer;
import dev.hyperplane.events.agent.AgentCommandCompleted;
import dev.hyperplane.events.agent.GuestHeartbeatChanged;
import dev.hyperplane.events.agent.GuestInfoReported;
import dev.hyperplane.events.agent.HostTelemetry;
import dev.hyperplane.events.agent.VmStartedOnHost;
import dev.hyperplane.events.agent.VmStateChangedOnHost;
import dev.hyperplane.hyperv.EngineEvent;
import dev.hyperplane.hyperv.LisMatrix;
import dev.hyperplane.hyperv.SimulatedHost;
import dev.hyperplane.hyperv.VmState;
import dev.hyperplane.hyperv.VmView;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One simulated host of this agent: the engine, the contract events it produced and not yet published, and the
 * commands waiting for their VM to reach a state. Events are numbered per host in the order the engine emits them,
 * which a replay reproduces; the CloudEvent id {@code <host>/<number>} makes a republished event a duplicate.
 */
public final class EngineHost {

    /** A contract event with its stable id. */
    public record Outgoing(long seq, String id, PublicEvent event) {
    }

    private final HostSpec spec;
    private final SimulatedHost engine;
    private final List<Outgoing> outbox = new ArrayList<>();
    /** Commands waiting for their VM to reach a state, by VM id. */
    private final Map<String, Pending> pending = new HashMap<>();
    private final List<AgentAnswer> answers = new ArrayList<>();
    private long seq;
    private long publishedSeq;

    EngineHost(HostSpec spec, long seed, LisMatrix matrix, long publishedSeq) {
        this.spec = spec;
        this.publishedSeq = publishedSeq;
        this.engine = new SimulatedHost(spec.toEngine(), seed, matrix, this::onEngineEvent);
    }

    public HostSpec spec() {
        return spec;
    }

    SimulatedHost engine() {
        return engine;
    }

    private record Pending(String commandId, VmState target, boolean create) {
    }

    /**
     * Applies a command. One that answers an agent command is done when its VM reaches the command's state
     * (a create or start when it runs, a shut-down when it is off): answered now if it is there already,
     * else later through {@link #takeAnswers()}.
     *
     * @return the answer when the command is done at once
     */
    Optional<AgentAnswer> apply(EngineCommand command) {
        command.applyTo(engine);
        String vmId;
        String commandId;
        VmState target;
        boolean create = false;
        if (command instanceof EngineCommand.CreateVm c) {
            vmId = c.vmId();
            commandId = c.commandId();
            target = VmState.RUNNING;
            create = true;
        } else if (command instanceof EngineCommand.Power p) {
            vmId = p.vmId();
            commandId = p.commandId();
            target = p.target();
        } else if (command instanceof EngineCommand.Resize r) {
            vmId = r.vmId();
            commandId = r.commandId();
            target = null;
        } else {
            return Optional.empty(); // faults and controls answer nobody
        }
        if (target != null && engine.vmView(vmId).state() != target) {
            pending.put(vmId, new Pending(commandId, target, create));
            return Optional.empty();
        }
        pending.remove(vmId); // a newer command supersedes whatever the VM was waiting for
        return Optional.of(new AgentCommandCompleted(commandId, spec.hostId(), vmId, Instant.now()));
    }

    /** Whether {@code commandId} is applied and waits for its VM's state. */
    boolean awaits(String vmId, String commandId) {
        Pending p = pending.get(vmId);
        return p != null && p.commandId().equals(commandId);
    }

    /** Runs the simulated clock up to {@code simTimeMs}. */
    void advanceTo(long simTimeMs) {
        long delta = simTimeMs - engine.now();
        if (delta > 0) {
            engine.advance(Duration.ofMillis(delta));
        }
    }

    private void onEngineEvent(EngineEvent event) {
        Instant at = Instant.now();
        String host = spec.hostId();
        if (event instanceof EngineEvent.VmStateChanged changed) {
            emit(new VmStateChangedOnHost(host, changed.vmId(), name(changed.from()), name(changed.to()),
                    changed.reason(), changed.atMillis(), at));
            Pending waiting = pending.get(changed.vmId());
            if (waiting != null && changed.to() == waiting.target()) {
                pending.remove(changed.vmId());
                answers.add(waiting.create()
                        ? new VmStartedOnHost(waiting.commandId(), host, changed.vmId(), at)
                        : new AgentCommandCompleted(waiting.commandId(), host, changed.vmId(), at));
            }
        } else if (event instanceof EngineEvent.KvpItemsChanged kvp) {
            Map<String, String> items = kvp.intrinsic();
            emit(new GuestInfoReported(host, kvp.vmId(), items.getOrDefault("FullyQualifiedDomainName", ""),
                    items.getOrDefault("NetworkAddressIPv4", ""), items.getOrDefault("NetworkAddressIPv6", ""),
                    items.getOrDefault("OSName", ""), items.getOrDefault("OSVersion", ""),
                    items.getOrDefault("IntegrationServicesVersion", ""), at));
        } else if (event instanceof EngineEvent.HeartbeatStatusChanged heartbeat) {
            emit(new GuestHeartbeatChanged(host, heartbeat.vmId(), name(heartbeat.to()), at));
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

    /** Commands whose VM reached their state, to be answered (and logged) once. */
    public List<AgentAnswer> takeAnswers() {
        List<AgentAnswer> taken = List.copyOf(answers);
        answers.clear();
        return taken;
    }

    public HostTelemetry telemetry() {
        List<HostTelemetry.VmSample> vms = new ArrayList<>();
        for (String vmId : engine.vmIds()) {
            VmView vm = engine.vmView(vmId);
            vms.add(new HostTelemetry.VmSample(vmId, name(vm.state()), vm.assignedMb(), vm.demandMb(), vm.pressure(),
                    name(vm.heartbeat())));
        }
        return new HostTelemetry(spec.hostId(), engine.now(), engine.freeMemoryMb(), vms, Instant.now());
    }

    /** OFF -> "Off", LOST_COMMUNICATION -> "LostCommunication": the contract's spelling. */
    static String name(Enum<?> value) {
        StringBuilder out = new StringBuilder();
        for (String part : value.name().split("_")) {
            out.append(part.charAt(0)).append(part.substring(1).toLowerCase());
        }
        return out.toString();
    }
}
