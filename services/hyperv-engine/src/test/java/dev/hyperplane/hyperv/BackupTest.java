package dev.hyperplane.hyperv;

import dev.hyperplane.guestsupport.Guest;
import dev.hyperplane.guestsupport.HostVersion;
import dev.hyperplane.guestsupport.LisMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Backups as Hyper-V takes them: the consistency each guest reaches and why, the freeze that always ends in a thaw,
 * full and incremental reads (changed-block tracking from Windows Server 2016), the content a backup captured and a
 * restore writes back.
 */
class BackupTest {
    private static final LisMatrix MATRIX = LisMatrix.shipped();

    private final List<EngineEvent> events = new ArrayList<>();

    private static Guest guest(String name) {
        if (name.startsWith("Windows ")) {
            return Guest.windows(name.substring("Windows ".length()));
        }
        int space = name.lastIndexOf('|');
        return Guest.linux(MATRIX.find(name.substring(0, space), name.substring(space + 1)).orElseThrow());
    }

    private SimulatedHost runningVm(HostVersion version, Guest guest, Workload workload) {
        SimulatedHost host = new SimulatedHost(new HostSpec("h1", version, 16, 1, 65536, 2048,
                HostSpec.MigrationSettings.DEFAULT), 5, MATRIX, events::add);
        host.define("vm1", new VmSpec("app", 1, false, 2, MemorySettings.fixed(4096), 2, 1, guest, workload));
        host.start("vm1");
        host.advance(Duration.ofSeconds(20));
        return host;
    }

    private List<EngineEvent.BackupCompleted> completed() {
        return events.stream().filter(EngineEvent.BackupCompleted.class::isInstance)
                .map(EngineEvent.BackupCompleted.class::cast).toList();
    }

    private EngineEvent.BackupCompleted backUp(SimulatedHost host) {
        int before = completed().size();
        String id = host.backup("vm1");
        for (int second = 0; second < 600 && completed().size() == before; second++) {
            host.advance(Duration.ofSeconds(1));
        }
        EngineEvent.BackupCompleted done = completed().get(completed().size() - 1);
        assertThat(done.backupId()).isEqualTo(id);
        return done;
    }

    @ParameterizedTest(name = "{0} on {1} with {2}: {3}")
    @CsvSource(delimiter = ';', textBlock = """
            Ubuntu|20.04 LTS;          WS2019;    none;             file-system; froze and thawed;               1000
            RHEL/CentOS|7.6-7.9;       WS2019;    none;             file-system; froze and thawed;               1000
            Windows 2019;              WS2019;    none;             application; VSS writers;                    2000
            Windows 2012 R2;           WS2012_R2; none;             application; VSS writers;                    2000
            Ubuntu|12.04 LTS;          WS2012_R2; none;             crash;       not supported by Ubuntu 12.04;  0
            Ubuntu|20.04 LTS;          WS2019;    vss-daemon-stop;  crash;       hv_vss_daemon did not answer;   0
            Ubuntu|20.04 LTS;          WS2019;    freeze-fail;      crash;       freeze failed in the guest;     0
            Ubuntu|20.04 LTS;          WS2019;    freeze-hang;      crash;       timed out after 10 s;           10000
            Ubuntu|20.04 LTS;          WS2019;    off;              offline;     the VM is OFF;                  0
            """)
    void each_guest_reaches_the_consistency_it_can_with_the_reason(String guest, HostVersion version, String fault,
                                                                  String consistency, String reason, long freezeMs) {
        SimulatedHost host = runningVm(version, guest(guest), Workload.WEB);
        switch (fault) {
            case "vss-daemon-stop" -> host.stopVssDaemon("vm1", true);
            case "freeze-fail" -> host.failFreeze("vm1", true);
            case "freeze-hang" -> host.hangFreeze("vm1", true);
            case "off" -> host.turnOff("vm1");
            default -> {
            }
        }
        EngineEvent.BackupCompleted backup = backUp(host);
        assertThat(backup.consistency()).isEqualTo(consistency);
        assertThat(backup.reason()).contains(reason);
        assertThat(backup.freezeMs()).isEqualTo(freezeMs);
        assertThat(backup.full()).as("the first backup reads everything").isTrue();
        assertThat(backup.durationMs()).isGreaterThanOrEqualTo(freezeMs + 1000);
    }

    @Test
    void a_fault_undone_gives_the_consistency_back() {
        SimulatedHost host = runningVm(HostVersion.WS2019, guest("Ubuntu|20.04 LTS"), Workload.WEB);
        host.failFreeze("vm1", true);
        assertThat(backUp(host).consistency()).isEqualTo("crash");
        host.failFreeze("vm1", false);
        host.stopVssDaemon("vm1", true);
        assertThat(backUp(host).consistency()).isEqualTo("crash");
        host.stopVssDaemon("vm1", false);
        assertThat(backUp(host).consistency()).isEqualTo("file-system");
    }

    @Test
    void from_windows_server_2016_only_what_changed_is_read_after_the_first_full_backup() {
        SimulatedHost host = runningVm(HostVersion.WS2016, guest("Ubuntu|20.04 LTS"), Workload.DATABASE);
        EngineEvent.BackupCompleted first = backUp(host);
        long allocated = host.vmView("vm1").disks().stream().mapToLong(DiskImage::allocatedMb).sum();
        assertThat(first.full()).isTrue();
        assertThat(first.basedOn()).isNull();
        assertThat(first.readMb()).as("every allocated block").isBetween(allocated - 10, allocated);
        assertThat(first.durationMs()).as("the freeze, then 5 GB at 250 MB/s")
                .isBetween(1000 + 20_000L, 1000 + 23_000L);

        host.advance(Duration.ofSeconds(100)); // the database writes 4 MB/s
        EngineEvent.BackupCompleted second = backUp(host);
        assertThat(second.full()).isFalse();
        assertThat(second.basedOn()).isEqualTo(first.backupId());
        assertThat(second.readMb()).as("what changed since the first backup's checkpoint, nothing more")
                .isBetween(400L, 520L);
    }

    @Test
    void a_2012_r2_host_tracks_no_changes_for_backups_so_every_backup_is_full() {
        SimulatedHost host = runningVm(HostVersion.WS2012_R2, guest("Ubuntu|20.04 LTS"), Workload.DATABASE);
        assertThat(host.tracksChanges()).isFalse();
        backUp(host);
        host.advance(Duration.ofSeconds(100));
        EngineEvent.BackupCompleted second = backUp(host);
        assertThat(second.full()).isTrue();
        assertThat(second.readMb()).isGreaterThan(5000);
    }

    @Test
    void the_guest_writes_nothing_while_frozen_and_the_backup_holds_the_content_of_its_checkpoint() {
        SimulatedHost host = runningVm(HostVersion.WS2019, Guest.windows("2019"), Workload.WEB);
        long before = host.vmView("vm1").disks().get(0).generation();
        host.backup("vm1");
        host.advance(Duration.ofSeconds(1)); // VSS holds its I/O for 2 s
        assertThat(host.vmView("vm1").disks().get(0).generation()).as("frozen").isEqualTo(before);
        host.advance(Duration.ofSeconds(5));
        assertThat(host.vmView("vm1").disks().get(0).generation()).as("thawed: it writes again")
                .isGreaterThan(before);
        for (int i = 0; i < 120 && completed().isEmpty(); i++) {
            host.advance(Duration.ofSeconds(1));
        }
        assertThat(completed()).singleElement().satisfies(b -> {
            assertThat(b.disks()).hasSize(2);
            assertThat(b.disks().get(0).generation()).as("the checkpoint's content").isEqualTo(before);
        });
    }

    @Test
    void a_restore_writes_the_points_content_back_onto_the_off_vm_and_the_next_backup_is_full() {
        SimulatedHost host = runningVm(HostVersion.WS2019, guest("Ubuntu|20.04 LTS"), Workload.WEB);
        EngineEvent.BackupCompleted point = backUp(host);
        host.advance(Duration.ofSeconds(60));
        assertThat(host.vmView("vm1").disks()).isNotEqualTo(point.disks());
        assertThatThrownBy(() -> host.restoreDisks("vm1", point.disks())).isInstanceOf(CommandRejected.class)
                .hasMessageContaining("only while it is Off");

        host.turnOff("vm1");
        host.restoreDisks("vm1", point.disks());
        assertThat(host.vmView("vm1").disks()).isEqualTo(point.disks());
        host.start("vm1");
        host.advance(Duration.ofSeconds(20));
        assertThat(backUp(host).full()).as("a restored disk has no reference point").isTrue();
        assertThatThrownBy(() -> host.restoreDisks("vm1", List.of(new DiskImage(0, 100, 200, 1))))
                .isInstanceOf(CommandRejected.class);
    }

    @Test
    void a_backup_lost_with_its_host_loses_no_change_the_next_incremental_reads_them_all() {
        SimulatedHost host = runningVm(HostVersion.WS2019, guest("Ubuntu|20.04 LTS"), Workload.DATABASE);
        EngineEvent.BackupCompleted first = backUp(host);
        host.advance(Duration.ofSeconds(50));
        host.backup("vm1");
        host.advance(Duration.ofSeconds(1));
        host.powerLoss();
        host.advance(Duration.ofSeconds(30));
        assertThat(completed()).as("the backup under way is lost").containsExactly(first);
        host.start("vm1");
        host.advance(Duration.ofSeconds(50));
        EngineEvent.BackupCompleted next = backUp(host);
        assertThat(next.basedOn()).isEqualTo(first.backupId());
        assertThat(next.readMb()).as("both 50 s of writes at 4 MB/s").isBetween(390L, 520L);
    }

    @Test
    void disks_and_their_tracking_move_with_a_migrated_vm() {
        SimulatedHost source = runningVm(HostVersion.WS2019, guest("Ubuntu|20.04 LTS"), Workload.WEB);
        EngineEvent.BackupCompleted first = backUp(source);
        SimulatedHost destination = new SimulatedHost(new HostSpec("h2", HostVersion.WS2019, 16, 1, 65536, 2048,
                HostSpec.MigrationSettings.DEFAULT), 6, MATRIX, events::add);
        destination.reserveIncoming("vm1", source.vmView("vm1").spec(), source.vmView("vm1").assignedMb());
        source.migrateOut("vm1", "h2", SimulatedHost.ONE_GBE_MB_PER_S);
        source.advance(Duration.ofMinutes(2));
        MigratedVm moving = events.stream().filter(EngineEvent.MigrationReadyForHandOff.class::isInstance)
                .map(e -> ((EngineEvent.MigrationReadyForHandOff) e).handOff()).findFirst().orElseThrow();
        assertThat(source.vmView("vm1").disks()).as("frozen at the hand-off: it writes nothing more")
                .isEqualTo(moving.disks().stream().map(MigratedVm.Disk::image).toList());
        destination.acceptIn(moving);
        source.completeMigrationOut("vm1");
        assertThat(destination.vmView("vm1").disks()).isEqualTo(moving.disks().stream().map(MigratedVm.Disk::image)
                .toList());

        int before = completed().size();
        destination.backup("vm1");
        for (int i = 0; i < 120 && completed().size() == before; i++) {
            destination.advance(Duration.ofSeconds(1));
        }
        assertThat(completed().get(completed().size() - 1).basedOn()).as("incremental after the move")
                .isEqualTo(first.backupId());
    }

    @Test
    void disks_survive_a_snapshot_of_the_host() {
        SimulatedHost host = runningVm(HostVersion.WS2019, guest("Ubuntu|20.04 LTS"), Workload.WEB);
        EngineEvent.BackupCompleted first = backUp(host);
        SimulatedHost restored = SimulatedHost.restore(host.snapshot(), MATRIX, events::add);
        assertThat(restored.vmView("vm1").disks()).isEqualTo(host.vmView("vm1").disks());
        int before = completed().size();
        restored.backup("vm1");
        for (int i = 0; i < 120 && completed().size() == before; i++) {
            restored.advance(Duration.ofSeconds(1));
        }
        assertThat(completed().get(completed().size() - 1).basedOn()).isEqualTo(first.backupId());
    }
}
