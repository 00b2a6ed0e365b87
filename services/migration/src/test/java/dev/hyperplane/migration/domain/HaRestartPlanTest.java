package dev.hyperplane.migration.domain;

import dev.hyperplane.placement.HaPriority;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HaRestartPlanTest {

    /**
     * @param vms       id:state:priority of each VM on the failed host
     * @param restarts  the VMs asked for, in order
     * @param skipped   the VMs not restarted
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "tiers high, medium, low       | c:Running:low b:Running:medium a:Running:high | a b c | ",
            "by id within a tier           | b:Unknown:high a:Lost:high c:Moving:high      | a b c | ",
            "off is not restarted          | a:Running:off b:Running:low                   | b     | a",
            "not running is not restarted  | a:Stopped:high b:Placed:high c:Failed:high    |       | a b c",
            "nothing on the host           |                                               |       | "})
    void higher_tiers_first_and_only_vms_that_ran(String name, String vms, String restarts, String skipped) {
        List<HaRestartPlan.VmOnHost> onHost = new ArrayList<>();
        if (vms != null) {
            for (String vm : vms.trim().split("\\s+")) {
                String[] f = vm.split(":");
                onHost.add(new HaRestartPlan.VmOnHost(f[0], f[1], HaPriority.of(f[2])));
            }
        }
        HaRestartPlan.Plan plan = HaRestartPlan.of(onHost);
        assertThat(plan.restarts().stream().map(HaRestartPlan.Restart::vmId).toList())
                .isEqualTo(words(restarts));
        assertThat(plan.notRestarted().stream().map(HaRestartPlan.NotRestarted::vmId).toList())
                .isEqualTo(words(skipped));
    }

    private static List<String> words(String text) {
        return text == null || text.isBlank() ? List.of() : List.of(text.trim().split("\\s+"));
    }
}
