package dev.hyperplane.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hyperplane.devstack.Devstack;
import dev.hyperplane.devstack.SupervisedProcess;
import dev.hyperplane.testsupport.WebhookReceiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhooks on the devstack (two replicas of the integrations service), through the gateway, with VMs the panel
 * creates: receivers on loopback verify every signature with their own code, written from the Standard Webhooks
 * specification. A receiver that fails for a while gets every event of its tenant, in order per VM, each retried
 * under the same webhook-id; a rotated secret verifies beside the previous one; another tenant's receiver gets
 * none of it; the integrations replicas killed mid-delivery lose nothing and repeat only under the same id.
 */
class WebhooksIT {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VM_EVENTS = "[\"dev.hyperplane.vm.*\"]";
    private static Devstack devstack;
    private static Api admin;
    private static final List<String> created = new ArrayList<>();

    @BeforeAll
    static void start() {
        devstack = DevstackExtension.devstack();
        admin = new Api(devstack.baseUrl(), devstack.tokens().fleetAdmin());
    }

    @AfterAll
    static void deleteVms() {
        if (admin != null) {
            created.forEach(vmId -> admin.delete("/api/v1/vms/" + vmId));
        }
    }

    private static Api tenant(String tenant) {
        assertThat(admin.put("/api/v1/tenants/" + tenant + "/quota", """
                {"vcpus": 20, "memoryMb": 65536, "vms": 10}""").status()).isEqualTo(200);
        return admin.as(devstack.tokens().tenant("tenant-admin", tenant));
    }

    /** @return the subscription's id and its secret */
    private static String[] subscribe(Api api, WebhookReceiver receiver) {
        Api.Reply reply = api.post("/api/v1/webhooks", """
                {"url": "%s", "eventTypes": %s}""".formatted(receiver.url(), VM_EVENTS));
        assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(201);
        return new String[] {reply.body().get("webhook").get("webhookId").asText(),
                reply.body().get("secret").asText()};
    }

    private static String vm(Api api, String tenant, String name) {
        Api.Reply reply = api.createVm(tenant, name, 1024);
        assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(202);
        String vmId = reply.body().get("vmId").asText();
        created.add(vmId);
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(
                api.get("/api/v1/vms/" + vmId).body().get("state").asText()).isEqualTo("Running"));
        return vmId;
    }

    /** The tenant's VM events as the feed holds them, in order: what its subscription must receive. */
    private static List<JsonNode> feed(Api api, Set<String> vmIds) {
        List<JsonNode> events = new ArrayList<>();
        String after = "0";
        while (true) {
            JsonNode page = api.get("/api/v1/events?limit=500&after=" + after).body();
            page.get("events").forEach(e -> {
                if (e.get("type").asText().startsWith("dev.hyperplane.vm.") && vmIds.contains(e.get("subject").asText())) {
                    events.add(e);
                }
            });
            if (page.get("events").isEmpty()) {
                return events;
            }
            after = page.get("next").asText();
        }
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Each VM's event ids in the order the receiver first accepted them, of the events given (later ones, a VM's
     * events after the feed was read, are left out).
     */
    private static Map<String, List<String>> acceptedOrder(WebhookReceiver receiver, Set<String> of) {
        Map<String, List<String>> byVm = new LinkedHashMap<>();
        Set<String> seen = new LinkedHashSet<>();
        for (WebhookReceiver.Request request : receiver.accepted()) {
            if (of.contains(request.webhookId()) && seen.add(request.webhookId())) {
                byVm.computeIfAbsent(json(request.body()).get("subject").asText(), k -> new ArrayList<>())
                        .add(request.webhookId());
            }
        }
        return byVm;
    }

    private static Set<String> ids(List<JsonNode> feed) {
        return new LinkedHashSet<>(feed.stream().map(e -> e.get("id").asText()).toList());
    }

    private static Map<String, List<String>> feedOrder(List<JsonNode> feed) {
        Map<String, List<String>> byVm = new LinkedHashMap<>();
        feed.forEach(e -> byVm.computeIfAbsent(e.get("subject").asText(), k -> new ArrayList<>())
                .add(e.get("id").asText()));
        return byVm;
    }

    @Test
    void a_receiver_failing_for_a_while_gets_every_event_in_order_per_vm_and_another_tenant_none() throws Exception {
        String acme = "hooks-acme-" + RUN;
        String globex = "hooks-globex-" + RUN;
        Api acmeApi = tenant(acme);
        Api globexApi = tenant(globex);
        long failUntil = System.currentTimeMillis() + 8_000;
        try (WebhookReceiver acmeHook = new WebhookReceiver(); WebhookReceiver globexHook = new WebhookReceiver()) {
            acmeHook.answering(n -> System.currentTimeMillis() < failUntil ? 500 : 200);
            String[] acmeSub = subscribe(acmeApi, acmeHook);
            String[] globexSub = subscribe(globexApi, globexHook);
            Set<String> acmeVms = Set.of(vm(acmeApi, acme, "web-1"), vm(acmeApi, acme, "web-2"));
            String globexVm = vm(globexApi, globex, "db-1");

            // rotated while deliveries go on: the receiver that knows only the old secret still verifies
            Api.Reply rotated = acmeApi.post("/api/v1/webhooks/" + acmeSub[0] + "/rotate-secret", "");
            assertThat(rotated.status()).isEqualTo(200);
            String newSecret = rotated.body().get("secret").asText();
            int beforeStop = acmeHook.requests().size();
            String stopped = acmeVms.iterator().next();
            // turned off (the guest's own shutdown may not be up yet): more events while the receiver fails
            admin.awaitOperation(acmeApi.post("/api/v1/vms/" + stopped + "/stop?force=true", ""), "Succeeded");

            List<JsonNode> expected = feed(acmeApi, acmeVms);
            Set<String> expectedIds = ids(expected);
            await().atMost(Duration.ofSeconds(120)).until(() -> acmeHook.accepted().stream()
                    .map(WebhookReceiver.Request::webhookId).toList().containsAll(expectedIds));

            List<WebhookReceiver.Request> all = acmeHook.requests();
            long failed = all.stream().filter(r -> r.status() == 500).count();
            System.out.printf("webhooks: %d events of tenant %s, %d requests, %d answered 500%n", expectedIds.size(),
                    acme, all.size(), failed);
            assertThat(failed).as("the receiver failed for a while").isPositive();
            assertThat(all).allSatisfy(r -> assertThat(WebhookReceiver.verifies(r, acmeSub[1])).as(r.webhookId())
                    .isTrue());
            assertThat(all.subList(beforeStop, all.size())).allSatisfy(r -> assertThat(
                    WebhookReceiver.verifies(r, newSecret)).isTrue());
            assertThat(all.stream().filter(r -> r.status() == 500).map(WebhookReceiver.Request::webhookId))
                    .as("every failed attempt's id is accepted later, the same id").allMatch(id -> acmeHook.accepted()
                            .stream().anyMatch(r -> r.webhookId().equals(id)));
            assertThat(acceptedOrder(acmeHook, expectedIds)).as("in order per VM").isEqualTo(feedOrder(expected));
            Set<String> feedNow = ids(feed(acmeApi, acmeVms));
            assertThat(acmeHook.requests()).as("nothing but the tenant's events").allMatch(r ->
                    feedNow.contains(r.webhookId()));

            // tenant isolation: the other tenant's receiver has only its own VM's events
            await().atMost(Duration.ofSeconds(30)).until(() -> !globexHook.accepted().isEmpty());
            assertThat(globexHook.requests()).allSatisfy(r -> {
                assertThat(json(r.body()).get("subject").asText()).isEqualTo(globexVm);
                assertThat(r.body()).doesNotContain(acme);
                assertThat(WebhookReceiver.verifies(r, globexSub[1])).isTrue();
            });
        }
    }

    @Test
    void the_integrations_replicas_killed_mid_delivery_lose_nothing_and_repeat_only_under_the_same_id()
            throws Exception {
        String tenant = "hooks-crash-" + RUN;
        Api api = tenant(tenant);
        try (WebhookReceiver hook = new WebhookReceiver()) {
            hook.delaying(2_000); // every request is in flight for two seconds
            String[] sub = subscribe(api, hook);
            Set<String> vms = new LinkedHashSet<>();
            vms.add(vm(api, tenant, "crash-1"));
            vms.add(vm(api, tenant, "crash-2"));
            // every replica dies (kill -9) while requests are in flight; their claims lapse and others send again
            await().atMost(Duration.ofSeconds(30)).until(() -> !hook.requests().isEmpty());
            List<SupervisedProcess> replicas = devstack.replicas("integrations");
            replicas.forEach(SupervisedProcess::kill);
            vms.add(vm(api, tenant, "crash-3"));
            replicas.forEach(replica -> replica.awaitReady(Duration.ofSeconds(120)));
            vms.add(vm(api, tenant, "crash-4"));

            List<JsonNode> expected = feed(api, vms);
            Set<String> expectedIds = ids(expected);
            await().atMost(Duration.ofSeconds(120)).until(() -> hook.accepted().stream()
                    .map(WebhookReceiver.Request::webhookId).toList().containsAll(expectedIds));
            List<String> acceptedIds = hook.accepted().stream().map(WebhookReceiver.Request::webhookId).toList();
            System.out.printf("webhooks: %d events, %d accepted deliveries across a kill -9 (%d repeated)%n",
                    expectedIds.size(), acceptedIds.size(), acceptedIds.size() - new LinkedHashSet<>(acceptedIds).size());
            assertThat(ids(feed(api, vms))).as("nothing but the tenant's events, each under its id")
                    .containsAll(new LinkedHashSet<>(acceptedIds));
            assertThat(hook.requests()).allSatisfy(r -> assertThat(WebhookReceiver.verifies(r, sub[1])).isTrue());
            assertThat(acceptedOrder(hook, expectedIds)).as("in order per VM").isEqualTo(feedOrder(expected));
        }
    }
}
