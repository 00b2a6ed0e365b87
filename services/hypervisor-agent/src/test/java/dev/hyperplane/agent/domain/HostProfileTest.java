package dev.hyperplane.agent.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HostProfileTest {

    @Test
    void a_mix_takes_turns_over_the_hosts() {
        List<HostProfile> mix = List.of(HostProfile.parse("2012 R2/32/262144/4096"),
                HostProfile.parse(" 2016 / 64 / 524288 / 8192 "));
        assertThat(List.of(1, 2, 3, 4)).extracting(n -> HostProfile.forHost(mix, n).windowsServerVersion())
                .containsExactly("2012 R2", "2016", "2012 R2", "2016");
        HostDefinition spec = HostProfile.forHost(mix, 2).spec("agent-1-host-02");
        assertThat(spec).isEqualTo(new HostDefinition("agent-1-host-02", "agent-1-host-02", "2016", 64, 524288, 8192));
    }

    @Test
    void a_malformed_profile_is_refused_saying_what_is_wrong() {
        assertThatThrownBy(() -> HostProfile.parse("2016/64/524288"))
                .hasMessageContaining("<version>/<logical processors>/<memory MB>/<root reserve MB>");
        assertThatThrownBy(() -> HostProfile.parse("2003/8/8192/1024")).hasMessageContaining("unknown Windows Server");
        assertThatThrownBy(() -> HostProfile.parse("2016/8/4096/8192")).hasMessageContaining("root reserve");
        assertThatThrownBy(() -> HostProfile.parse("2016/x/4096/1024")).hasMessageContaining("2016/x/4096/1024");
    }
}
