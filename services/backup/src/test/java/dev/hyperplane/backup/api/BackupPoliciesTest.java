package dev.hyperplane.backup.api;

import dev.hyperplane.backup.query.BackupPolicies;
import dev.hyperplane.backup.query.BackupPolicyView;
import dev.hyperplane.backup.query.BackupVms;
import dev.hyperplane.events.GuestOs;
import dev.hyperplane.events.MemoryPlan;
import dev.hyperplane.events.Topics;
import dev.hyperplane.events.backup.BackupPolicyAssignmentsSet;
import dev.hyperplane.events.backup.BackupPolicyDeleted;
import dev.hyperplane.events.backup.BackupPolicySet;
import dev.hyperplane.events.vm.VmRequested;
import dev.hyperplane.platform.messaging.TestBus;
import dev.hyperplane.testsupport.DevTokens;
import dev.hyperplane.testsupport.HyperplaneTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Backup policies over real Kafka and PostgreSQL: set, changed, listed and deleted per tenant and for the fleet,
 * every change an event; bad input a problem naming the field; which policy governs a VM.
 */
@QuarkusTest
@QuarkusTestResource(value = HyperplaneTestResource.class, initArgs = @ResourceArg(name = "database", value = "backup"))
class BackupPoliciesTest {
    private static final DevTokens TOKENS = DevTokens.shared();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final String ACME = "acme-" + RUN;
    private static final String GLOBEX = "globex-" + RUN;
    private static final String NIGHTLY = """
            {"schedule": "0 2 * * *", "timeZone": "Europe/Berlin",
             "retention": {"keepLast": 3, "keepDaily": 7, "keepWeekly": 4}}""";
    private static TestBus bus;

    @Inject
    BackupPolicies policies;
    @Inject
    BackupVms vms;

    @BeforeAll
    static void connect() {
        bus = new TestBus();
    }

    @AfterAll
    static void disconnect() {
        bus.close();
    }

    private static RequestSpecification as(String tenant) {
        return given().auth().oauth2(TOKENS.tenant("tenant-admin", tenant)).contentType(ContentType.JSON);
    }

    private static RequestSpecification admin() {
        return given().auth().oauth2(TOKENS.fleetAdmin()).contentType(ContentType.JSON);
    }

    @Test
    void a_tenant_sets_a_policy_once_and_every_change_is_an_event() {
        as(ACME).body(NIGHTLY).put("/api/v1/backup-policies/nightly").then().statusCode(200)
                .body("policyId", equalTo(ACME + "/nightly")).body("tenantId", equalTo(ACME))
                .body("schedule", equalTo("0 2 * * *")).body("timeZone", equalTo("Europe/Berlin"))
                .body("windowMinutes", equalTo(240)).body("consistency", equalTo("application"))
                .body("retention.keepLast", equalTo(3)).body("retention.keepDaily", equalTo(7))
                .body("retention.keepMonthly", equalTo(0)).body("nextRun", notNullValue())
                .body("version", equalTo(1));
        as(ACME).body(NIGHTLY).put("/api/v1/backup-policies/nightly").then().statusCode(200)
                .body("version", equalTo(1)); // the same again changes nothing
        BackupPolicySet set = bus.read(Topics.BACKUP_EVENTS, BackupPolicySet.class,
                e -> e.policyId().equals(ACME + "/nightly"));
        assertThat(set.keepWeekly()).isEqualTo(4);
        assertThat(set.setBy()).isNotBlank();

        as(ACME).body(NIGHTLY.replace("0 2", "30 3")).put("/api/v1/backup-policies/nightly").then().statusCode(200)
                .body("version", equalTo(2)).body("schedule", equalTo("30 3 * * *"));
        as(ACME).get("/api/v1/backup-policies/nightly").then().statusCode(200).body("version", equalTo(2));
        as(ACME).delete("/api/v1/backup-policies/nightly").then().statusCode(204);
        as(ACME).get("/api/v1/backup-policies/nightly").then().statusCode(404)
                .contentType("application/problem+json");
        assertThat(bus.read(Topics.BACKUP_EVENTS, BackupPolicyDeleted.class,
                e -> e.policyId().equals(ACME + "/nightly")).tenantId()).isEqualTo(ACME);
    }

    @Test
    void a_tenant_sees_its_own_policies_and_the_fleets_never_another_tenants() {
        as(ACME).body(NIGHTLY).put("/api/v1/backup-policies/own").then().statusCode(200);
        admin().body(NIGHTLY).put("/api/v1/backup-policies/standard-" + RUN).then().statusCode(200)
                .body("tenantId", equalTo(null)).body("policyId", equalTo("_fleet/standard-" + RUN));

        as(GLOBEX).get("/api/v1/backup-policies/own").then().statusCode(404);
        as(GLOBEX).get("/api/v1/backup-policies/standard-" + RUN).then().statusCode(200);
        as(GLOBEX).queryParam("limit", 500).get("/api/v1/backup-policies").then().statusCode(200)
                .body("items.policyId", hasItem("_fleet/standard-" + RUN))
                .body("items.policyId", not(hasItem(ACME + "/own")));
        as(GLOBEX).queryParam("tenant", ACME).get("/api/v1/backup-policies").then().statusCode(404);
        as(GLOBEX).delete("/api/v1/backup-policies/own").then().statusCode(404);
        admin().queryParam("tenant", ACME).get("/api/v1/backup-policies/own").then().statusCode(200);
        given().auth().oauth2(TOKENS.tenant("tenant-user", ACME)).contentType(ContentType.JSON).body(NIGHTLY)
                .put("/api/v1/backup-policies/own").then().statusCode(403);
    }

    @Test
    void bad_input_is_a_problem_naming_the_field() {
        as(ACME).body(NIGHTLY.replace("0 2 * * *", "0 25 * * *")).put("/api/v1/backup-policies/bad").then()
                .statusCode(422).contentType("application/problem+json").body("errors[0].field", equalTo("schedule"));
        as(ACME).body(NIGHTLY.replace("Europe/Berlin", "Mars/Olympus")).put("/api/v1/backup-policies/bad").then()
                .statusCode(422).body("errors[0].field", equalTo("timeZone"));
        as(ACME).body(NIGHTLY.replace("\"keepLast\": 3", "\"keepLast\": -1")).put("/api/v1/backup-policies/bad")
                .then().statusCode(400).body("errors[0].field", containsString("keepLast"));
        as(ACME).body("{\"timeZone\": \"UTC\"}").put("/api/v1/backup-policies/bad").then().statusCode(400)
                .body("errors[0].field", containsString("schedule"));
        as(ACME).body(NIGHTLY.replace("\"retention\"", "\"consistency\": \"perfect\", \"retention\""))
                .put("/api/v1/backup-policies/bad").then().statusCode(400)
                .body("errors[0].field", containsString("consistency"));
        as(ACME).body(NIGHTLY).put("/api/v1/backup-policies/Bad_Name").then().statusCode(400)
                .body("errors[0].field", equalTo("name"));
        as(ACME).put("/api/v1/backup-policies/bad").then().statusCode(400);
        as(ACME).get("/api/v1/backup-policies/bad").then().statusCode(404);
    }

    @Test
    void a_vm_follows_the_policy_naming_it_else_its_tenants_default_else_the_fleets() {
        String named = vm(ACME);
        String other = vm(ACME);
        String elsewhere = vm("initech-" + RUN);
        String foreign = vm(GLOBEX);
        as(ACME).body(NIGHTLY).put("/api/v1/backup-policies/gold").then().statusCode(200);
        as(ACME).body(NIGHTLY).put("/api/v1/backup-policies/silver").then().statusCode(200);
        admin().body(NIGHTLY).put("/api/v1/backup-policies/bronze-" + RUN).then().statusCode(200);

        as(ACME).body("{\"vmIds\": [\"" + named + "\"]}").put("/api/v1/backup-policies/gold/assignments").then()
                .statusCode(200).body("vmIds", equalTo(List.of(named))).body("tenantDefault", equalTo(false));
        as(ACME).body("{\"vmIds\": [], \"tenantDefault\": true}").put("/api/v1/backup-policies/silver/assignments")
                .then().statusCode(200).body("tenantDefault", equalTo(true));
        admin().body("{\"vmIds\": [], \"fleetDefault\": true}")
                .put("/api/v1/backup-policies/bronze-" + RUN + "/assignments").then().statusCode(200);
        assertThat(bus.read(Topics.BACKUP_EVENTS, BackupPolicyAssignmentsSet.class,
                e -> e.policyId().equals(ACME + "/gold")).vmIds()).containsExactly(named);

        assertThat(policies.governing(named, ACME)).map(BackupPolicyView::name).contains("gold");
        assertThat(policies.governing(other, ACME)).map(BackupPolicyView::name).contains("silver");
        assertThat(policies.governing(elsewhere, "initech-" + RUN)).map(BackupPolicyView::policyId)
                .hasValueSatisfying(id -> assertThat(id).startsWith("_fleet/"));

        // another tenant's VM, or a default the policy cannot be: refused, naming the field
        as(ACME).body("{\"vmIds\": [\"" + named + "\", \"" + foreign + "\"]}")
                .put("/api/v1/backup-policies/gold/assignments").then().statusCode(422)
                .body("errors[0].field", equalTo("vmIds[1]"));
        as(ACME).body("{\"vmIds\": [], \"fleetDefault\": true}").put("/api/v1/backup-policies/gold/assignments")
                .then().statusCode(422).body("errors[0].field", equalTo("fleetDefault"));
        as(ACME).body("{\"vmIds\": []}").put("/api/v1/backup-policies/nowhere/assignments").then().statusCode(404);

        // deleted, its VM falls back to the tenant's default
        as(ACME).delete("/api/v1/backup-policies/gold").then().statusCode(204);
        assertThat(policies.governing(named, ACME)).map(BackupPolicyView::name).contains("silver");
    }

    /** A VM of the tenant as provisioning announces it, once this service has read it. */
    private String vm(String tenant) {
        String vmId = "vm-" + UUID.randomUUID();
        bus.publish(new VmRequested(vmId, tenant, "web", 2, 4096, new GuestOs("linux", "Ubuntu", "20.04 LTS", null),
                1, false, MemoryPlan.fixed(4096), "op-" + vmId, null, "admin@" + tenant, Instant.now(), null, null));
        await().atMost(Duration.ofSeconds(20)).until(() -> vms.find(vmId).isPresent());
        return vmId;
    }
}
