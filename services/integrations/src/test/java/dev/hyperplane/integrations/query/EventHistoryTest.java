package dev.hyperplane.integrations.query;

import dev.hyperplane.testsupport.HyperplaneTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The history on real PostgreSQL: a reader past a position never misses an event committed later below it. */
@QuarkusTest
@QuarkusTestResource(value = HyperplaneTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "integrations_api"))
class EventHistoryTest {
    @Inject
    EventHistory history;

    private static StoredEvent event(String tenant) {
        return new StoredEvent(0, UUID.randomUUID().toString(), "dev.hyperplane.vm.started.v1", "vm-1", tenant, true,
                Instant.now(), Instant.now(), "{}");
    }

    @Test
    void a_second_append_waits_for_the_first_to_commit_so_positions_become_visible_in_order() throws Exception {
        String tenant = "history-" + UUID.randomUUID().toString().substring(0, 6);
        CountDownLatch firstAppended = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        CompletableFuture<Long> first = CompletableFuture.supplyAsync(() -> QuarkusTransaction.requiringNew().call(() -> {
            long position = history.append(event(tenant)).orElseThrow().position();
            firstAppended.countDown();
            releaseFirst.await(30, TimeUnit.SECONDS);
            return position;
        }));
        assertThat(firstAppended.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Long> second = CompletableFuture.supplyAsync(() -> QuarkusTransaction.requiringNew()
                .call(() -> history.append(event(tenant)).orElseThrow().position()));
        Thread.sleep(500);
        // the second is held while the first is open: a reader sees neither, not the second alone
        assertThat(second).isNotDone();
        assertThat(history.after(0, tenant, 10)).isEmpty();
        releaseFirst.countDown();
        long firstPosition = first.get(30, TimeUnit.SECONDS);
        long secondPosition = second.get(30, TimeUnit.SECONDS);
        assertThat(secondPosition).isGreaterThan(firstPosition);
        assertThat(history.after(0, tenant, 10)).extracting(StoredEvent::position)
                .containsExactly(firstPosition, secondPosition);
    }

    @Test
    void an_event_already_in_the_history_is_not_appended_twice() {
        String tenant = "history-twice-" + UUID.randomUUID().toString().substring(0, 6);
        StoredEvent event = event(tenant);
        assertThat(QuarkusTransaction.requiringNew().call(() -> history.append(event))).isPresent();
        assertThat(QuarkusTransaction.requiringNew().call(() -> history.append(event))).isEmpty();
        assertThat(history.after(0, tenant, 10)).extracting(StoredEvent::eventId).containsExactly(event.eventId());
    }
}
