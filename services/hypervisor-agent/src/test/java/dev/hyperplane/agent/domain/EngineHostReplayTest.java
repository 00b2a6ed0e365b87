package dev.hyperplane.agent.domain;

import dev.hyperplane.events.agent.GuestInfoReported;
import dev.hyperplane.events.agent.VmStateChangedOnHost;
import dev.hyperplane.guestsupport.Guest;
import dev.hyperplane.guestsupport.LisMatrix;
import dev.hyperplane.hyperv.MemorySettings;
import dev.hyperplane.hyperv.VmSpec;
import dev.hyperplane.hyperv.Workload;
import dev.hyperplane.events.agent.AgentAnswer;
import dev.hyperplane.events.agent.AgentCommandCompleted;
import dev.hyperplane.hyperv.CommandRejected;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The agent's durability rests on this: replaying the command log from the seed gives the same events. */
class EngineHostReplayTest {
    private static final LisMatrix MATRIX = LisMatrix.shipped();
    private static final HostDefinition SPEC = new HostDefinition("h1", "h1", "2012 R2", 32, 131072, 4096);
    private static final VmSpec WEB = new VmSpec("web-1", 1, false, 2, MemorySettings.fixed(2048), 1, 1,
            Guest.linux(MATRIX.find("Ubuntu", "20.04 LTS").orElseThrow()), Workload.WEB);

    private static EngineHost run(long publishedSeq) {
        EngineHost host = new EngineHost(SPEC, 7, MATRIX, publishedSeq);
        host.advanceTo(5_000);
        host.apply(new EngineCommand.CreateVm("vm-1", WEB, "cmd-1"));
        host.advanceTo(30_000);
        host.apply(new EngineCommand.StallHeartbeat("vm-1", true));
        host.advanceTo(60_000);
        return host;
    }

    @Test
    void a_replay_numbers_the_events_the_same_and_skips_what_kafka_acknowledged() {
        List<EngineHost.Outgoing> original = run(0).unpublished();
        assertThat(original).extracting(o -> o.event().getClass().getSimpleName())
                .contains("VmStateChangedOnHost", "GuestInfoReported", "GuestHeartbeatChanged");
        assertThat(original).extracting(EngineHost.Outgoing::id).startsWith("h1/1", "h1/2");

        List<EngineHost.Outgoing> replayed = run(3).unpublished();
        assertThat(replayed).extracting(EngineHost.Outgoing::id)
                .containsExactlyElementsOf(original.stream().skip(3).map(EngineHost.Outgoing::id).toList());
        assertThat(replayed).extracting(o -> o.event().getClass().getSimpleName())
                .containsExactlyElementsOf(original.stream().skip(3).map(o -> o.event().getClass().getSimpleName()).toList());
    }

    @Test
    void a_create_is_answered_once_when_the_vm_runs() {
        EngineHost host = new EngineHost(SPEC, 7, MATRIX, 0);
        host.apply(new EngineCommand.CreateVm("vm-1", WEB, "cmd-1"));
        assertThat(host.awaits("vm-1", "cmd-1")).isTrue();
        assertThat(sent(host)).isEmpty();
        host.advanceTo(1_000);
        assertThat(sent(host)).singleElement().satisfies(a -> assertThat(a.commandId()).isEqualTo("cmd-1"));
        host.advanceTo(10_000);
        assertThat(sent(host)).isEmpty();
        assertThat(host.awaits("vm-1", "cmd-1")).isFalse();
    }

    @Test
    void a_graceful_shut_down_is_answered_when_the_vm_is_off_and_a_turn_off_at_once() {
        EngineHost host = new EngineHost(SPEC, 7, MATRIX, 0);
        host.apply(new EngineCommand.CreateVm("vm-1", WEB, "cmd-1"));
        host.advanceTo(60_000); // booted, integration services up
        sent(host);
        assertThat(host.apply(new EngineCommand.Power("vm-1", "shut-down", "cmd-2"))).isEmpty();
        assertThat(host.awaits("vm-1", "cmd-2")).isTrue();
        host.advanceTo(120_000);
        assertThat(sent(host)).singleElement().isInstanceOf(AgentCommandCompleted.class)
                .satisfies(a -> assertThat(a.commandId()).isEqualTo("cmd-2"));

        host.apply(new EngineCommand.Power("vm-1", "start", "cmd-3"));
        host.advanceTo(180_000);
        assertThat(sent(host)).extracting(AgentAnswer::commandId).containsExactly("cmd-3");
        assertThat(host.apply(new EngineCommand.Power("vm-1", "turn-off", "cmd-4")))
                .hasValueSatisfying(a -> assertThat(a.commandId()).isEqualTo("cmd-4"));
    }

    @Test
    void a_resize_of_an_off_vm_changes_processors_and_memory_and_a_running_one_keeps_its_processors() {
        EngineHost host = new EngineHost(SPEC, 7, MATRIX, 0);
        host.apply(new EngineCommand.CreateVm("vm-1", WEB, "cmd-1"));
        host.advanceTo(60_000);
        assertThatThrownBy(() -> host.apply(new EngineCommand.Resize("vm-1", 4, MemorySettings.fixed(2048), "cmd-2")))
                .isInstanceOf(CommandRejected.class).hasMessageContaining("only change while it is off");
        host.apply(new EngineCommand.Power("vm-1", "turn-off", "cmd-3"));
        assertThat(host.apply(new EngineCommand.Resize("vm-1", 4, MemorySettings.fixed(4096), "cmd-4"))).isPresent();
        assertThat(host.engine().vmView("vm-1").spec().vcpus()).isEqualTo(4);
        assertThat(host.engine().vmView("vm-1").spec().memory().startupMb()).isEqualTo(4096);
    }

    @Test
    void delete_turns_a_running_vm_off_and_is_done_when_the_vm_is_gone_already() {
        EngineHost host = new EngineHost(SPEC, 7, MATRIX, 0);
        host.apply(new EngineCommand.CreateVm("vm-1", WEB, "cmd-1"));
        host.advanceTo(60_000);
        assertThat(host.apply(new EngineCommand.Power("vm-1", "delete", "cmd-2"))).isPresent();
        assertThat(host.engine().vmIds()).doesNotContain("vm-1");
        assertThat(host.apply(new EngineCommand.Power("vm-1", "delete", "cmd-3"))).isPresent();
    }

    @Test
    void guest_info_carries_the_kvp_items() {
        EngineHost host = run(0);
        assertThat(host.unpublished()).extracting(EngineHost.Outgoing::event)
                .filteredOn(e -> e instanceof GuestInfoReported).first()
                .satisfies(e -> {
                    var info = (GuestInfoReported) e;
                    assertThat(info.osName()).isEqualTo("Ubuntu");
                    assertThat(info.osVersion()).isEqualTo("20.04 LTS");
                    assertThat(info.fqdn()).isEqualTo("web-1.guests.hyperplane.internal");
                });
        assertThat(host.unpublished()).extracting(EngineHost.Outgoing::event)
                .filteredOn(e -> e instanceof VmStateChangedOnHost).extracting(e -> ((VmStateChangedOnHost) e).to())
                .containsExactly("Starting", "Running");
    }

    /** What a step publishes: the unsent answers, then acknowledged. */
    private static List<AgentAnswer> sent(EngineHost host) {
        List<AgentAnswer> unsent = host.unsentAnswers();
        host.answersSent(unsent);
        return unsent;
    }
}
