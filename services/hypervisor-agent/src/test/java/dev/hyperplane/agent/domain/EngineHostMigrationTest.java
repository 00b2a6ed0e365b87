package dev.hyperplane.agent.domain;

import dev.hyperplane.events.agent.AgentAnswer;
import dev.hyperplane.events.agent.AgentCommandRejected;
import dev.hyperplane.events.agent.MigrationPassCompletedOnHost;
import dev.hyperplane.events.agent.VmMigratedOnHost;
import dev.hyperplane.guestsupport.Guest;
import dev.hyperplane.guestsupport.LisMatrix;
import dev.hyperplane.hyperv.LiveMigration;
import dev.hyperplane.hyperv.MemorySettings;
import dev.hyperplane.hyperv.VmSpec;
import dev.hyperplane.hyperv.VmState;
import dev.hyperplane.hyperv.Workload;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A live migration as the agent's hosts run it, step by step as {@code MigrationHandOff} drives them: reserve on
 * the destination, passes on the source, the hand-off at the blackout, and the release when it ends otherwise.
 */
class EngineHostMigrationTest {
    private static final LisMatrix MATRIX = LisMatrix.shipped();
    private static final VmSpec WEB = new VmSpec("web-1", 1, false, 2, MemorySettings.fixed(2048), 1, 1,
            Guest.linux(MATRIX.find("Ubuntu", "20.04 LTS").orElseThrow()), Workload.WEB);
    private static final VmSpec HOG = new VmSpec("hog-1", 1, false, 2, MemorySettings.fixed(2048), 1, 1,
            WEB.guest(), Workload.MEMORY_HOG);
    private static final LiveMigration.Convergence MINIMAL = new LiveMigration.Convergence(
            List.of(100L, 150L, 200L, 300L, 400L, 500L), 2, 0);

    private final EngineHost source = host("h1");
    private final EngineHost destination = host("h2");

    private static EngineHost host(String id) {
        return new EngineHost(new HostDefinition(id, id, "2012 R2", 32, 131072, 4096), 7, MATRIX, 0);
    }

    private void runningVm() {
        source.apply(new EngineCommand.CreateVm("vm-1", WEB, "create"));
        source.advanceTo(60_000);
        source.unsentAnswers().forEach(a -> source.answersSent(List.of(a)));
        destination.apply(new EngineCommand.ReserveIncoming("vm-1", WEB, 2048, "migrate"));
        source.apply(new EngineCommand.Migrate("vm-1", "h2", 117, MINIMAL, false, "migrate"));
    }

    @Test
    void at_the_blackout_the_vm_is_handed_off_and_still_on_its_source() {
        runningVm();
        source.advanceTo(120_000);
        List<EngineHost.HandOff> handOffs = source.takeHandOffs();
        assertThat(handOffs).singleElement().satisfies(h -> {
            assertThat(h.commandId()).isEqualTo("migrate");
            assertThat(h.destinationHostId()).isEqualTo("h2");
        });
        assertThat(source.inventory().vms()).extracting(v -> v.vmId()).containsExactly("vm-1");
        assertThat(source.unpublished()).extracting(EngineHost.Outgoing::event)
                .anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(MigrationPassCompletedOnHost.class,
                        p -> assertThat(p.allowedDowntimeMs()).isEqualTo(100L)));

        destination.apply(new EngineCommand.AcceptIn(handOffs.get(0).vm(), "migrate"));
        source.apply(new EngineCommand.CompleteMigrationOut("vm-1", "migrate"));
        assertThat(source.inventory().vms()).isEmpty();
        assertThat(destination.inventory().vms()).singleElement()
                .satisfies(v -> assertThat(v.state()).isEqualTo("Running"));
        assertThat(source.unpublished()).extracting(EngineHost.Outgoing::event)
                .anySatisfy(e -> assertThat(e).isInstanceOf(VmMigratedOnHost.class));
        assertThat(source.takeReleases()).isEmpty();
    }

    @Test
    void a_migration_that_fails_releases_the_destination_and_is_answered() {
        source.apply(new EngineCommand.CreateVm("vm-1", HOG, "create"));
        source.advanceTo(60_000);
        source.answersSent(source.unsentAnswers());
        destination.apply(new EngineCommand.ReserveIncoming("vm-1", WEB, 2048, "migrate"));
        source.apply(new EngineCommand.Migrate("vm-1", "h2", 30, MINIMAL, false, "migrate"));
        source.advanceTo(1_200_000);

        assertThat(source.takeHandOffs()).isEmpty();
        assertThat(source.takeReleases()).singleElement().satisfies(r -> {
            assertThat(r.destinationHostId()).isEqualTo("h2");
            assertThat(r.vmId()).isEqualTo("vm-1");
            assertThat(r.reason()).as("for a destination on another agent").contains("did not converge");
        });
        assertThat(source.unsentAnswers()).singleElement().isInstanceOfSatisfying(AgentCommandRejected.class,
                r -> assertThat(r.reason()).contains("did not converge"));
        assertThat(source.engine().vmView("vm-1").state()).isEqualTo(VmState.RUNNING);
    }

    @Test
    void a_power_command_during_the_passes_ends_the_migration_and_answers_it() {
        runningVm();
        source.advanceTo(62_000);
        AgentAnswer turnedOff = source.apply(new EngineCommand.Power("vm-1", "turn-off", "off")).orElseThrow();
        assertThat(turnedOff.commandId()).isEqualTo("off");
        assertThat(source.unsentAnswers()).singleElement().isInstanceOfSatisfying(AgentCommandRejected.class, r -> {
            assertThat(r.commandId()).isEqualTo("migrate");
            assertThat(r.reason()).contains("command off");
        });
        assertThat(source.takeReleases()).extracting(EngineHost.Release::destinationHostId, EngineHost.Release::vmId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("h2", "vm-1"));
    }

    @Test
    void a_replay_of_the_source_brings_the_hand_off_back_and_then_its_completion() {
        runningVm();
        source.advanceTo(120_000);
        var handOff = source.takeHandOffs().get(0);

        EngineHost replayed = host("h1"); // what ReplayLog does: the same commands at the same times
        replayed.advanceTo(0);
        replayed.apply(new EngineCommand.CreateVm("vm-1", WEB, "create"));
        replayed.advanceTo(60_000);
        replayed.apply(new EngineCommand.Migrate("vm-1", "h2", 117, MINIMAL, false, "migrate"));
        replayed.advanceTo(120_000);
        assertThat(replayed.takeHandOffs()).singleElement()
                .satisfies(h -> assertThat(h.vm()).isEqualTo(handOff.vm()));
        replayed.apply(new EngineCommand.CompleteMigrationOut("vm-1", "migrate"));
        assertThat(replayed.inventory().vms()).isEmpty();
    }
}
