package dev.hyperplane.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hyperplane.devstack.Devstack;
import dev.hyperplane.devstack.SupervisedProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With two replicas of each service, each service's fleet-wide loops run on one leader. Its leader is killed
 * ({@code kill -9}), the other replica takes over within seconds, the killed one comes back (the devstack's
 * supervisor) as a follower, and the loops do their work on the new leaders: inventory judges host health, the
 * provisioning saga and its silent-host sweep run, the memory control loop pushes a policy to the host.
 */
class LeaderFailoverIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final List<String> SERVICES = List.of("inventory", "provisioning", "memory-balancer");
    private static final List<String> created = new ArrayList<>();

    @AfterAll
    static void deleteVms() {
        Devstack devstack = DevstackExtension.devstack();
        Api admin = new Api(devstack.baseUrl(), devstack.tokens().fleetAdmin());
        created.forEach(vmId -> admin.delete("/api/v1/vms/" + vmId));
    }

    @Test
    void a_killed_leader_is_replaced_and_the_loops_go_on_on_the_new_one() {
        Devstack devstack = DevstackExtension.devstack();
        Api admin = new Api(devstack.baseUrl(), devstack.tokens().fleetAdmin());
        for (String service : SERVICES) {
            List<SupervisedProcess> replicas = devstack.replicas(service);
            assertThat(replicas).as(service + " runs as replicas in the system tests").hasSizeGreaterThan(1);
            SupervisedProcess leader = await().atMost(Duration.ofSeconds(30)).until(() -> leaderOf(replicas),
                    l -> l != null);

            leader.kill();
            SupervisedProcess next = await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                    .until(() -> leaderOf(replicas), l -> l != null && l != leader);
            leader.awaitReady(Duration.ofSeconds(180));
            assertThat(leaderOf(replicas)).as(service + ": the restarted replica follows, no flapping").isSameAs(next);
        }

        // provisioning's saga (on whichever replica claimed it) places and starts a VM
        String vmId = admin.running("failover", "after-failover", 1024);
        created.add(vmId);
        // the memory control loop (on the new leader) pushes the VM's new policy to its host, which answers (a
        // running VM's Dynamic Memory cannot be switched on, so the host may refuse it: an answer either way)
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(admin.put(
                "/api/v1/memory/policies/vms/" + vmId, """
                {"dynamic": true, "minimumMb": 512, "maximumMb": 1024, "priority": 60}""").status()).isEqualTo(200));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode push = admin.get("/api/v1/memory/policies/vms/" + vmId).body().path("push");
            assertThat(push.path("state").asText()).as(push.toString()).isIn("applied", "rejected");
        });

        // host health (inventory's leader) and the silent-host sweep (provisioning's leader) follow the agent
        SupervisedProcess agent = devstack.service("hypervisor-agent");
        agent.killAndKeepDown();
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                    assertThat(admin.get("/api/v1/hosts").body().get("items").findValuesAsText("state"))
                            .containsOnly("Unknown"));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(admin.get("/api/v1/vms/" + vmId).body().get("state").asText()).isEqualTo("Unknown"));
        } finally {
            agent.start();
            agent.awaitReady(Duration.ofSeconds(120));
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(admin.get("/api/v1/hosts").body().get("items").findValuesAsText("state"))
                        .containsOnly("Ready"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(admin.get("/api/v1/vms/" + vmId).body().get("state").asText()).isEqualTo("Running"));
    }

    /** The one replica whose {@code /q/health/well} says it leads; null while none does; fails if two do. */
    private static SupervisedProcess leaderOf(List<SupervisedProcess> replicas) {
        List<SupervisedProcess> leaders = replicas.stream().filter(LeaderFailoverIT::leads).toList();
        assertThat(leaders).as("leaders among " + replicas.stream().map(SupervisedProcess::name).toList())
                .hasSizeLessThanOrEqualTo(1);
        return leaders.isEmpty() ? null : leaders.get(0);
    }

    private static boolean leads(SupervisedProcess replica) {
        try {
            HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + replica.port() + "/q/health/well")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            for (JsonNode check : JSON.readTree(health.body()).path("checks")) {
                if (check.path("name").asText().equals("leader")) {
                    return check.at("/data/leader").asBoolean();
                }
            }
            return false;
        } catch (Exception e) {
            return false; // down or restarting
        }
    }
}
