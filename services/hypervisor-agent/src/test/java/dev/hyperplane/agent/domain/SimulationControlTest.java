package dev.hyperplane.agent.domain;

import dev.hyperplane.events.agent.SimulationControlOnHost;
import dev.hyperplane.hyperv.Workload;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulationControlTest {

    private static SimulationControlOnHost control(String vmId, String control, String profile, Long demandMb,
                                                   Double dirty, String destination) {
        return new SimulationControlOnHost("c-1", "h-1", vmId, control, profile, demandMb, dirty, destination);
    }

    @ParameterizedTest(name = "{1} {2} -> {6}")
    @CsvSource(nullValues = "null", value = {
            "vm-1, reboot,          null,       null,  null,      null, control",
            "null, panic,           null,       null,  null,      null, vmId",
            "vm-1, move,            null,       null,  null,      null, destination",
            "vm-1, workload,        swap-storm, null,  null,      null, profile",
            "vm-1, workload,        null,       null,  null,      null, profile",
            "vm-1, workload,        memory-hog, null,  null,      null, demandMb",
            "vm-1, workload,        memory-hog, 32,    null,      null, demandMb",
            "vm-1, workload,        web,        null,  -1,        null, dirtyMbPerSec",
            "vm-1, workload,        web,        null,  2000000,   null, dirtyMbPerSec"})
    void an_invalid_control_names_the_field(String vmId, String name, String profile, Long demandMb, Double dirty,
                                            String destination, String field) {
        assertThatThrownBy(() -> SimulationControl.validate(control(vmId, name, profile, demandMb, dirty,
                destination))).isInstanceOfSatisfying(SimulationControl.Invalid.class,
                e -> assertThat(e.field()).isEqualTo(field));
    }

    @ParameterizedTest(name = "{1} -> {5}")
    @CsvSource(nullValues = "null", value = {
            "vm-1, panic,            null,       null,  null, Panic",
            "vm-1, heartbeat-stall,  null,       null,  null, StallHeartbeat",
            "vm-1, heartbeat-resume, null,       null,  null, StallHeartbeat",
            "vm-1, kvp-daemon-stop,  null,       null,  null, StopKvpDaemon",
            "vm-1, hot-add-failure,  null,       null,  null, FailHotAdd",
            "vm-1, vss-daemon-stop,  null,       null,  null, BackupFault",
            "vm-1, vss-daemon-start, null,       null,  null, BackupFault",
            "vm-1, freeze-hang,      null,       null,  null, BackupFault",
            "vm-1, freeze-fail,      null,       null,  null, BackupFault",
            "vm-1, freeze-normal,    null,       null,  null, BackupFault",
            "vm-1, workload,         memory-hog, 16384, null, SetWorkload",
            "vm-1, turn-off,         null,       null,  null, OutOfBand",
            "vm-1, delete,           null,       null,  null, OutOfBand",
            "null, power-loss,       null,       null,  null, PowerLoss"})
    void each_valid_control_is_one_engine_command(String vmId, String name, String profile, Long demandMb,
                                                  Double dirty, String command) {
        SimulationControlOnHost control = control(vmId, name, profile, demandMb, dirty, null);
        SimulationControl.validate(control);
        assertThat(SimulationControl.toEngine(control, 4096).getClass().getSimpleName()).isEqualTo(command);
    }

    @ParameterizedTest
    @CsvSource({"heartbeat-stall, true", "heartbeat-resume, false"})
    void the_heartbeat_stalls_or_resumes(String name, boolean stalled) {
        assertThat(SimulationControl.toEngine(control("vm-1", name, null, null, null, null), 1024))
                .isEqualTo(new EngineCommand.StallHeartbeat("vm-1", stalled));
    }

    @ParameterizedTest
    @CsvSource({"web, 20000", "batch, 0"})
    void a_dirty_rate_overrides_the_profiles(String profile, double dirty) {
        EngineCommand command = SimulationControl.toEngine(control("vm-1", "workload", profile, null, dirty, null),
                2048);
        Workload workload = ((EngineCommand.SetWorkload) command).workload();
        assertThat(workload.profile()).isEqualTo(profile);
        assertThat(workload.dirtyMbPerSec()).isEqualTo(dirty);
    }

    /** Faults of the host outside its engine: before (partitioned, controller failed, off) -> after. */
    @ParameterizedTest(name = "{0}: {1},{2},{3} -> {4},{5},{6}")
    @CsvSource({
            "partition,   false, false, false, true,  false, false",
            "partition,   true,  true,  false, true,  true,  false",
            "heal,        true,  true,  true,  false, true,  true",
            "bmc-failure, true,  false, false, true,  true,  false",
            "bmc-repair,  false, true,  true,  false, false, true",
            "power-loss,  true,  true,  false, true,  true,  true",
            "power-loss,  false, false, true,  false, false, true",
            "power-on,    true,  false, true,  true,  false, false",
            "power-on,    false, false, false, false, false, false",
            "panic,       false, true,  false, false, true,  false"})
    void host_faults_are_set_and_cleared_one_at_a_time(String name, boolean partitioned, boolean failed, boolean off,
                                                       boolean partitionedAfter, boolean failedAfter,
                                                       boolean offAfter) {
        SimulationControlOnHost control = control(name.equals("panic") ? "vm-1" : null, name, null, null, null, null);
        SimulationControl.validate(control);
        HostFaults after = SimulationControl.faultsAfter(control, new HostFaults(partitioned, failed, off));
        assertThat(after).isEqualTo(new HostFaults(partitionedAfter, failedAfter, offAfter));
        assertThat(after.silent()).isEqualTo(partitionedAfter || offAfter);
        assertThat(SimulationControl.isFault(control)).isEqualTo(!name.equals("panic"));
    }
}
