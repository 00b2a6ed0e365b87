package dev.hyperplane.inventory.api;

import dev.hyperplane.testsupport.DevTokens;
import dev.hyperplane.testsupport.HyperplaneTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@QuarkusTestResource(value = HyperplaneTestResource.class, initArgs = @ResourceArg(name = "database", value = "inventory_test"))
class GuestOsResourceTest {
    private static final String ADMIN = DevTokens.shared().fleetAdmin();

    @Test
    void lists_every_column_of_the_support_tables_with_unique_ids_page_by_page() {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var page = given().auth().oauth2(ADMIN).queryParam("limit", 25)
                    .queryParam("cursor", cursor == null ? new Object[0] : new Object[]{cursor})
                    .get("/api/v1/guest-os").then().statusCode(200).extract().jsonPath();
            ids.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(ids).hasSize(64).doesNotHaveDuplicates().isSorted().contains("ubuntu-20-04-lts-built-in");
    }

    @Test
    void filters_by_distribution_or_its_alias() {
        given().auth().oauth2(ADMIN).queryParam("distribution", "ubuntu").get("/api/v1/guest-os").then().statusCode(200)
                .body("items.distribution", everyItem(equalTo("Ubuntu")))
                .body("items.version", hasItem("14.04 LTS"));
        given().auth().oauth2(ADMIN).queryParam("distribution", "CentOS").queryParam("limit", 500)
                .get("/api/v1/guest-os").then().statusCode(200)
                .body("items.distribution", everyItem(org.hamcrest.Matchers.startsWith("RHEL")))
                .body("items.version", hasItem("7.6-7.9"));
    }

    @Test
    void tells_what_a_distribution_supports_before_a_vm_is_created() {
        given().auth().oauth2(ADMIN).get("/api/v1/guest-os/rhel-centos-6-4-built-in").then().statusCode(200)
                .body("features.find { it.feature == 'DM_HOTADD' }.status", equalTo("not_supported"))
                .body("features.find { it.feature == 'DM_BALLOON' }.status", equalTo("supported"))
                .body("features.find { it.feature == 'SECURE_BOOT' }.requiresWs2016Host", equalTo(true));
        given().auth().oauth2(ADMIN).get("/api/v1/guest-os/ubuntu-20-04-lts-built-in").then().statusCode(200)
                .body("features.find { it.feature == 'DM_HOTADD' }.status", equalTo("supported"));
    }

    @Test
    void an_unknown_guest_os_is_a_404_problem() {
        given().auth().oauth2(ADMIN).get("/api/v1/guest-os/plan9").then().statusCode(404).contentType("application/problem+json");
    }
}
