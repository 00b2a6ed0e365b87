package dev.hyperplane.agent.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class AdmissionTest {
    private static final HostSpec HOST = new HostSpec("h1", "h1", "2012 R2", 16, 65536, 4096);

    @ParameterizedTest(name = "used {0} MB + {1} MB -> admitted {2}")
    @CsvSource({
            "0,     61440, true",   // exactly the allocatable memory
            "0,     61441, false",  // one MB into the root reserve
            "60000, 1440,  true",
            "60000, 1441,  false",
            "61440, 1,     false",  // host full
    })
    void admits_only_what_fits_beside_the_root_reserve(long usedMb, long requestedMb, boolean admitted) {
        String refusal = Admission.refuse(HOST, usedMb, requestedMb);
        assertThat(refusal == null).isEqualTo(admitted);
        if (!admitted) {
            assertThat(refusal).contains("h1").contains(requestedMb + " MB requested");
        }
    }
}
