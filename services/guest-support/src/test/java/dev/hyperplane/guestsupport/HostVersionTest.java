package dev.hyperplane.guestsupport;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class HostVersionTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "2012 R2 | 2012 R2",
            "2012 r2 | 2012 R2",
            "2022    | 2022",
            // a version the tables do not know stays as written: it matches no guest, it breaks nothing
            "2008 R2 | 2008 R2",
            "vNext   | vNext"})
    void a_label_is_written_as_the_tables_write_it_or_left_alone(String label, String canonical) {
        assertThat(HostVersion.canonicalLabel(label)).isEqualTo(canonical);
    }
}
