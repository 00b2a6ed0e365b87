package dev.hyperplane.agent.domain;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.hyperplane.hyperv.CommandRejected;
import dev.hyperplane.hyperv.MemorySettings;
import dev.hyperplane.hyperv.SimulatedHost;
import dev.hyperplane.hyperv.VmSpec;
import dev.hyperplane.hyperv.VmState;

/**
 * A command the engine accepted, as kept in the replay log: applying the same commands at the same simulated
 * times to a host built from the same seed rebuilds the same state.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = EngineCommand.CreateVm.class, name = "create-vm"),
        @JsonSubTypes.Type(value = EngineCommand.Power.class, name = "power"),
        @JsonSubTypes.Type(value = EngineCommand.Resize.class, name = "resize"),
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

    /**
     * A power action of an agent command ({@code start}, {@code shut-down}, {@code turn-off}, {@code restart},
     * {@code delete}). Delete turns a running VM off first and is done when the VM is gone already.
     */
    record Power(String vmId, String action, String commandId) implements EngineCommand {
        @Override
        public void applyTo(SimulatedHost host) {
            switch (action) {
                case "start" -> host.start(vmId);
                case "shut-down" -> host.shutDown(vmId, false);
                case "turn-off" -> host.turnOff(vmId);
                case "restart" -> host.restart(vmId);
                case "delete" -> {
                    if (!host.vmIds().contains(vmId)) {
                        return;
                    }
                    VmState state = host.vmView(vmId).state();
                    if (state != VmState.OFF && state != VmState.SAVED) {
                        host.turnOff(vmId);
                    }
                    host.delete(vmId);
                }
                default -> throw new CommandRejected("unknown power action " + action);
            }
        }

        /** The state the VM must reach for the command to be done; null when applying it is enough. */
        VmState target() {
            return switch (action) {
                case "start", "restart" -> VmState.RUNNING;
                case "shut-down", "turn-off" -> VmState.OFF;
                default -> null;
            };
        }
    }

    /** New processor count (VM off only) and memory settings; nothing changes when either is refused. */
    record Resize(String vmId, int vcpus, MemorySettings memory, String commandId) implements EngineCommand {
        @Override
        public void applyTo(SimulatedHost host) {
            int before = host.vmView(vmId).spec().vcpus();
            host.setProcessorCount(vmId, vcpus);
            try {
                if (!memory.equals(host.vmView(vmId).spec().memory())) {
                    host.setMemory(vmId, memory);
                }
            } catch (RuntimeException e) {
                host.setProcessorCount(vmId, before);
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
