package dev.hyperplane.systemtests;

import dev.hyperplane.client.ApiClient;
import dev.hyperplane.client.ApiException;
import dev.hyperplane.client.ApiResponse;
import dev.hyperplane.client.api.GuestOsApi;
import dev.hyperplane.client.api.HostsApi;
import dev.hyperplane.client.api.OperationsApi;
import dev.hyperplane.client.api.VmsApi;
import dev.hyperplane.client.model.CreateVmRequest;
import dev.hyperplane.client.model.GuestOsRequest;
import dev.hyperplane.client.model.HistoryEntry;
import dev.hyperplane.client.model.OperationView;
import dev.hyperplane.client.model.PageHistoryEntry;
import dev.hyperplane.client.model.PageVmView;
import dev.hyperplane.client.model.Problem;
import dev.hyperplane.client.model.ResizeVmRequest;
import dev.hyperplane.client.model.VmView;
import dev.hyperplane.devstack.Devstack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * A hosting panel's day, written against the Java client the build generates from the merged OpenAPI document (see
 * the system-tests pom): nothing here builds a URL or parses JSON by hand, so a document the generator reads wrong,
 * or an API that answers other than it documents, fails this test.
 */
class PanelClientIT {
    private static final String TENANT = "panel-" + UUID.randomUUID().toString().substring(0, 8);

    private static VmsApi vms;
    private static OperationsApi operations;
    private static GuestOsApi catalog;
    private static HostsApi hosts;

    @BeforeAll
    static void panel() {
        Devstack devstack = DevstackExtension.devstack();
        ApiClient tenantAdmin = client(devstack, devstack.tokens().tenant("tenant-admin", TENANT));
        ApiClient fleetAdmin = client(devstack, devstack.tokens().fleetAdmin());
        vms = new VmsApi(tenantAdmin);
        operations = new OperationsApi(tenantAdmin);
        catalog = new GuestOsApi(tenantAdmin);
        hosts = new HostsApi(fleetAdmin);
    }

    private static ApiClient client(Devstack devstack, String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(devstack.baseUrl());
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        client.setReadTimeout(Duration.ofSeconds(30));
        return client;
    }

    @Test
    void a_panel_runs_windows_and_five_linux_distributions_through_their_lifecycle() throws Exception {
        // guests as customers name them: a catalog id, or a distribution and a release inside a column's range
        Map<String, GuestOsRequest> guests = new LinkedHashMap<>();
        guests.put("win", new GuestOsRequest().family("windows").distribution("Windows Server").version("2022"));
        guests.put("ubuntu", new GuestOsRequest().id("ubuntu-20-04-lts-built-in"));
        guests.put("debian", new GuestOsRequest().family("linux").distribution("Debian").version("10.2"));
        guests.put("centos", new GuestOsRequest().family("linux").distribution("CentOS").version("7.8"));
        guests.put("sles", new GuestOsRequest().family("linux").distribution("SLES").version("15 SP2"));
        guests.put("oracle", new GuestOsRequest().family("linux").distribution("Oracle").version("8.5"));

        Map<String, String> vmIds = new LinkedHashMap<>();
        for (Map.Entry<String, GuestOsRequest> guest : guests.entrySet()) {
            boolean windows = guest.getKey().equals("win");
            OperationView accepted = vms.createVm(new CreateVmRequest().tenantId(TENANT).name(guest.getKey() + "-1")
                    .vcpus(2).memoryMb(windows ? 4096L : 2048L).guestOs(guest.getValue())
                    .generation(windows ? 2 : 1).secureBoot(windows), "create-" + TENANT + "-" + guest.getKey());
            vmIds.put(guest.getKey(), accepted.getVmId());
            awaitSucceeded(accepted);
        }

        // each VM records the catalog column it resolved to
        assertThat(vms.getVm(vmIds.get("debian")).getGuestOs().getCatalogId())
                .isEqualTo("debian-10-0-10-3-buster-built-in");
        assertThat(vms.getVm(vmIds.get("centos")).getGuestOs().getCatalogId())
                .isEqualTo("rhel-centos-7-6-7-9-built-in");
        VmView windows = vms.getVm(vmIds.get("win"));
        assertThat(windows.getGuestOs().getCatalogId()).isEqualTo("windows-server-2022");
        // Microsoft lists Windows Server 2022 guests on WS2019 and newer hosts only
        assertThat(hosts.getHost(windows.getHostId()).getWindowsServerVersion()).isIn("2019", "2022");
        assertThat(catalog.listGuestOs(null, "CentOS", 500).getItems())
                .anySatisfy(column -> assertThat(column.getId()).isEqualTo("rhel-centos-7-6-7-9-built-in"));

        // list with a filter, then the whole tenant page by page
        assertThat(vms.listVms(null, "Debian", null, null, "Running", TENANT).getItems())
                .extracting(VmView::getVmId).containsExactly(vmIds.get("debian"));
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            PageVmView page = vms.listVms(cursor, null, null, 4, null, TENANT);
            assertThat(page.getItems()).hasSizeLessThanOrEqualTo(4);
            page.getItems().forEach(vm -> seen.add(vm.getVmId()));
            cursor = page.getNextCursor();
        } while (cursor != null);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(vmIds.values()).doesNotHaveDuplicates();

        // stop, resize with If-Match (vCPUs change only while stopped), start: each an operation ending Succeeded
        String ubuntu = vmIds.get("ubuntu");
        awaitSucceeded(vms.stopVm(ubuntu, false, null, null));
        assertThat(vms.getVm(ubuntu).getState()).isEqualTo("Stopped");
        ApiResponse<VmView> read = vms.getVmWithHttpInfo(ubuntu);
        String etag = read.getHeaders().get("etag").get(0);
        awaitSucceeded(vms.resizeVm(ubuntu, new ResizeVmRequest().vcpus(4).memoryMb(4096L), null, etag));
        // the ETag read before the resize is stale now: a typed 412 problem
        ApiException stale = catchThrowableOfType(ApiException.class,
                () -> vms.resizeVm(ubuntu, new ResizeVmRequest().vcpus(2).memoryMb(2048L), null, etag));
        assertThat(stale.getCode()).isEqualTo(412);
        assertThat(problem(stale).getStatus()).isEqualTo(412);
        awaitSucceeded(vms.startVm(ubuntu, null, null));
        VmView resized = vms.getVm(ubuntu);
        assertThat(resized.getState()).isEqualTo("Running");
        assertThat(resized.getVcpus()).isEqualTo(4);
        assertThat(resized.getMemoryMb()).isEqualTo(4096L);

        String sles = vmIds.get("sles");
        awaitSucceeded(vms.deleteVm(sles, null, null));
        assertThat(vms.getVm(sles).getState()).isEqualTo("Deleted");

        // the history, in pages of two, names who asked for each operation
        List<HistoryEntry> history = new ArrayList<>();
        cursor = null;
        do {
            PageHistoryEntry page = vms.listVmEvents(ubuntu, cursor, 2);
            history.addAll(page.getItems());
            cursor = page.getNextCursor();
        } while (cursor != null);
        assertThat(history).extracting(HistoryEntry::getSequence).isSorted().doesNotHaveDuplicates();
        assertThat(history).extracting(HistoryEntry::getType)
                .contains("dev.hyperplane.vm.requested.v1", "dev.hyperplane.vm.operation-requested.v1",
                        "dev.hyperplane.vm.operation-completed.v1");
    }

    @Test
    void an_unknown_guest_is_a_typed_problem_naming_the_field_and_the_closest_ids() {
        ApiException refused = catchThrowableOfType(ApiException.class, () -> vms.createVm(new CreateVmRequest()
                .tenantId(TENANT).name("typo-1").vcpus(1).memoryMb(1024L)
                .guestOs(new GuestOsRequest().family("linux").distribution("Debain").version("10.2")), null));
        assertThat(refused.getCode()).isEqualTo(422);
        Problem problem = problem(refused);
        assertThat(problem.getType()).isEqualTo("https://hyperplane.dev/problems/unknown-guest-os");
        assertThat(problem.getErrors()).singleElement().satisfies(error -> {
            assertThat(error.getField()).startsWith("guestOs");
            assertThat(error.getReason()).contains("debian-10-0-10-3-buster-built-in");
        });
    }

    private static Problem problem(ApiException e) {
        try {
            return new ApiClient().getObjectMapper().readValue(e.getResponseBody(), Problem.class);
        } catch (Exception unreadable) {
            throw new AssertionError("not a problem+json body: " + e.getResponseBody(), unreadable);
        }
    }

    private static void awaitSucceeded(OperationView accepted) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(operations.getOperation(accepted.getOperationId()).getState()).isEqualTo("Succeeded"));
    }
}
