package dev.hyperplane.integrations.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TargetPolicyTest {

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(nullValues = "public", value = {
            "203.0.113.7, public",
            "8.8.8.8, public",
            "2001:db8::1, public",
            "127.0.0.1, loopback",
            "127.8.9.10, loopback",
            "::1, loopback",
            "::ffff:127.0.0.1, loopback",
            "10.1.2.3, private",
            "172.16.0.1, private",
            "172.31.255.255, private",
            "172.32.0.1, public",
            "192.168.10.20, private",
            "fd12:3456::1, private",
            "100.64.0.1, carrier-grade NAT",
            "100.127.255.254, carrier-grade NAT",
            "100.128.0.1, public",
            "169.254.169.254, link-local",
            "fe80::1, link-local",
            "0.0.0.0, unspecified",
            "::, unspecified",
            "224.0.0.1, multicast",
            "ff02::1, multicast",
            "255.255.255.255, broadcast"})
    void each_address_is_judged_by_its_kind(String address, String kind) {
        assertThat(TargetPolicy.kind(ip(address))).isEqualTo(kind);
    }

    @ParameterizedTest(name = "{0} {1}/{2}/{3}: {4}")
    @CsvSource(delimiter = '|', nullValues = "ok", value = {
            "203.0.113.7|false|false|false|ok",
            "127.0.0.1|false|false|false|hooks.example.com resolves to 127.0.0.1, a loopback address: deliveries go to public addresses only",
            "127.0.0.1|true|true|false|ok",
            "10.0.0.5|true|true|false|hooks.example.com resolves to 10.0.0.5, a private address: deliveries go to public addresses only",
            "10.0.0.5|false|false|true|ok",
            "169.254.169.254|true|true|true|hooks.example.com resolves to 169.254.169.254, a link-local address: deliveries go to public addresses only"})
    void every_resolved_address_must_be_allowed(String address, boolean http, boolean loopback, boolean privateNets,
                                                String refusal) {
        TargetPolicy policy = new TargetPolicy(http, loopback, privateNets);
        assertThat(policy.refusal("hooks.example.com", List.of(ip("203.0.113.8"), ip(address))).orElse(null))
                .isEqualTo(refusal);
    }

    @Test
    void a_name_that_resolves_to_nothing_is_refused() {
        assertThat(TargetPolicy.production().refusal("nowhere.example", List.of()))
                .contains("nowhere.example resolves to no address");
    }

    @ParameterizedTest(name = "{0} (http allowed: {1})")
    @CsvSource(delimiter = '|', nullValues = "ok", value = {
            "https://hooks.example.com/hyperplane|false|ok",
            "http://hooks.example.com/hyperplane|false|the URL must be https",
            "http://127.0.0.1:8080/hook|true|ok",
            "ftp://hooks.example.com/|true|the URL must be http or https",
            "https://user:pass@hooks.example.com/|false|the URL must not carry credentials; the signature authenticates deliveries",
            "https:///path-only|false|the URL has no host"})
    void the_url_itself(String url, boolean http, String refusal) {
        assertThat(new TargetPolicy(http, false, false).refusal(URI.create(url)).orElse(null)).isEqualTo(refusal);
    }
}
