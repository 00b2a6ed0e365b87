package dev.hyperplane.integrations.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventTypeFilterTest {

    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource({
            "dev.hyperplane.vm.started.v1, dev.hyperplane.vm.started.v1, true",
            "dev.hyperplane.vm.started.v1, dev.hyperplane.vm.started.v2, false",
            "dev.hyperplane.vm.*, dev.hyperplane.vm.started.v1, true",
            "dev.hyperplane.vm.*, dev.hyperplane.vm.restore-failed.v1, true",
            "dev.hyperplane.vm.*, dev.hyperplane.vmx.started.v1, false",
            "dev.hyperplane.vm.*, dev.hyperplane.backup.completed.v1, false",
            "dev.hyperplane.*, dev.hyperplane.backup.completed.v1, true",
            "dev.hyperplane.backup.restore-*, dev.hyperplane.backup.restore-failed.v1, false"})
    void exact_types_and_prefixes(String pattern, String type, boolean matches) {
        if (EventTypeFilter.refusal(pattern) != null) {
            assertThat(matches).isFalse();
            return;
        }
        assertThat(new EventTypeFilter(List.of(pattern)).matches(type)).isEqualTo(matches);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "*", "dev.hyperplane.vm.**", "dev.hyperplane.*.started.v1", "Dev.Hyperplane.vm.*",
            "dev.hyperplane.backup.restore-*", "dev hyperplane", "dev.hyperplane.vm."})
    void anything_else_is_refused_with_the_reason(String pattern) {
        assertThat(EventTypeFilter.refusal(pattern)).contains("neither an event type");
        assertThatThrownBy(() -> new EventTypeFilter(List.of("dev.hyperplane.vm.*", pattern)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0}: tenant {1}, fleet {2}")
    @CsvSource({
            "dev.hyperplane.vm.started.v1, true, true",
            "dev.hyperplane.backup.restore-completed.v1, true, true",
            "dev.hyperplane.agent.guest-heartbeat-changed.v1, true, true",
            "dev.hyperplane.host.health-changed.v1, false, true",
            "dev.hyperplane.migration.ha-host-fenced.v1, false, true",
            "dev.hyperplane.memory.alert-raised.v1, false, true",
            "dev.hyperplane.agent.command.create-vm.v1, false, false",
            "dev.hyperplane.agent.host-telemetry.v1, false, false",
            "dev.hyperplane.agent.heartbeat.v1, false, false",
            "dev.hyperplane.agent.host-inventory-reported.v1, false, false",
            "dev.hyperplane.webhook.disabled.v1, true, true",
            "com.example.other.v1, false, false"})
    void who_may_receive_what(String type, boolean tenant, boolean fleet) {
        assertThat(EventAudience.tenantMay(type)).isEqualTo(tenant);
        assertThat(EventAudience.fleetMay(type)).isEqualTo(fleet);
    }

    @ParameterizedTest(name = "{0}: a tenant's pattern {1}")
    @CsvSource({
            "dev.hyperplane.vm.*, true",
            "dev.hyperplane.vm.started.v1, true",
            "dev.hyperplane.*, true",
            "dev.hyperplane.agent.*, true",
            "dev.hyperplane.agent.guest-panicked.*, true",
            "dev.hyperplane.host.*, false",
            "dev.hyperplane.host.registered.v1, false",
            "dev.hyperplane.migration.*, false",
            "dev.hyperplane.agent.telemetry.*, false",
            "dev.hyperplane.agent.command.create-vm.v1, false"})
    void a_tenant_subscribes_only_to_what_it_can_receive(String pattern, boolean possible) {
        assertThat(EventAudience.tenantCanMatch(pattern)).isEqualTo(possible);
    }
}
