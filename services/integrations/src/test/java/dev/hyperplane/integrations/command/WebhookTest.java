package dev.hyperplane.integrations.command;

import dev.hyperplane.events.webhook.WebhookChanged;
import dev.hyperplane.events.webhook.WebhookCreated;
import dev.hyperplane.events.webhook.WebhookDeleted;
import dev.hyperplane.events.webhook.WebhookDisabled;
import dev.hyperplane.events.webhook.WebhookSecretRotated;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

class WebhookTest {
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private static final String ID = "wh-1";
    private static final String URL = "https://hooks.acme.example/h";
    private static final List<String> VM = List.of("dev.hyperplane.vm.*");
    private static final WebhookCreated CREATED = new WebhookCreated(ID, "acme", URL, VM, true, "admin@acme", NOW);

    private AggregateTestFixture<Webhook> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Webhook.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void a_subscription_is_created_as_asked() {
        fixture.givenNoPriorActivity()
                .when(new CreateWebhook(ID, "acme", URL, VM, true, "admin@acme"))
                .expectEvents(CREATED);
    }

    @Test
    void setting_what_it_already_is_changes_nothing() {
        fixture.given(CREATED)
                .when(new ChangeWebhook(ID, URL, VM, true, "admin@acme"))
                .expectNoEvents();
    }

    @Test
    void a_change_is_published_whole() {
        List<String> more = List.of("dev.hyperplane.vm.*", "dev.hyperplane.backup.*");
        fixture.given(CREATED)
                .when(new ChangeWebhook(ID, URL, more, false, "admin@acme"))
                .expectEvents(new WebhookChanged(ID, "acme", URL, more, false, "admin@acme", NOW));
    }

    @Test
    void a_rotation_names_when_the_previous_secret_stops_signing() {
        fixture.given(CREATED)
                .when(new RotateWebhookSecret(ID, Duration.ofHours(24), "admin@acme"))
                .expectEvents(new WebhookSecretRotated(ID, "acme", NOW.plus(Duration.ofHours(24)), "admin@acme", NOW));
    }

    @Test
    void the_dispatcher_disables_an_active_subscription_once() {
        WebhookDisabled disabled = new WebhookDisabled(ID, "acme", URL, "the endpoint answered 410 Gone", NOW);
        fixture.given(CREATED)
                .when(new DisableWebhook(ID, "the endpoint answered 410 Gone"))
                .expectEvents(disabled);
        fixture.given(CREATED, disabled)
                .when(new DisableWebhook(ID, "the endpoint answered 410 Gone"))
                .expectNoEvents();
    }

    @Test
    void an_operator_who_deactivated_it_first_is_not_overruled() {
        fixture.given(CREATED, new WebhookChanged(ID, "acme", URL, VM, false, "admin@acme", NOW))
                .when(new DisableWebhook(ID, "the endpoint answered 503"))
                .expectNoEvents();
    }

    @Test
    void activating_a_disabled_subscription_again_is_a_change() {
        fixture.given(CREATED, new WebhookDisabled(ID, "acme", URL, "gone", NOW))
                .when(new ChangeWebhook(ID, URL, VM, true, "admin@acme"))
                .expectEvents(new WebhookChanged(ID, "acme", URL, VM, true, "admin@acme", NOW));
    }

    @Test
    void a_deleted_subscription_is_gone_but_a_late_disable_is_ignored() {
        WebhookDeleted deleted = new WebhookDeleted(ID, "acme", "admin@acme", NOW);
        fixture.given(CREATED)
                .when(new DeleteWebhook(ID, "admin@acme"))
                .expectEvents(deleted);
        fixture.given(CREATED, deleted)
                .when(new ChangeWebhook(ID, URL, VM, false, "admin@acme"))
                .expectException(WebhookNotFound.class);
        fixture.given(CREATED, deleted)
                .when(new RotateWebhookSecret(ID, Duration.ofHours(1), "admin@acme"))
                .expectException(WebhookNotFound.class);
        fixture.given(CREATED, deleted)
                .when(new DisableWebhook(ID, "the endpoint answered 503"))
                .expectNoEvents();
    }
}
