package dev.hyperplane.agent.domain;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.hyperplane.hyperv.SimulatedHost;
import dev.hyperplane.hyperv.VmSpec;

/**
 * A command the engine accepted, as kept in the replay log: applying the same commands at the same simulated
 * times to a host built from the same seed rebuilds the same state.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = EngineCommand.CreateVm.class, name = "create-vm"),
        @JsonSubTypes.Type(value = EngineCommand.Panic.class, name = "panic"),
        @JsonSubTypes.Type(value = EngineCommand.StallHeartbeat.class, name = "stall-heartbeat"),
        @JsonSubTypes.Type(value = EngineCommand.StopKvpDaemon.class, name = "stop-kvp-daemon"),
        @JsonSubTypes.Type(value = EngineCommand.PowerLoss.class, name = "power-loss")})
public sealed interface EngineCommand {

    void applyTo(SimulatedHost host);

    /** Define the VM and power it on; {@code commandId} is the agent command it answers. */
    record CreateVm(String vmId, VmSpec spec, String commandId) implements EngineCommand {
        @Override
        public void applyTo(SimulatedHost host) {
            host.define(vmId, spec);
            try {
                host.start(vmId);
            } catch (RuntimeException e) {
                host.delete(vmId); // a VM that cannot start is not kept
                throw e;
            }
        }
    }

    record Panic(String vmId) implements EngineCommand {
        @Override
        public void applyTo(SimulatedHost host) {
            host.panic(vmId);
        }
    }

    record StallHeartbeat(String vmId, boolean stalled) implements EngineCommand {
        @Override
        public void applyTo(SimulatedHost host) {
            host.stallHeartbeat(vmId, stalled);
        }
    }

    record StopKvpDaemon(String vmId) implements EngineCommand {
        @Override
        public void applyTo(SimulatedHost host) {
            host.stopKvpDaemon(vmId);
        }
    }

    record PowerLoss() implements EngineCommand {
        @Override
        public void applyTo(SimulatedHost host) {
            host.powerLoss();
        }
    }
}
