package dev.hyperplane.guestsupport;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class GuestHostsTest {

    @ParameterizedTest(name = "{0} {1} {2}, Secure Boot {3}: hosts {4}")
    @CsvSource(delimiter = ';', value = {
            // Microsoft's list of Windows guests: Server 2025 from WS2022 on, 2022 and Windows 11 from WS2019 on
            "windows; Windows Server; 2025;        true;  2022",
            "windows; Windows Server; 2022;        true;  2019,2022",
            "windows; Windows;        11;          true;  2019,2022",
            // 2019 on a 2012 R2 host is not stated: not placed there; the list has no column for WS2012 hosts
            "windows; Windows Server; 2019;        false; 2016,2019,2022",
            "windows; Windows Server; 2016;        false; 2012 R2,2016,2019,2022",
            "windows; Windows Server; 2008 R2 SP1; false; 2012 R2,2016,2019,2022",
            "windows; Windows;        10;          false; 2012 R2,2016,2019,2022",
            // a Windows VM recorded before the list was checked keeps every host
            "windows; Windows Server; 2003;        false; 2012,2012 R2,2016,2019,2022",
            "linux;   Ubuntu;         20.04;       false; 2012,2012 R2,2016,2019,2022",
            "linux;   Ubuntu;         20.04;       true;  2016,2019,2022"})
    void aGuestRunsOnTheHostVersionsTheTablesGive(String family, String distribution, String version,
                                                  boolean secureBoot, String hosts) {
        assertThat(GuestHosts.labels(family, null, distribution, version, secureBoot))
                .isEqualTo(Set.of(hosts.split(",")));
    }

    @ParameterizedTest(name = "{0}: hosts {1}")
    @CsvSource(delimiter = ';', value = {
            "windows-server-2022; 2019,2022",
            "windows-11;          2019,2022",
            "windows-7-sp1;       2012 R2,2016,2019,2022"})
    void theCatalogIdFindsTheSameGuest(String id, String hosts) {
        assertThat(GuestHosts.labels("windows", id, null, null, true)).isEqualTo(Set.of(hosts.split(",")));
    }
}
