package dev.hyperplane.systemtests;

import dev.hyperplane.devstack.Devstack;
import dev.hyperplane.devstack.SupervisedProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

/**
 * The operator's test of issue 13, on replicas: 1,000 VM creations ({@link KillDrill}) while a replica of
 * provisioning, the agent, a replica of inventory, a replica of the memory balancer and provisioning's other
 * replica are killed with {@code kill -9} and restarted by the devstack's supervisor. Afterwards nothing is lost,
 * duplicated, orphaned or stuck, and provisioning, inventory and the agent agree on every VM. The kill matrix of
 * issue 14 (the broker and the database too, two at once) is {@code KillMatrixReliability}.
 */
class CrashEveryServiceIT {
    private static final int CREATIONS = Integer.getInteger("crash.creations", 1_000);
    private KillDrill drill;

    @Test
    void after_kill_9_of_every_service_nothing_is_lost_duplicated_orphaned_or_stuck() throws Exception {
        Devstack devstack = DevstackExtension.devstack();
        drill = new KillDrill(new Api(devstack.baseUrl(), devstack.tokens().fleetAdmin()), "crash", CREATIONS, 6)
                .start(DevstackExtension.hosts());
        List<Map.Entry<Double, SupervisedProcess>> kills = List.of(
                Map.entry(0.15, devstack.service("provisioning")),
                Map.entry(0.30, devstack.service("hypervisor-agent")),
                Map.entry(0.45, devstack.service("inventory")),
                Map.entry(0.60, devstack.service("memory-balancer")),
                Map.entry(0.75, KillDrill.last(devstack.replicas("provisioning"))));
        for (Map.Entry<Double, SupervisedProcess> kill : kills) {
            drill.killAt(kill.getKey(), List.of(kill.getValue()));
        }
        drill.finish("kill -9 of every service");
    }

    /** The devstack is shared: later tests get the hosts back empty, whether this test passed or not. */
    @AfterEach
    void deleteRunningVms() throws InterruptedException {
        if (drill != null) {
            drill.deleteRunning();
        }
    }
}
