package dev.hyperplane.provisioning.api;

import dev.hyperplane.events.PublicEvent;
import dev.hyperplane.events.Topics;
import dev.hyperplane.events.agent.CreateVmOnHost;
import dev.hyperplane.events.agent.VmStartedOnHost;
import dev.hyperplane.events.capacity.HaReserveChanged;
import dev.hyperplane.events.host.HostRegistered;
import dev.hyperplane.platform.messaging.CloudEventCodec;
import dev.hyperplane.provisioning.query.PlacementStore;
import dev.hyperplane.testsupport.DevTokens;
import dev.hyperplane.testsupport.HyperplaneTestResource;
import dev.hyperplane.testsupport.KafkaTestClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * HA's admission control refusing, over real Kafka and PostgreSQL: on two hosts with 8 GB for VMs each, VMs of 2 GB
 * are placed until one more would leave the fleet unable to restart a failed host's VMs on the other; that one is
 * refused with the reason, and so is a VM HA would not restart, which still takes the room a restart needs.
 */
@QuarkusTest
@TestProfile(HaAdmissionTest.Refusing.class)
@QuarkusTestResource(value = HyperplaneTestResource.class, initArgs = @ResourceArg(name = "database", value = "provisioning_admission"))
class HaAdmissionTest {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final String TENANT = "admission-" + RUN;
    private static final DevTokens TOKENS = DevTokens.shared();
    private static KafkaTestClient kafka;

    /** Refuses, as in production (the tests' default warns). */
    public static class Refusing implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hyperplane.provisioning.ha.admission", "refuse",
                    "hyperplane.provisioning.ha.failures-to-tolerate", "1");
        }
    }

    @Inject
    PlacementStore store;
    @Inject
    io.agroal.api.AgroalDataSource dataSource;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.forTestInfrastructure();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void a_creation_that_would_leave_a_failed_hosts_vms_nowhere_to_restart_is_refused_with_the_reason()
            throws Exception {
        for (String host : new String[]{"adm-a-" + RUN, "adm-b-" + RUN}) {
            publish(new HostRegistered(host, host, "agent-adm", "2019", 16, 12288, 4096, Instant.now()));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> store.candidates().stream()
                .filter(h -> h.hostId().startsWith("adm-") && h.hostId().endsWith(RUN)).count() == 2);
        // the fleet is these two: hosts other tests registered on the shared broker are forgotten here
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            s.execute("DELETE FROM placement_host WHERE host_id NOT LIKE 'adm-_-" + RUN + "'");
        }

        for (int i = 0; i < 4; i++) { // 4 GB on each host: either one's VMs fit on the other
            String operation = create("fits-" + i, "medium");
            String vmId = given().auth().oauth2(TOKENS.fleetAdmin()).get(operation).then().extract().path("vmId");
            CreateVmOnHost command = await().atMost(Duration.ofSeconds(20)).until(() -> createCommand(vmId),
                    java.util.Objects::nonNull);
            publish(new VmStartedOnHost(command.commandId(), command.hostId(), vmId, Instant.now()));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(TOKENS.fleetAdmin())
                    .get(operation).then().body("state", equalTo("Succeeded")).body("warning", equalTo(null)));
        }

        String refused = create("one-too-many", "medium");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(TOKENS.fleetAdmin())
                .get(refused).then().body("state", equalTo("Failed"))
                .body("error", containsString("HA admission control"))
                .body("error", containsString("the fleet can restart the VMs of 0 failed hosts, not 1"))
                .body("error", containsString("6144 MB of VMs HA restarts")));
        String unprotected = create("not-restarted-but-in-the-way", "off");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(TOKENS.fleetAdmin())
                .get(unprotected).then().body("state", equalTo("Failed"))
                .body("error", containsString("HA admission control")));
        assertThat(store.candidates().stream().filter(h -> h.hostId().endsWith(RUN)).mapToLong(h -> h.reservedMb())
                .sum()).as("nothing was reserved for the refused").isEqualTo(4 * 2048);

        // the reserve as published: one host's 4 GB fit in the other's 4 GB free, and no more
        HaReserveChanged reserve = await().atMost(Duration.ofSeconds(20)).until(() -> kafka
                .readUntil(Topics.CAPACITY_EVENTS, Duration.ofSeconds(2), seen -> false).stream()
                .map(r -> CloudEventCodec.decode(r).data()).filter(HaReserveChanged.class::isInstance)
                .map(HaReserveChanged.class::cast).reduce((a, b) -> b).orElse(null),
                r -> r != null && r.reserveMb() == 4096 && r.spareMb() == 4096);
        assertThat(reserve.holds()).isTrue();
        assertThat(reserve.failuresAbsorbed()).isEqualTo(1);
        assertThat(reserve.reason()).isNull();
    }

    /** @return the operation's path */
    private static String create(String name, String haPriority) {
        return given().auth().oauth2(TOKENS.tenant("tenant-admin", TENANT)).contentType(ContentType.JSON)
                .body("""
                        {"name": "%s", "vcpus": 1, "memoryMb": 2048, "haPriority": "%s",
                         "guestOs": {"family": "linux", "distribution": "Ubuntu", "version": "20.04 LTS"}}"""
                        .formatted(name, haPriority))
                .post("/api/v1/vms").then().statusCode(202).extract().header("Location");
    }

    private static CreateVmOnHost createCommand(String vmId) {
        return kafka.readUntil(Topics.AGENT_COMMANDS, Duration.ofSeconds(2), seen -> false).stream()
                .map(r -> CloudEventCodec.decode(r).data())
                .filter(e -> e instanceof CreateVmOnHost c && c.vmId().equals(vmId))
                .map(CreateVmOnHost.class::cast).findFirst().orElse(null);
    }

    private static void publish(PublicEvent event) {
        kafka.send(CloudEventCodec.encode(event, "test-" + UUID.randomUUID(), "/test", Instant.now(), null, null));
    }
}
