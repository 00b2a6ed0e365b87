package dev.hyperplane.provisioning.saga;

import dev.hyperplane.events.GuestOs;
import dev.hyperplane.events.MemoryPlan;
import dev.hyperplane.events.vm.VmFailed;
import dev.hyperplane.events.vm.VmRequested;
import dev.hyperplane.events.vm.VmStarted;
import dev.hyperplane.provisioning.command.FailVm;
import dev.hyperplane.provisioning.command.PlaceVm;
import dev.hyperplane.placement.HaPriority;
import dev.hyperplane.placement.HostCandidate;
import dev.hyperplane.placement.Placement;
import dev.hyperplane.placement.PlacementRequest;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProvisioningSagaTest {
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final GuestOs UBUNTU = new GuestOs("linux", "Ubuntu", "20.04 LTS");

    /** Placement over an in-memory host list: the real {@link Placement} rules, without the database. */
    static final class InMemoryPlacer extends VmPlacer {
        final List<HostCandidate> hosts = new ArrayList<>();
        final List<String> released = new ArrayList<>();

        @Override
        public Placement.Decision place(PlacementRequest vm, HaPriority priority) {
            return Placement.standard(1, 0).choose(hosts, vm);
        }

        @Override
        public void release(String vmId) {
            released.add(vmId);
        }
    }

    private SagaTestFixture<ProvisioningSaga> fixture;
    private InMemoryPlacer placer;

    @BeforeEach
    void setUp() {
        placer = new InMemoryPlacer();
        fixture = new SagaTestFixture<>(ProvisioningSaga.class);
        fixture.registerResource(placer);
        fixture.registerResource(new ProvisioningSettings(Duration.ofSeconds(60), Duration.ofSeconds(120),
                Duration.ofSeconds(60), Duration.ofSeconds(5)));
    }

    private static HostCandidate host(long allocatableMb) {
        return host("h1", allocatableMb, "2016");
    }

    private static HostCandidate host(String hostId, long allocatableMb, String windowsServerVersion) {
        return new HostCandidate(hostId, allocatableMb, 0, windowsServerVersion, 16, true, 0, java.util.Set.of());
    }

    private static VmRequested requested(long memoryMb) {
        return new VmRequested("vm-1", "acme", "web-1", 2, memoryMb, UBUNTU, 1, false, MemoryPlan.fixed(memoryMb), "op-1",
                null, "admin@acme", NOW, null, "medium");
    }

    @Test
    void places_the_vm_and_sets_a_deadline() {
        placer.hosts.add(host(60_000));
        fixture.givenNoPriorActivity()
                .whenPublishingA(requested(4096))
                .expectActiveSagas(1)
                .expectDispatchedCommands(new PlaceVm("vm-1", "h1"))
                .expectScheduledDeadlineWithName(Duration.ofSeconds(60), ProvisioningSaga.TIMEOUT);
    }

    @Test
    void fails_the_vm_when_no_host_has_room() {
        placer.hosts.add(host(2048));
        fixture.givenNoPriorActivity()
                .whenPublishingA(requested(4096))
                .expectDispatchedCommands(new FailVm("vm-1", "no host can take the VM: h1: less than 4096 MB free"))
                .expectNoScheduledDeadlines(); // nothing was placed, nothing to wait for
    }

    @Test
    void a_vm_waits_for_a_host_that_is_only_unreachable_for_now_and_is_placed_when_it_is_back() {
        placer.hosts.add(unreachable("h1", 60_000));
        fixture.givenNoPriorActivity()
                .whenPublishingA(requested(4096))
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(Duration.ofSeconds(5), ProvisioningSaga.PLACEMENT_RETRY);

        placer.hosts.set(0, host(60_000)); // the agent is back
        fixture.whenTimeElapses(Duration.ofSeconds(5))
                .expectTriggeredDeadlinesWithName(ProvisioningSaga.PLACEMENT_RETRY)
                .expectDispatchedCommands(new PlaceVm("vm-1", "h1"));
    }

    @Test
    void a_vm_stops_waiting_after_the_placement_wait_and_fails_saying_so() {
        placer.hosts.add(unreachable("h1", 60_000));
        fixture.givenAPublished(requested(4096))
                .whenTimeElapses(Duration.ofSeconds(61))
                .expectDispatchedCommands(new FailVm("vm-1",
                        "no host can take the VM: h1: unreachable or in maintenance (waited 60 s for one to come back)"))
                .expectNoScheduledDeadlines();
    }

    @Test
    void an_unreachable_host_too_small_anyway_is_not_waited_for() {
        placer.hosts.add(unreachable("h1", 2048));
        fixture.givenNoPriorActivity()
                .whenPublishingA(requested(4096))
                .expectDispatchedCommands(new FailVm("vm-1", "no host can take the VM: h1: unreachable or in maintenance"))
                .expectNoScheduledDeadlines();
    }

    private static HostCandidate unreachable(String hostId, long allocatableMb) {
        return new HostCandidate(hostId, allocatableMb, 0, "2016", 16, false, 0, java.util.Set.of());
    }

    @Test
    void a_windows_guest_goes_only_to_a_host_version_microsoft_lists_for_it() {
        placer.hosts.add(host("h1", 60_000, "2016"));
        placer.hosts.add(host("h2", 8_000, "2019"));
        VmRequested server2022 = new VmRequested("vm-1", "acme", "win-1", 2, 4096,
                new GuestOs("windows", "Windows Server", "2022", "windows-server-2022"), 2, true,
                MemoryPlan.fixed(4096), "op-1", null, "admin@acme", NOW, null, "medium");
        fixture.givenNoPriorActivity()
                .whenPublishingA(server2022)
                .expectDispatchedCommands(new PlaceVm("vm-1", "h2")); // the roomier 2016 host is not on the list
    }

    @Test
    void a_windows_guest_with_no_listed_host_fails_saying_why() {
        placer.hosts.add(host("h1", 60_000, "2012 R2"));
        VmRequested server2025 = new VmRequested("vm-1", "acme", "win-1", 2, 4096,
                new GuestOs("windows", "Windows Server", "2025", "windows-server-2025"), 2, true,
                MemoryPlan.fixed(4096), "op-1", null, "admin@acme", NOW, null, "medium");
        fixture.givenNoPriorActivity()
                .whenPublishingA(server2025)
                .expectDispatchedCommands(new FailVm("vm-1",
                        "no host can take the VM: h1: Windows Server 2012 R2 (the guest runs on 2022)"));
    }

    @Test
    void the_deadline_fails_a_vm_that_never_started() {
        placer.hosts.add(host(60_000));
        fixture.givenAPublished(requested(4096))
                .whenTimeElapses(Duration.ofSeconds(61))
                .expectTriggeredDeadlinesWithName(ProvisioningSaga.TIMEOUT)
                .expectDispatchedCommands(new FailVm("vm-1", "the VM was not running 60 s after it was placed"));
    }

    @Test
    void a_started_vm_ends_the_saga_and_its_deadline() {
        placer.hosts.add(host(60_000));
        fixture.givenAPublished(requested(4096))
                .whenPublishingA(new VmStarted("vm-1", "h1", NOW))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void a_failed_vm_releases_its_reservation() {
        placer.hosts.add(host(60_000));
        fixture.givenAPublished(requested(4096))
                .whenPublishingA(new VmFailed("vm-1", "host refused", NOW))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
        assertThat(placer.released).containsExactly("vm-1");
    }
}
