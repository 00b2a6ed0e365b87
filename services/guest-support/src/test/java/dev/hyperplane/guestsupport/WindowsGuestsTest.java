package dev.hyperplane.guestsupport;

import dev.hyperplane.guestsupport.WindowsGuests.Answer;
import dev.hyperplane.guestsupport.WindowsGuests.WindowsGuest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WindowsGuestsTest {
    private static final WindowsGuests GUESTS = WindowsGuests.shipped();

    static List<WindowsGuest> guests() {
        return GUESTS.all();
    }

    @Test
    void the_list_runs_from_server_2008_to_2025_and_client_7_to_11() {
        assertThat(guests()).extracting(WindowsGuest::id).containsExactly("windows-server-2025",
                "windows-server-2022", "windows-server-2019", "windows-server-2016", "windows-server-2012-r2",
                "windows-server-2012", "windows-server-2008-r2-sp1", "windows-server-2008-sp2", "windows-11",
                "windows-10", "windows-8-1", "windows-7-sp1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("guests")
    void every_guest_is_found_by_its_id_and_by_its_distribution_and_version(WindowsGuest guest) {
        assertThat(GUESTS.byId(guest.id())).contains(guest);
        assertThat(GUESTS.resolve(guest.distribution(), guest.version())).contains(guest);
        assertThat(GUESTS.resolve(null, guest.name())).contains(guest);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "Windows Server, 2022,    windows-server-2022",
            "windows server, 2012 r2, windows-server-2012-r2",
            "Windows Server, 2008 R2, windows-server-2008-r2-sp1",
            "Windows Server, 2008,    windows-server-2008-sp2",
            "Windows,        2019,    windows-server-2019",
            "Windows,        10,      windows-10",
            "Windows,        7,       windows-7-sp1",
    })
    void people_write_names_without_service_packs(String distribution, String version, String id) {
        assertThat(GUESTS.resolve(distribution, version)).map(WindowsGuest::id).contains(id);
    }

    @Test
    void an_unknown_windows_is_refused_with_the_closest_ids() {
        assertThat(GUESTS.resolve("Windows Server", "2003")).isEmpty();
        assertThat(GUESTS.resolve("Windows", "XP")).isEmpty();
        assertThat(GUESTS.closest("Windows Server", "2003", 3)).hasSize(3)
                .allMatch(id -> id.startsWith("windows-server-"));
    }

    /** Facts of Microsoft's list as the shipped table has them. */
    @ParameterizedTest(name = "{0}: gen2 {1}, Secure Boot {2}, on WS2012 R2 {3}, WS2016 {4}, WS2022 {5}")
    @CsvSource({
            "windows-server-2025,        YES, YES, NO,      NO,  YES",
            "windows-server-2022,        YES, YES, NO,      NO,  YES",
            "windows-server-2019,        YES, YES, UNKNOWN, YES, YES",
            "windows-server-2008-r2-sp1, NO,  NO,  YES,     YES, YES",
            "windows-11,                 YES, YES, NO,      NO,  YES",
            "windows-7-sp1,              NO,  NO,  YES,     YES, YES",
    })
    void generation_2_secure_boot_and_hosts_per_guest(String id, Answer gen2, Answer secureBoot, Answer ws2012r2,
                                                      Answer ws2016, Answer ws2022) {
        WindowsGuest guest = GUESTS.byId(id).orElseThrow();
        assertThat(guest.generation2()).isEqualTo(gen2);
        assertThat(guest.secureBoot()).isEqualTo(secureBoot);
        assertThat(guest.runsOn(HostVersion.WS2012_R2)).isEqualTo(ws2012r2);
        assertThat(guest.runsOn(HostVersion.WS2016)).isEqualTo(ws2016);
        assertThat(guest.runsOn(HostVersion.WS2022)).isEqualTo(ws2022);
        assertThat(guest.runsOn(HostVersion.WS2012)).as("no column for WS2012 hosts").isEqualTo(Answer.UNKNOWN);
    }
}
