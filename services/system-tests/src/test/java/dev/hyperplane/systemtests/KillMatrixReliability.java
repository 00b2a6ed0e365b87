package dev.hyperplane.systemtests;

import dev.hyperplane.devstack.Devstack;
import dev.hyperplane.devstack.SupervisedProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/**
 * Issue 14's kill matrix ({@code -Preliability}): 2,000 VM creations ({@link KillDrill}) on a devstack with two
 * replicas of every service, while {@code kill -9} takes, one at a time, a replica of each service, the agent, the
 * Kafka broker and PostgreSQL (postmaster and backends), and then two processes at once: a service replica with
 * the broker, the database with a service replica, the broker with the database. The devstack's supervisor starts
 * each again. Afterwards nothing is lost, duplicated, orphaned or stuck, and the three views agree.
 */
class KillMatrixReliability {
    private static final int CREATIONS = Integer.getInteger("crash.creations", 2_000);
    private KillDrill drill;

    @Test
    void after_kill_9_of_services_broker_and_database_nothing_is_lost_duplicated_orphaned_or_stuck()
            throws Exception {
        Devstack devstack = DevstackExtension.devstack();
        drill = new KillDrill(new Api(devstack.baseUrl(), devstack.tokens().fleetAdmin()), "matrix", CREATIONS, 4)
                .start(DevstackExtension.hosts());
        SupervisedProcess kafka = devstack.kafka();
        SupervisedProcess postgres = devstack.postgres();
        List<List<SupervisedProcess>> steps = new ArrayList<>();
        // one at a time
        for (String service : List.of("provisioning", "inventory", "memory-balancer")) {
            steps.add(List.of(devstack.replicas(service).get(0)));
        }
        steps.add(List.of(devstack.service("hypervisor-agent")));
        steps.add(List.of(kafka));
        steps.add(List.of(postgres));
        // two at once
        steps.add(List.of(KillDrill.last(devstack.replicas("provisioning")), kafka));
        steps.add(List.of(postgres, KillDrill.last(devstack.replicas("inventory"))));
        steps.add(List.of(kafka, postgres));
        for (int i = 0; i < steps.size(); i++) {
            drill.killAt((i + 1.0) / (steps.size() + 1), steps.get(i));
        }
        drill.finish("kill matrix: every service replica, the broker, the database, "
                + "then two at once");
        System.out.println("  restarts by the supervisor: " + restarts(devstack, kafka, postgres));
    }

    private static String restarts(Devstack devstack, SupervisedProcess... infrastructure) {
        List<String> counts = new ArrayList<>();
        devstack.processes().forEach(p -> counts.add(p.name() + "=" + p.restarts()));
        for (SupervisedProcess p : infrastructure) {
            counts.add(p.name() + "=" + p.restarts());
        }
        return String.join(", ", counts);
    }

    @AfterEach
    void deleteRunningVms() throws InterruptedException {
        if (drill != null) {
            drill.deleteRunning();
        }
    }
}
