package dev.hyperplane.agent.domain;

import dev.hyperplane.events.agent.AgentAnswer;
import dev.hyperplane.events.agent.AgentCommandCompleted;
import dev.hyperplane.events.agent.AgentCommandRejected;
import dev.hyperplane.events.agent.BackupCompletedOnHost;
import dev.hyperplane.events.agent.CrashDumpReported;
import dev.hyperplane.events.agent.IntegrationServicesNegotiated;
import dev.hyperplane.events.agent.VmbusChannelsOpened;
import dev.hyperplane.guestsupport.Guest;
import dev.hyperplane.guestsupport.LisMatrix;
import dev.hyperplane.hyperv.CommandRejected;
import dev.hyperplane.hyperv.DiskImage;
import dev.hyperplane.hyperv.MemorySettings;
import dev.hyperplane.hyperv.VmSpec;
import dev.hyperplane.hyperv.VmState;
import dev.hyperplane.hyperv.Workload;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** When a host answers each kind of agent command, and what it reports about a VM in contract terms. */
class EngineHostAnswersTest {
    private static final LisMatrix MATRIX = LisMatrix.shipped();
    private static final HostDefinition SPEC = new HostDefinition("h1", "h1", "2012 R2", 32, 131072, 4096);
    private static final VmSpec UBUNTU = new VmSpec("web-1", 1, false, 4, MemorySettings.fixed(2048), 1, 1,
            Guest.linux(MATRIX.find("Ubuntu", "20.04 LTS").orElseThrow()), Workload.WEB);
    private static final VmSpec RHEL64 = new VmSpec("old-1", 1, false, 2, MemorySettings.fixed(2048), 1, 1,
            Guest.linux(MATRIX.find("RHEL/CentOS", "6.4").orElseThrow()), Workload.IDLE);

    private static EngineHost running(VmSpec spec) {
        EngineHost host = new EngineHost(SPEC, 7, MATRIX, 0);
        host.apply(new EngineCommand.CreateVm("vm-1", spec, "create"));
        host.advanceTo(60_000);
        sent(host);
        return host;
    }

    @Test
    void pause_save_and_resume_are_answered_when_the_vm_is_in_their_state() {
        EngineHost host = running(UBUNTU);
        assertThat(host.apply(new EngineCommand.Power("vm-1", "pause", "p"))).isPresent();
        assertThat(host.engine().vmView("vm-1").state()).isEqualTo(VmState.PAUSED);
        assertThat(host.apply(new EngineCommand.Power("vm-1", "resume", "r1"))).isPresent();

        assertThat(host.apply(new EngineCommand.Power("vm-1", "save", "s"))).isEmpty(); // saving takes time
        host.advanceTo(70_000);
        assertThat(sent(host)).extracting(AgentAnswer::commandId).containsExactly("s");
        assertThat(host.engine().vmView("vm-1").state()).isEqualTo(VmState.SAVED);
        assertThat(host.apply(new EngineCommand.Power("vm-1", "resume", "r2"))).isEmpty();
        host.advanceTo(80_000);
        assertThat(sent(host)).extracting(AgentAnswer::commandId).containsExactly("r2");
    }

    @Test
    void an_answer_stays_until_kafka_acknowledged_it_so_a_failed_step_sends_it_again() {
        EngineHost host = running(UBUNTU);
        host.apply(new EngineCommand.Power("vm-1", "save", "s"));
        host.advanceTo(70_000);
        // a step took the answer, then its log write or its send failed: nothing acknowledged
        assertThat(host.unsentAnswers()).extracting(AgentAnswer::commandId).containsExactly("s");
        host.advanceTo(71_000);
        assertThat(host.unsentAnswers()).extracting(AgentAnswer::commandId).containsExactly("s");
        // the next step got it through
        host.answersSent(host.unsentAnswers());
        assertThat(host.unsentAnswers()).isEmpty();
    }

    @Test
    void a_backup_is_answered_when_its_disks_are_read_an_offline_one_too() {
        EngineHost host = running(UBUNTU);
        assertThat(host.apply(new EngineCommand.Backup("vm-1", "b1"))).isEmpty();
        host.advanceTo(90_000); // the freeze, then the system disk's 4 GB read at 250 MB/s
        assertThat(sent(host)).singleElement().isInstanceOf(AgentCommandCompleted.class)
                .extracting(AgentAnswer::commandId).isEqualTo("b1");
        assertThat(host.unpublished()).extracting(EngineHost.Outgoing::event)
                .filteredOn(e -> e instanceof BackupCompletedOnHost).singleElement()
                .satisfies(e -> {
                    BackupCompletedOnHost backup = (BackupCompletedOnHost) e;
                    assertThat(backup.consistency()).isEqualTo("file-system");
                    assertThat(backup.backupId()).as("the command's id").isEqualTo("b1");
                    assertThat(backup.full()).isTrue();
                    assertThat(backup.readMb()).isBetween(4096L, 4200L);
                    assertThat(backup.freezeMs()).isEqualTo(1000);
                    assertThat(backup.disks()).singleElement().satisfies(d -> assertThat(d.generation())
                            .as("the content at the checkpoint: the guest wrote on while it was read").isPositive()
                            .isLessThan(host.engine().vmView("vm-1").disks().get(0).generation()));
                });

        host.apply(new EngineCommand.Power("vm-1", "turn-off", "off"));
        host.advanceTo(100_000);
        sent(host);
        assertThat(host.apply(new EngineCommand.Backup("vm-1", "b2"))).isEmpty();
        host.advanceTo(130_000);
        assertThat(sent(host)).singleElement().extracting(AgentAnswer::commandId).isEqualTo("b2");
    }

    @Test
    void a_restore_in_place_turns_the_vm_off_writes_the_disks_and_is_answered_when_it_runs_again() {
        EngineHost host = running(UBUNTU);
        long written = host.engine().vmView("vm-1").disks().get(0).generation();
        assertThat(written).as("the guest wrote to its disk").isPositive();
        var point = List.of(new DiskImage(0, 131072, 3000, 7));

        assertThat(host.apply(new EngineCommand.RestoreInPlace("vm-1", point, "restore"))).isEmpty(); // booting
        assertThat(host.engine().vmView("vm-1").disks().get(0).generation()).isEqualTo(7);
        host.advanceTo(70_000);
        assertThat(sent(host)).singleElement().isInstanceOf(AgentCommandCompleted.class)
                .extracting(AgentAnswer::commandId).isEqualTo("restore");
        assertThat(host.engine().vmView("vm-1").state()).isEqualTo(VmState.RUNNING);
    }

    @Test
    void a_vm_created_from_a_restore_point_starts_with_its_disks() {
        EngineHost host = new EngineHost(SPEC, 7, MATRIX, 0);
        host.apply(new EngineCommand.CreateVm("vm-2", UBUNTU, "create", List.of(new DiskImage(0, 131072, 3000, 7))));
        assertThat(host.engine().vmView("vm-2").disks()).singleElement().satisfies(d -> {
            assertThat(d.generation()).isEqualTo(7);
            assertThat(d.allocatedMb()).isEqualTo(3000);
        });
        host.advanceTo(10_000);
        assertThat(sent(host)).extracting(AgentAnswer::commandId).containsExactly("create");
    }

    @Test
    void a_restore_in_place_of_a_vm_being_saved_is_refused_and_changes_nothing() {
        EngineHost host = running(UBUNTU);
        host.apply(new EngineCommand.Power("vm-1", "save", "s"));
        long before = host.engine().vmView("vm-1").disks().get(0).generation();
        assertThatThrownBy(() -> host.apply(new EngineCommand.RestoreInPlace("vm-1",
                List.of(new DiskImage(0, 131072, 3000, 7)), "restore"))).isInstanceOf(CommandRejected.class);
        assertThat(host.engine().vmView("vm-1").disks().get(0).generation()).isEqualTo(before);
        assertThat(host.engine().vmView("vm-1").state()).isEqualTo(VmState.SAVING);
    }

    @Test
    void a_backup_fault_injected_leaves_the_backup_crash_consistent_with_the_reason_until_undone() {
        EngineHost host = running(UBUNTU);
        host.apply(new EngineCommand.BackupFault("vm-1", "freeze-fail"));
        host.apply(new EngineCommand.Backup("vm-1", "b1"));
        host.advanceTo(90_000);
        host.apply(new EngineCommand.BackupFault("vm-1", "freeze-normal"));
        host.apply(new EngineCommand.Backup("vm-1", "b2"));
        host.advanceTo(120_000);
        assertThat(host.unpublished()).extracting(EngineHost.Outgoing::event)
                .filteredOn(e -> e instanceof BackupCompletedOnHost).map(e -> (BackupCompletedOnHost) e)
                .extracting(BackupCompletedOnHost::consistency, BackupCompletedOnHost::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("crash",
                                "the file-system freeze failed in the guest; thawed"),
                        org.assertj.core.groups.Tuple.tuple("file-system",
                                "hv_vss_daemon froze and thawed the file systems"));
    }

    @Test
    void a_migration_hands_the_vm_off_and_answers_nothing_until_the_destination_has_it() {
        EngineHost host = running(UBUNTU);
        assertThat(host.apply(new EngineCommand.Migrate("vm-1", "h2", 1170, null, false, "m"))).isEmpty();
        host.advanceTo(120_000);
        assertThat(sent(host)).isEmpty();
        assertThat(host.takeHandOffs()).singleElement().satisfies(handOff -> {
            assertThat(handOff.commandId()).isEqualTo("m");
            assertThat(handOff.destinationHostId()).isEqualTo("h2");
            assertThat(handOff.vm().vmId()).isEqualTo("vm-1");
            assertThat(handOff.vm().assignedMb()).isEqualTo(2048);
        });
        assertThat(host.takeHandOffs()).isEmpty();
    }

    @Test
    void a_refused_command_leaves_the_earlier_wait_in_place() {
        EngineHost host = new EngineHost(SPEC, 7, MATRIX, 0);
        host.apply(new EngineCommand.CreateVm("vm-1", UBUNTU, "create"));
        assertThatThrownBy(() -> host.apply(new EngineCommand.Migrate("vm-1", "h2", 1170, null, false, "m")))
                .isInstanceOf(CommandRejected.class);
        assertThat(host.awaits("vm-1", "create")).isTrue();
        host.advanceTo(10_000);
        assertThat(sent(host)).extracting(AgentAnswer::commandId).containsExactly("create");
    }

    @Test
    void a_guest_without_a_feature_gets_a_rejection_naming_it_and_its_capabilities_say_why() {
        EngineHost host = running(RHEL64);
        assertThatThrownBy(() -> host.apply(new EngineCommand.SetVideo("vm-1", 1024, 768, "v")))
                .isInstanceOf(CommandRejected.class).hasMessageContaining("HV_VIDEO");
        assertThat(host.unpublished()).extracting(EngineHost.Outgoing::event)
                .filteredOn(e -> e instanceof IntegrationServicesNegotiated).singleElement()
                .satisfies(e -> {
                    var lis = (IntegrationServicesNegotiated) e;
                    assertThat(lis.supportedFeatures()).contains("CORE", "KVP").doesNotContain("HV_VIDEO");
                    assertThat(lis.unsupportedFeatures()).containsKey("HV_VIDEO");
                });
    }

    @Test
    void channels_of_a_four_vcpu_vm_interrupt_more_than_one_vcpu() {
        EngineHost host = running(UBUNTU);
        List<VmbusChannelsOpened.Channel> channels = host.unpublished().stream().map(EngineHost.Outgoing::event)
                .filter(e -> e instanceof VmbusChannelsOpened).map(e -> ((VmbusChannelsOpened) e).channels())
                .findFirst().orElseThrow();
        assertThat(channels).extracting(VmbusChannelsOpened.Channel::targetVcpu).containsAnyOf(1, 2, 3);
        assertThat(channels).filteredOn(c -> c.device().equals("HEARTBEAT"))
                .allSatisfy(c -> assertThat(c.targetVcpu()).isZero());
    }

    @Test
    void a_panic_reports_the_dump_kdump_wrote() {
        EngineHost host = running(UBUNTU);
        host.apply(new EngineCommand.Panic("vm-1"));
        host.advanceTo(120_000);
        assertThat(host.unpublished()).extracting(EngineHost.Outgoing::event)
                .filteredOn(e -> e instanceof CrashDumpReported).singleElement()
                .satisfies(e -> {
                    var dump = (CrashDumpReported) e; // a 2012 R2 host lets the crash kernel re-attach to VMBus
                    assertThat(dump.captured()).isTrue();
                    assertThat(dump.dumpMb()).isGreaterThan(64);
                    assertThat(dump.reason()).isNull();
                });
    }

    @Test
    void a_migration_that_fails_is_rejected_with_the_reason() {
        EngineHost host = running(UBUNTU);
        host.apply(new EngineCommand.Migrate("vm-1", "h2", 1170, null, false, "m"));
        host.engine().cutMigrationNetwork();
        assertThat(sent(host)).singleElement().isInstanceOf(AgentCommandRejected.class)
                .satisfies(a -> assertThat(((AgentCommandRejected) a).reason()).contains("migration network was cut"));
    }

    /** What a step publishes: the unsent answers, then acknowledged. */
    private static List<AgentAnswer> sent(EngineHost host) {
        List<AgentAnswer> unsent = host.unsentAnswers();
        host.answersSent(unsent);
        return unsent;
    }
}
