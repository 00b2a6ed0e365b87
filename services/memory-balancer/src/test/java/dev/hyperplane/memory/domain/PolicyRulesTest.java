package dev.hyperplane.memory.domain;

import dev.hyperplane.events.GuestOs;
import dev.hyperplane.events.MemoryPlan;
import dev.hyperplane.platform.api.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyRulesTest {
    private static final GuestMemoryProfile WINDOWS = GuestMemoryProfile.of(
            new GuestOs("windows", "Windows Server", "2022"), null, null, "AMD64");
    private static final GuestMemoryProfile UBUNTU = GuestMemoryProfile.of(
            new GuestOs("linux", "Ubuntu", "20.04 LTS"), null, null, "x86_64");
    /** RHEL 6.4 balloons but cannot hot-add (support tables, note 11). */
    private static final GuestMemoryProfile RHEL64 = GuestMemoryProfile.of(
            new GuestOs("linux", "RHEL/CentOS", "6.4"), null, null, "x86_64");
    private static final GuestMemoryProfile UBUNTU_32 = GuestMemoryProfile.of(
            new GuestOs("linux", "Ubuntu", "20.04 LTS"), null, null, "i686");
    private static final GuestMemoryProfile NEGOTIATED_WITHOUT_DM = GuestMemoryProfile.of(
            new GuestOs("linux", "Ubuntu", "20.04 LTS"), List.of("CORE", "KVP"),
            Map.of("DM_BALLOON", "the guest's hv_balloon driver is blacklisted"), "x86_64");

    static Stream<Arguments> policies() {
        return Stream.of(
                Arguments.of("Windows, any sizes in range", WINDOWS, 2000, dm(1000, 9000), List.of()),
                Arguments.of("static memory needs no guest support", UBUNTU_32, 2000, MemoryPlan.fixed(2000), List.of()),
                Arguments.of("Linux in 128 MB multiples", UBUNTU, 2048, dm(512, 8192), List.of()),
                Arguments.of("Linux off the 128 MB grid", UBUNTU, 2000, dm(500, 8192),
                        List.of("startupMb", "minimumMb")),
                Arguments.of("balloon-only guest growing past startup", RHEL64, 2048, dm(512, 4096),
                        List.of("maximumMb")),
                Arguments.of("balloon-only guest with maximum = startup", RHEL64, 2048, dm(512, 2048), List.of()),
                Arguments.of("32-bit guest with Dynamic Memory", UBUNTU_32, 2048, dm(512, 4096), List.of("dynamic")),
                Arguments.of("guest that negotiated no ballooning", NEGOTIATED_WITHOUT_DM, 2048, dm(512, 4096),
                        List.of("dynamic")),
                Arguments.of("minimum above startup, maximum below", WINDOWS, 2048, dm(4096, 1024),
                        List.of("minimumMb", "maximumMb")),
                Arguments.of("buffer and weight out of range", WINDOWS, 2048,
                        new MemoryPlan(true, 512, 4096, 3, 101), List.of("bufferPercent", "priority")),
                Arguments.of("maximum above 1 TB", WINDOWS, 2048, dm(512, 2 * 1024 * 1024), List.of("maximumMb")));
    }

    private static MemoryPlan dm(long min, long max) {
        return new MemoryPlan(true, min, max, 20, 50);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void checks_a_policy_against_the_guest(String why, GuestMemoryProfile guest, long startup, MemoryPlan plan,
                                           List<String> badFields) {
        assertThat(PolicyRules.check(startup, plan, guest)).extracting(Problem.FieldError::field)
                .containsExactlyInAnyOrderElementsOf(badFields);
    }

    @Test
    void a_balloon_only_guests_reason_names_the_missing_feature() {
        assertThat(PolicyRules.check(2048, dm(512, 4096), RHEL64)).singleElement()
                .satisfies(e -> assertThat(e.reason()).contains("DM_HOTADD", "set maximum = startup (2048 MB)"));
    }

    private static final long APPROVED_PLENTY = 64 * 1024;

    static Stream<Arguments> plans() {
        MemoryPlan plan = new MemoryPlan(true, 1024, 16384, 30, 70);
        return Stream.of(
                Arguments.of("a VM within the plan gets it as it is", UBUNTU, plan, 4096, APPROVED_PLENTY,
                        new MemoryPlan(true, 1024, 16384, 30, 70)),
                Arguments.of("a VM smaller than the plan's minimum keeps its startup as minimum", UBUNTU, plan, 512,
                        APPROVED_PLENTY, new MemoryPlan(true, 512, 16384, 30, 70)),
                Arguments.of("a VM larger than the plan's maximum keeps its startup as maximum", WINDOWS, plan, 32768,
                        APPROVED_PLENTY, new MemoryPlan(true, 1024, 32768, 30, 70)),
                Arguments.of("a balloon-only guest never grows past startup", RHEL64, plan, 4096, APPROVED_PLENTY,
                        new MemoryPlan(true, 1024, 4096, 30, 70)),
                Arguments.of("a guest that cannot balloon stays static", UBUNTU_32, plan, 4096, APPROVED_PLENTY,
                        MemoryPlan.fixed(4096)),
                Arguments.of("Linux sizes snap to 128 MB inside the limits", UBUNTU, new MemoryPlan(true, 1000, 9000, 20, 50),
                        4096, APPROVED_PLENTY, new MemoryPlan(true, 896, 9088, 20, 50)),
                Arguments.of("never above what provisioning approved (the quota counts it)", WINDOWS, plan, 4096,
                        8192L, new MemoryPlan(true, 1024, 8192, 30, 70)),
                Arguments.of("a VM approved static may balloon down but not grow", WINDOWS, plan, 4096, 4096L,
                        new MemoryPlan(true, 1024, 4096, 30, 70)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void applies_a_tenant_plan_to_a_vm_never_below_its_minimum_nor_above_its_maximum(
            String why, GuestMemoryProfile guest, MemoryPlan plan, long startup, long approved, MemoryPlan expected) {
        MemoryPlan applied = PolicyRules.applyPlan(plan, startup, guest, approved);

        assertThat(applied).isEqualTo(expected);
        assertThat(PolicyRules.check(startup, applied, guest)).isEmpty();
    }

    @ParameterizedTest(name = "startup {0} MB, dynamic {1}, maximum {2} MB, approved {3} MB -> {4}")
    @org.junit.jupiter.params.provider.CsvSource(nullValues = "-", value = {
            "2048, true,  8192,  8192, -",
            "2048, true,  8193,  8192, maximumMb",
            "2048, false, 2048,  2048, -",
            "4096, false, 4096,  2048, startupMb",
            "4096, true,  4096,  2048, startupMb"})
    void a_policy_stays_within_what_provisioning_approved(long startup, boolean dynamic, long maximum, long approved,
                                                          String field) {
        MemoryPlan plan = dynamic ? dm(512, maximum) : MemoryPlan.fixed(startup);
        var errors = PolicyRules.checkApproved("vm-1", startup, plan, approved);
        if (field == null) {
            assertThat(errors).isEmpty();
        } else {
            assertThat(errors).singleElement().satisfies(e -> {
                assertThat(e.field()).isEqualTo(field);
                assertThat(e.reason()).contains(approved + " MB provisioning approved", "/api/v1/vms/vm-1/resize");
            });
        }
    }
}
