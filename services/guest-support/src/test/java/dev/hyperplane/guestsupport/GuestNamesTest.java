package dev.hyperplane.guestsupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class GuestNamesTest {
    private static final LisMatrix MATRIX = LisMatrix.shipped();
    private static final GuestNames NAMES = new GuestNames(MATRIX);

    static List<LinuxDistribution> columns() {
        return MATRIX.distributions();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("columns")
    void every_column_is_found_by_its_id_and_by_its_title(LinuxDistribution column) {
        assertThat(NAMES.byId(column.id())).contains(column);
        assertThat(NAMES.resolve(column.distro(), column.version(), column.lisSource(),
                "-".equals(column.kernel()) ? null : column.kernel())).contains(column);
    }

    @Test
    void column_ids_are_unique() {
        assertThat(columns()).extracting(LinuxDistribution::id).doesNotHaveDuplicates().hasSize(64);
    }

    @ParameterizedTest(name = "{1} {2} {3} {4} -> {5}")
    @CsvFileSource(resources = "/guest-names.csv", numLinesToSkip = 3)
    void every_column_is_found_by_a_release_inside_its_range(String id, String distribution, String version,
                                                             String lisSource, String kernel, String expected) {
        assertThat(NAMES.resolve(distribution, version, lisSource, kernel)).map(LinuxDistribution::id)
                .contains(expected);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "Debian,        10,        debian-10-0-10-3-buster-built-in",
            "Debian,        10.2,      debian-10-0-10-3-buster-built-in",
            "debian,        buster,    debian-10-0-10-3-buster-built-in",
            "CentOS,        7.8,       rhel-centos-7-6-7-9-built-in",
            "CentOS,        7,         rhel-centos-7-6-7-9-built-in",
            "Red Hat,       8.2,       rhel-centos-8-1-8-6-built-in",
            "RHEL,          8.10,      rhel-centos-8-1-8-6-built-in",
            "RHEL,          6.6,       rhel-centos-6-6-6-7-built-in",   // built-in wins over LIS 4.3 6.4-6.6
            "Ubuntu,        20.04,     ubuntu-20-04-lts-built-in",
            "ubuntu,        20.04.6,   ubuntu-20-04-lts-built-in",
            "Ubuntu,        20.04 LTS, ubuntu-20-04-lts-built-in",
            "SUSE,          12.3,      suse-sles-sles-12-sp3-sp4-built-in",
            "SLES,          SLES 15,   suse-sles-sles-15-built-in",
            "Oracle Linux,  6.8,       oracle-linux-6-8-rhck-built-in",  // RHCK before UEK4 6.8-6.10
            "Oracle,        6.10,      oracle-linux-6-8-6-10-uek4-built-in",
    })
    void people_write_releases_and_aliases(String distribution, String version, String expected) {
        assertThat(NAMES.resolve(distribution, version, null, null)).map(LinuxDistribution::id).contains(expected);
    }

    @Test
    void a_downloadable_lis_column_when_asked_for() {
        assertThat(NAMES.resolve("CentOS", "6.6", "LIS 4.3", null)).map(LinuxDistribution::id)
                .contains("rhel-centos-6-4-6-6-lis-4-3-download");
        assertThat(NAMES.resolve("CentOS", "6.6", "built-in", null)).map(LinuxDistribution::id)
                .contains("rhel-centos-6-6-6-7-built-in");
    }

    @ParameterizedTest(name = "{0} {1} -> none, suggesting {2}")
    @CsvSource({
            "Debian,  12,      debian-11-bullseye-built-in",
            "Ubuntu,  22.04,   ubuntu-20-04-lts-built-in",
            "CentOS,  4.8,     rhel-centos-5-2-5-11-lis-4-3-download",
            "Debian,  sid,     debian-11-bullseye-built-in",
            "Fedora,  39,      ''",
    })
    void a_near_miss_is_refused_with_the_closest_ids(String distribution, String version, String suggested) {
        assertThat(NAMES.resolve(distribution, version, null, null)).isEqualTo(Optional.empty());
        List<String> closest = NAMES.closest(distribution, version, 5);
        assertThat(closest).hasSize(5);
        if (!suggested.isEmpty()) {
            assertThat(closest).contains(suggested);
        }
    }
}
