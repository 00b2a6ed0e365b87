package dev.hyperplane.provisioning.domain;

import dev.hyperplane.events.GuestOs;
import dev.hyperplane.events.MemoryPlan;
import dev.hyperplane.platform.api.Problem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GuestCompatibilityTest {

    @ParameterizedTest(name = "{0} {1}, gen {2}, secure boot {3}, DM {4}-{5}/{6} -> {7}")
    @CsvSource(delimiter = '|', value = {
            // distribution | version   | gen | sb    | startup | min  | max  | expected field (empty: accepted) | reason contains
            "Ubuntu         | 20.04 LTS | 2   | false | 2048    | 2048 | 2048 | ''                       | ''",
            "RHEL/CentOS    | 6.4       | 1   | false | 2048    | 512  | 8192 | dynamicMemory.maximumMb  | DM_HOTADD",
            "RHEL/CentOS    | 6.4       | 1   | false | 2048    | 512  | 2048 | ''                       | ''",
            "RHEL/CentOS    | 5.9-5.11  | 2   | false | 2048    | 2048 | 2048 | generation               | UEFI_BOOT",
            "Debian         | 7.0-7.11 (Wheezy) | 1 | false | 2048 | 512 | 2048 | dynamicMemory          | DM_BALLOON",
            "Ubuntu         | 20.04 LTS | 1   | true  | 2048    | 2048 | 2048 | secureBoot               | generation 2",
            "Ubuntu         | 20.04 LTS | 1   | false | 2000    | 512  | 4096 | dynamicMemory            | multiples of 128 MB",
            "Ubuntu         | 20.04 LTS | 1   | false | 2048    | 4096 | 8192 | dynamicMemory            | minimum must not exceed",
            "Ubuntu         | 22.04 LTS | 1   | false | 2048    | 2048 | 2048 | guestOs                  | not in the Linux support tables",
    })
    void refuses_what_the_guest_cannot_run_naming_field_and_feature(String distribution, String version, int generation,
                                                                    boolean secureBoot, long startup, long min, long max,
                                                                    String field, String reason) {
        // min = max = startup means static memory; anything else is Dynamic Memory (RHEL 6.4 with max = startup is
        // the balloon-only setting Microsoft recommends)
        MemoryPlan memory = min == startup && max == startup ? MemoryPlan.fixed(startup)
                : new MemoryPlan(true, min, max, 20, 50);
        List<Problem.FieldError> errors = GuestCompatibility.check(new GuestOs("linux", distribution, version),
                generation, secureBoot, startup, memory);
        if (field.isEmpty()) {
            assertThat(errors).isEmpty();
        } else {
            assertThat(errors).anySatisfy(e -> {
                assertThat(e.field()).isEqualTo(field);
                assertThat(e.reason()).contains(reason);
            });
        }
    }

    @ParameterizedTest(name = "Windows {0}")
    @CsvSource({"2012 R2", "2022"})
    void windows_guests_have_everything_their_host_offers(String version) {
        assertThat(GuestCompatibility.check(new GuestOs("windows", "Windows Server", version), 2, true, 2000,
                new MemoryPlan(true, 512, 100_000, 20, 50))).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}, gen {2}, Secure Boot {3} -> {4}")
    @CsvSource({
            "Windows Server, 2008 R2, 2, false, generation",
            "Windows Server, 2008 R2, 1, false, ''",
            "Windows,        7,       1, true,  secureBoot",
            "Windows,        11,      2, true,  ''",
    })
    void windows_guests_follow_microsofts_list(String distribution, String version, int generation,
                                               boolean secureBoot, String field) {
        var resolved = GuestCompatibility.resolve("windows", null, distribution, version, null, null);
        assertThat(resolved.errors()).isEmpty();
        List<Problem.FieldError> errors = GuestCompatibility.check(resolved.guest(), generation, secureBoot, 2048,
                MemoryPlan.fixed(2048));
        assertThat(errors).extracting(Problem.FieldError::field)
                .isEqualTo(field.isEmpty() ? List.of() : List.of(field));
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3} / {4}")
    @CsvSource({
            "windows, Windows Server, 2008 R2, Windows Server, 2008 R2 SP1",
            "windows, Windows,        10,      Windows,        10",
            "linux,   CentOS,         7.8,     RHEL/CentOS,    7.6-7.9",
            "linux,   Debian,         buster,  Debian,         10.0-10.3 (Buster)",
    })
    void names_resolve_to_what_the_tables_call_them(String family, String distribution, String version,
                                                    String resolvedDistribution, String resolvedVersion) {
        var resolved = GuestCompatibility.resolve(family, null, distribution, version, null, null);
        assertThat(resolved.guest().distribution()).isEqualTo(resolvedDistribution);
        assertThat(resolved.guest().version()).isEqualTo(resolvedVersion);
        assertThat(resolved.guest().catalogId()).isNotBlank();
    }

    @ParameterizedTest(name = "{0} {1} {2} -> 422 on {3}")
    @CsvSource({
            "windows, Windows Server, 2003,  guestOs",
            "linux,   Ubuntu,         22.04, guestOs",
    })
    void unknown_guests_are_refused_with_suggestions(String family, String distribution, String version,
                                                     String field) {
        var resolved = GuestCompatibility.resolve(family, null, distribution, version, null, null);
        assertThat(resolved.guest()).isNull();
        assertThat(resolved.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.reason()).contains("closest: ");
        });
    }
}
