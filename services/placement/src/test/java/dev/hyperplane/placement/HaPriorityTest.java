package dev.hyperplane.placement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HaPriorityTest {

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {"high, HIGH, true", "medium, MEDIUM, true", "low, LOW, true",
            "off, OFF, false", "null, MEDIUM, true"})
    void a_label_names_a_priority_and_absent_is_medium(String label, HaPriority priority, boolean restarted) {
        assertThat(HaPriority.of(label)).isEqualTo(priority);
        assertThat(priority.restarted()).isEqualTo(restarted);
        if (label != null) {
            assertThat(priority.label()).isEqualTo(label);
        }
    }

    @Test
    void tiers_are_restarted_in_declaration_order() {
        List<HaPriority> shuffled = Arrays.asList(HaPriority.LOW, HaPriority.HIGH, HaPriority.MEDIUM);
        assertThat(shuffled.stream().sorted().toList()).containsExactly(HaPriority.HIGH, HaPriority.MEDIUM,
                HaPriority.LOW);
    }

    @Test
    void an_unknown_label_is_refused() {
        assertThatThrownBy(() -> HaPriority.of("urgent")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("urgent");
    }
}
