package dev.hyperplane.guestsupport;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class LisMatrixTest {
    private static final LisMatrix MATRIX = LisMatrix.shipped();

    /** Every row of the shipped CSV, read independently of the engine's loader. */
    static Stream<CSVRecord> rows() throws Exception {
        var reader = new InputStreamReader(LisMatrix.class.getResourceAsStream("lis-feature-matrix.csv"),
                StandardCharsets.UTF_8);
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(reader).getRecords();
        return rows.stream();
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("rows")
    void the_engine_answers_each_cell_as_published(CSVRecord row) {
        LinuxDistribution column = new LinuxDistribution(row.get("distro"), row.get("version"), row.get("kernel"),
                row.get("lis_source"));
        Feature feature = Feature.valueOf(row.get("feature_id"));
        Guest guest = Guest.linux(column);
        boolean published = "supported".equals(row.get("status"));

        // on the newest host every published cell holds as it is
        assertThat(guest.supports(feature, HostVersion.WS2022, MATRIX)).isEqualTo(published);
        // on a WS2012 R2 host the "2016+" features are unavailable whatever the cell says
        assertThat(guest.supports(feature, HostVersion.WS2012_R2, MATRIX))
                .isEqualTo(published && !feature.needsWs2016Host());
        assertThat(MATRIX.cell(column, feature).notes()).isEqualTo(row.get("notes"));
    }

    @Test
    void loads_every_column_of_the_tables() throws Exception {
        assertThat(MATRIX.distributions()).hasSize(64);
        assertThat(rows().count()).isEqualTo(1816);
    }

    @Test
    void the_2013_era_examples_of_the_readme_hold() {
        var rhel64 = MATRIX.find("RHEL/CentOS", "6.4").orElseThrow();
        var rhel59 = MATRIX.find("RHEL/CentOS", "5.9-5.11").orElseThrow();
        var ubuntu1404 = MATRIX.find("Ubuntu", "14.04 LTS").orElseThrow();
        assertThat(Guest.linux(rhel64).supports(Feature.DM_HOTADD, HostVersion.WS2012_R2, MATRIX)).isFalse();
        assertThat(Guest.linux(rhel64).supports(Feature.DM_BALLOON, HostVersion.WS2012_R2, MATRIX)).isTrue();
        assertThat(Guest.linux(rhel59).supports(Feature.UEFI_BOOT, HostVersion.WS2012_R2, MATRIX)).isFalse();
        assertThat(Guest.linux(ubuntu1404).supports(Feature.VRSS, HostVersion.WS2012_R2, MATRIX)).isTrue();
    }

    @Test
    void windows_guests_have_what_the_host_offers() {
        Guest windows = Guest.windows("2022");
        assertThat(windows.supports(Feature.DM_HOTADD, HostVersion.WS2012_R2, MATRIX)).isTrue();
        assertThat(windows.supports(Feature.RUNTIME_RESIZE, HostVersion.WS2012_R2, MATRIX)).isFalse();
        assertThat(windows.whyNot(Feature.RUNTIME_RESIZE, HostVersion.WS2012_R2, MATRIX))
                .contains("Windows Server 2016 or newer host");
    }

    @Test
    void the_reason_names_the_feature_and_the_distribution() {
        var rhel64 = MATRIX.find("RHEL/CentOS", "6.4").orElseThrow();
        assertThat(Guest.linux(rhel64).whyNot(Feature.DM_HOTADD, HostVersion.WS2019, MATRIX))
                .isEqualTo("DM_HOTADD is not supported by RHEL/CentOS 6.4 (Built-in) (not_supported)");
    }
}
