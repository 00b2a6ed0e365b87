package dev.hyperplane.agent.domain;

import dev.hyperplane.events.agent.SimulationControlOnHost;
import dev.hyperplane.hyperv.Workload;

import java.util.Set;

/**
 * Fault injection and simulation controls, whether the REST call reached the agent running the host or another
 * agent forwarded it ({@link SimulationControlOnHost}): what is valid, and the engine command each one is.
 */
public final class SimulationControl {
    public static final String MOVE = "move";
    public static final String POWER_LOSS = "power-loss";
    public static final String POWER_ON = "power-on";
    public static final String WORKLOAD = "workload";
    public static final String PARTITION = "partition";
    public static final String HEAL = "heal";
    public static final String BMC_FAILURE = "bmc-failure";
    public static final String BMC_REPAIR = "bmc-repair";
    /** Controls of the host as a whole: no VM named. */
    static final Set<String> HOST_CONTROLS = Set.of(POWER_LOSS, POWER_ON, PARTITION, HEAL, BMC_FAILURE, BMC_REPAIR);
    static final Set<String> CONTROLS = Set.of("panic", "heartbeat-stall", "heartbeat-resume", "kvp-daemon-stop",
            "hot-add-failure", WORKLOAD, "turn-off", "delete", MOVE, POWER_LOSS, POWER_ON, PARTITION, HEAL,
            BMC_FAILURE, BMC_REPAIR, "vss-daemon-stop", "vss-daemon-start", "freeze-hang", "freeze-fail",
            "freeze-normal");

    /** A control that can never apply: unknown, or a parameter missing or out of range. */
    public static final class Invalid extends RuntimeException {
        private final String field;
        private final String reason;

        Invalid(String field, String reason) {
            super(field + ": " + reason);
            this.field = field;
            this.reason = reason;
        }

        public String field() {
            return field;
        }

        public String reason() {
            return reason;
        }
    }

    /** @throws Invalid naming the field and why */
    public static void validate(SimulationControlOnHost control) {
        if (!CONTROLS.contains(control.control())) {
            throw new Invalid("control", "one of " + String.join(", ", CONTROLS.stream().sorted().toList()));
        }
        if (!HOST_CONTROLS.contains(control.control()) && (control.vmId() == null || control.vmId().isBlank())) {
            throw new Invalid("vmId", "required with " + control.control());
        }
        if (MOVE.equals(control.control())
                && (control.destinationHostId() == null || control.destinationHostId().isBlank())) {
            throw new Invalid("destination", "required with action move");
        }
        if (WORKLOAD.equals(control.control())) {
            workload(control, 1024); // the profile and its parameters
        }
    }

    /** The host's faults after a control of its power, network or management controller; others leave them. */
    static HostFaults faultsAfter(SimulationControlOnHost control, HostFaults faults) {
        return switch (control.control()) {
            case POWER_LOSS -> faults.withPoweredOff(true);
            case POWER_ON -> faults.withPoweredOff(false);
            case PARTITION -> faults.withPartitioned(true);
            case HEAL -> faults.withPartitioned(false);
            case BMC_FAILURE -> faults.withManagementControllerFailed(true);
            case BMC_REPAIR -> faults.withManagementControllerFailed(false);
            default -> faults;
        };
    }

    /** A control of the host's power, network or management controller (a power loss turns its VMs off too). */
    static boolean isFault(SimulationControlOnHost control) {
        return HOST_CONTROLS.contains(control.control());
    }

    /**
     * The engine command of a control other than {@code move} (an out-of-band migration, see
     * {@link EngineFleet#moveOutOfBand}) and the host's faults.
     *
     * @param startupMb the VM's startup memory, which sizes the workload profiles
     */
    static EngineCommand toEngine(SimulationControlOnHost control, long startupMb) {
        String vmId = control.vmId();
        return switch (control.control()) {
            case "panic" -> new EngineCommand.Panic(vmId);
            case "heartbeat-stall" -> new EngineCommand.StallHeartbeat(vmId, true);
            case "heartbeat-resume" -> new EngineCommand.StallHeartbeat(vmId, false);
            case "kvp-daemon-stop" -> new EngineCommand.StopKvpDaemon(vmId);
            case "hot-add-failure" -> new EngineCommand.FailHotAdd(vmId);
            case "vss-daemon-stop", "vss-daemon-start", "freeze-hang", "freeze-fail", "freeze-normal" ->
                    new EngineCommand.BackupFault(vmId, control.control());
            case WORKLOAD -> new EngineCommand.SetWorkload(vmId, workload(control, startupMb));
            case "turn-off", "delete" -> new EngineCommand.OutOfBand(vmId, control.control());
            case POWER_LOSS -> new EngineCommand.PowerLoss();
            default -> throw new Invalid("control", "not an engine command: " + control.control());
        };
    }

    private static Workload workload(SimulationControlOnHost control, long startupMb) {
        Workload chosen = profile(control, startupMb);
        Double dirty = control.dirtyMbPerSec();
        if (dirty == null) {
            return chosen;
        }
        if (!(dirty >= 0) || dirty > 1_000_000) {
            throw new Invalid("dirtyMbPerSec", "0 to 1000000 MB/s");
        }
        return chosen.withDirtyRate(dirty);
    }

    private static Workload profile(SimulationControlOnHost control, long startupMb) {
        String profile = control.profile() == null ? "" : control.profile();
        if ("memory-hog".equals(profile)) {
            if (control.demandMb() == null || control.demandMb() < 64) {
                throw new Invalid("demandMb", "a memory hog needs demandMb of at least 64");
            }
            return Workload.memoryHog(startupMb, control.demandMb());
        }
        return Workload.PROFILES.stream().filter(w -> w.profile().equals(profile)).findFirst()
                .orElseThrow(() -> new Invalid("profile",
                        "one of idle, web, database, batch, memory-hog; was '" + profile + "'"));
    }

    private SimulationControl() {
    }
}
