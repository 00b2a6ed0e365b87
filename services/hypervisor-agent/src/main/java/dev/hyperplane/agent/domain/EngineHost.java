package dev.hyperplane.agent.domain;

import dev.hyperplane.events.PublicEvent;
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

/**
 * One simulated host of this agent: the engine, the contract events it produced and not yet published, and the
 * create commands waiting for their VM to run. Events are numbered per host in the order the engine emits them,
 * which a replay reproduces; the CloudEvent id {@code <host>/<number>} makes a republished event a duplicate.
 */
public final class EngineHost {

    /** A contract event with its stable id. */
    public record Outgoing(long seq, String id, PublicEvent event) {
    }

    private final HostSpec spec;
    private final SimulatedHost engine;
    private final List<Outgoing> outbox = new ArrayList<>();
    private final Map<String, String> pendingCreates = new HashMap<>();
    private final List<VmStartedOnHost> answers = new ArrayList<>();
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

    /** Applies a command; a create waits for its VM to run before it is answered. */
    void apply(EngineCommand command) {
        command.applyTo(engine);
        if (command instanceof EngineCommand.CreateVm create) {
            pendingCreates.put(create.vmId(), create.commandId());
        }
    }

    boolean awaitsRunning(String vmId, String commandId) {
        return commandId.equals(pendingCreates.get(vmId));
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
            String commandId = pendingCreates.get(changed.vmId());
            if (changed.to() == VmState.RUNNING && commandId != null) {
                pendingCreates.remove(changed.vmId());
                answers.add(new VmStartedOnHost(commandId, host, changed.vmId(), at));
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

    /** Create commands whose VM now runs, to be answered (and logged) once. */
    public List<VmStartedOnHost> takeAnswers() {
        List<VmStartedOnHost> taken = List.copyOf(answers);
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
