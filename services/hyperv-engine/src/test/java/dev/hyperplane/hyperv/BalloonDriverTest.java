package dev.hyperplane.hyperv;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class BalloonDriverTest {

    /**
     * Linux onlines what the host backs and adds address space in 128 MB sections; a grant smaller than a section
     * used to add nothing, so a VM 46 MB short of its demand stayed starved on a host with memory free.
     */
    @ParameterizedTest(name = "{0}: requests {1} -> online {2} MB in {3} MB of regions")
    @CsvSource(delimiter = '|', value = {
            "one section             | 128       | 128 | 128",
            "less than a section     | 46        | 46  | 128",
            "a gap filled later      | 46 50     | 96  | 128",
            "past the first section  | 46 100    | 146 | 256",
            "odd MB to 2 MB granules | 47        | 46  | 128",
            "several sections        | 300       | 300 | 384",
    })
    void linux_onlines_what_the_host_backs_in_128_mb_regions(String why, String requests, long online, long regions) {
        BalloonDriver driver = new BalloonDriver(true, true);
        long added = Arrays.stream(requests.split(" ")).mapToLong(Long::parseLong).map(driver::hotAdd).sum();
        assertThat(added).isEqualTo(online);
        assertThat(driver.onlineMb(1024)).isEqualTo(1024 + online);
        assertThat(driver.hotAddRegionsMb()).isEqualTo(regions);
    }

    @ParameterizedTest(name = "can hot-add {0}, Linux {1}: 100 MB asked, {2} added")
    @CsvSource({"true, false, 100", "false, true, 0", "false, false, 0"})
    void windows_adds_what_it_is_given_and_a_balloon_only_guest_nothing(boolean canHotAdd, boolean linux,
                                                                       long added) {
        assertThat(new BalloonDriver(canHotAdd, linux).hotAdd(100)).isEqualTo(added);
    }
}
