package dev.hyperplane.provisioning.saga;

import dev.hyperplane.events.MemoryPlan;
import dev.hyperplane.events.vm.VmOperationCompleted;
import dev.hyperplane.events.vm.VmOperationFailed;
import dev.hyperplane.events.vm.VmOperationRequested;
import dev.hyperplane.events.vm.VmResizeRequested;
import dev.hyperplane.events.vm.VmRestoreStarted;
import dev.hyperplane.events.vm.VmRestored;
import dev.hyperplane.provisioning.command.FailVmOperation;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

class VmOperationSagaTest {
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final VmOperationRequested STOP =
            new VmOperationRequested("vm-1", "acme", "op-2", "stop", false, "user@acme", NOW);

    private SagaTestFixture<VmOperationSaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(VmOperationSaga.class);
        fixture.registerResource(new ProvisioningSettings(Duration.ofSeconds(60), Duration.ofSeconds(120),
                Duration.ofSeconds(60), Duration.ofSeconds(5)));
    }

    @Test
    void an_operation_gets_a_deadline() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(STOP)
                .expectActiveSagas(1)
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(Duration.ofSeconds(120), VmOperationSaga.TIMEOUT);
    }

    @Test
    void the_deadline_fails_an_operation_the_host_never_finished() {
        fixture.givenAPublished(STOP)
                .whenTimeElapses(Duration.ofSeconds(121))
                .expectTriggeredDeadlinesWithName(VmOperationSaga.TIMEOUT)
                .expectDispatchedCommands(new FailVmOperation("vm-1", "op-2",
                        "the host did not finish the stop within 120 s"));
    }

    @Test
    void a_resize_times_out_the_same_way() {
        fixture.givenAPublished(new VmResizeRequested("vm-1", "acme", "op-3", 2, 4096, MemoryPlan.fixed(4096),
                        "admin@acme", NOW))
                .whenTimeElapses(Duration.ofSeconds(121))
                .expectDispatchedCommands(new FailVmOperation("vm-1", "op-3",
                        "the host did not finish the resize within 120 s"));
    }

    @Test
    void an_in_place_restore_times_out_the_same_way_and_ends_when_the_vm_is_restored() {
        VmRestoreStarted restore = new VmRestoreStarted("vm-1", "acme", "r-1", "rp-1", "h1", "admin@acme", NOW);
        fixture.givenAPublished(restore)
                .whenTimeElapses(Duration.ofSeconds(121))
                .expectDispatchedCommands(new FailVmOperation("vm-1", "r-1",
                        "the host did not finish the restore within 120 s"));
        fixture.givenAPublished(restore)
                .whenPublishingA(new VmRestored("vm-1", "r-1", "h1", NOW))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void completion_ends_the_saga_and_its_deadline() {
        fixture.givenAPublished(STOP)
                .whenPublishingA(new VmOperationCompleted("vm-1", "op-2", "stop", "Stopped", NOW))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void failure_ends_the_saga_and_its_deadline() {
        fixture.givenAPublished(STOP)
                .whenPublishingA(new VmOperationFailed("vm-1", "op-2", "stop", "no shutdown IC", "Running", NOW))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void another_operations_completion_leaves_this_one_running() {
        fixture.givenAPublished(STOP)
                .whenPublishingA(new VmOperationCompleted("vm-1", "op-other", "start", "Running", NOW))
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(Duration.ofSeconds(120), VmOperationSaga.TIMEOUT);
    }
}
