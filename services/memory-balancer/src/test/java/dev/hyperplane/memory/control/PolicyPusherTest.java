package dev.hyperplane.memory.control;

import dev.hyperplane.events.GuestOs;
import dev.hyperplane.events.MemoryPlan;
import dev.hyperplane.memory.domain.GuestMemoryProfile;
import dev.hyperplane.memory.domain.VmSnapshot;
import dev.hyperplane.memory.query.FleetMemory;
import dev.hyperplane.memory.query.MemoryPolicies;
import dev.hyperplane.memory.query.MemoryPushes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which VMs get a push in a round: the diff of policy and host, less what is already on its way. */
class PolicyPusherTest {
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final Duration RETRY = Duration.ofSeconds(60);
    private static final MemoryPlan ON_HOST = new MemoryPlan(true, 1024, 4096, 20, 50);
    private static final MemoryPlan WANTED = new MemoryPlan(true, 1024, 8192, 20, 50);
    private static final String COMMAND = "vm-1/memory@vm-v2@h1";

    /**
     * @param policy    the VM's own policy: as on the host, or different (version 2)
     * @param lastPush  none, or the state of the last push of the same command
     * @param pushedAgo seconds since it was sent
     */
    @ParameterizedTest(name = "policy {0}, last push {1} {2} s ago -> pushed {3}")
    @CsvSource({
            "none,      none,     0,   false",
            "same,      none,     0,   false",
            "different, none,     0,   true",
            "different, sent,     10,  false",   // on its way: wait for the answer
            "different, sent,     61,  true",    // unanswered: again
            "different, applied,  600, false",   // the host will report it
            "different, rejected, 600, false",   // refused: not again until something changes
            "different, other,    1,   true",    // a newer policy version or another host: a new command
    })
    void a_vm_is_pushed_when_its_host_differs_and_nothing_is_on_its_way(String policy, String lastPush,
                                                                         long pushedAgo, boolean pushed) {
        var vm = new FleetMemory.Vm("vm-1", "acme", new GuestOs("windows", "Windows Server", "2022"), "h1", 4096,
                ON_HOST, GuestMemoryProfile.of(new GuestOs("windows", "Windows Server", "2022"), null, Map.of(), null),
                false, 0, VmSnapshot.PlacementNeeds.UNKNOWN, 64 * 1024);
        Map<String, MemoryPolicies.VmPolicy> own = switch (policy) {
            case "same" -> Map.of("vm-1", new MemoryPolicies.VmPolicy("vm-1", "acme", 4096, ON_HOST, 2, "x", NOW));
            case "different" -> Map.of("vm-1", new MemoryPolicies.VmPolicy("vm-1", "acme", 4096, WANTED, 2, "x", NOW));
            default -> Map.of();
        };
        Map<String, MemoryPushes.Push> pushes = switch (lastPush) {
            case "none" -> Map.of();
            case "other" -> Map.of("vm-1", new MemoryPushes.Push("vm-1", "vm-1/memory@vm-v1@h1", "h1", "sent", null,
                    NOW.minusSeconds(pushedAgo)));
            default -> Map.of("vm-1", new MemoryPushes.Push("vm-1", COMMAND, "h1", lastPush, null,
                    NOW.minusSeconds(pushedAgo)));
        };

        List<PolicyPusher.Due> due = PolicyPusher.due(Map.of("vm-1", vm), own, Map.of(), pushes, NOW, RETRY);

        assertThat(due).hasSize(pushed ? 1 : 0);
        due.forEach(d -> {
            assertThat(d.command().commandId()).isEqualTo(COMMAND);
            assertThat(d.command().memory()).isEqualTo(WANTED);
            assertThat(d.tenantId()).isEqualTo("acme");
        });
    }
}
