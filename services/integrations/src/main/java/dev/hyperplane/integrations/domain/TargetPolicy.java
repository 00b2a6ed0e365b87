package dev.hyperplane.integrations.domain;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Where deliveries may go. In production only https, and never to the provider's own networks: loopback, private
 * (RFC 1918, IPv6 unique local), link-local (where cloud metadata services answer), carrier-grade NAT, unspecified
 * and multicast addresses are refused unless configuration allows them (tests allow loopback and plain http). The
 * check runs on every address a name resolves to, when connecting and on every redirect, not only when subscribing:
 * a name that resolved to a public address yesterday may resolve to 127.0.0.1 today.
 *
 * @param allowHttp     plain http accepted (tests, a provider's lab)
 * @param allowLoopback loopback addresses accepted (tests)
 * @param allowPrivate  private and carrier-grade NAT addresses accepted (a provider delivering inside its network)
 */
public record TargetPolicy(boolean allowHttp, boolean allowLoopback, boolean allowPrivate) {

    public static TargetPolicy production() {
        return new TargetPolicy(false, false, false);
    }

    /** Why the URL itself is refused (scheme, no host, credentials in it); empty when it may be used. */
    public Optional<String> refusal(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase();
        if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
            return Optional.of(allowHttp ? "the URL must be http or https" : "the URL must be https");
        }
        if (url.getHost() == null || url.getHost().isEmpty()) {
            return Optional.of("the URL has no host");
        }
        if (url.getUserInfo() != null) {
            return Optional.of("the URL must not carry credentials; the signature authenticates deliveries");
        }
        return Optional.empty();
    }

    /** Why one of the addresses the host resolved to is refused; empty when all may be connected to. */
    public Optional<String> refusal(String host, List<InetAddress> resolved) {
        if (resolved.isEmpty()) {
            return Optional.of(host + " resolves to no address");
        }
        for (InetAddress address : resolved) {
            String kind = kind(address);
            boolean allowed = kind == null
                    || kind.equals("loopback") && allowLoopback
                    || (kind.equals("private") || kind.equals("carrier-grade NAT")) && allowPrivate;
            if (!allowed) {
                return Optional.of(host + " resolves to " + address.getHostAddress() + ", a " + kind
                        + " address: deliveries go to public addresses only");
            }
        }
        return Optional.empty();
    }

    /** The kind of a non-public address; null for a public one. */
    static String kind(InetAddress address) {
        InetAddress a = embeddedIpv4(address);
        if (a.isLoopbackAddress()) {
            return "loopback";
        }
        if (a.isAnyLocalAddress()) {
            return "unspecified";
        }
        if (a.isLinkLocalAddress()) {
            return "link-local";
        }
        if (a.isMulticastAddress()) {
            return "multicast";
        }
        if (a.isSiteLocalAddress()) {
            return "private";
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 100 && second >= 64 && second <= 127) {
                return "carrier-grade NAT";
            }
            if (first == 0) {
                return "unspecified";
            }
            if (first == 255 && second == 255) {
                return "broadcast";
            }
        } else if ((b[0] & 0xfe) == 0xfc) {
            return "private"; // fc00::/7, IPv6 unique local
        }
        return null;
    }

    /** An IPv4 address written as IPv6 (::ffff:127.0.0.1) is judged as the IPv4 address it is. */
    private static InetAddress embeddedIpv4(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] b = address.getAddress();
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            mapped &= (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
            if (mapped) {
                try {
                    return InetAddress.getByAddress(new byte[]{b[12], b[13], b[14], b[15]});
                } catch (java.net.UnknownHostException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return address;
    }
}
