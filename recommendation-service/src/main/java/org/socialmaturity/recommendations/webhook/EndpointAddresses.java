package org.socialmaturity.recommendations.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Which addresses a partner's webhook may reach: the public internet only, never the platform's own network. A host
 * is resolved and every one of its addresses checked; the delivery then connects to a checked address, so a name
 * that resolves elsewhere a moment later (DNS rebinding) changes nothing.
 */
final class EndpointAddresses {

    /** A range of addresses that is not the public internet, named for the delivery log. */
    private record Range(String name, byte[] prefix, int bits) {

        static Range of(String name, String address, int bits) {
            try {
                return new Range(name, InetAddress.getByName(address).getAddress(), bits);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(address, e);
            }
        }

        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((address[bit / 8] & mask) != (prefix[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final List<Range> INTERNAL = List.of(
            Range.of("unspecified", "0.0.0.0", 8),
            Range.of("private", "10.0.0.0", 8),
            Range.of("carrier-grade NAT", "100.64.0.0", 10),
            Range.of("loopback", "127.0.0.0", 8),
            Range.of("link-local", "169.254.0.0", 16),
            Range.of("private", "172.16.0.0", 12),
            Range.of("IETF protocol assignments", "192.0.0.0", 24),
            Range.of("documentation", "192.0.2.0", 24),
            Range.of("private", "192.168.0.0", 16),
            Range.of("benchmarking", "198.18.0.0", 15),
            Range.of("documentation", "198.51.100.0", 24),
            Range.of("documentation", "203.0.113.0", 24),
            Range.of("multicast", "224.0.0.0", 4),
            Range.of("reserved", "240.0.0.0", 4),
            Range.of("unspecified", "::", 128),
            Range.of("loopback", "::1", 128),
            Range.of("unique-local", "fc00::", 7),
            Range.of("link-local", "fe80::", 10),
            Range.of("site-local", "fec0::", 10),
            Range.of("multicast", "ff00::", 8),
            Range.of("documentation", "2001:db8::", 32));

    // IPv6 forms that carry an IPv4 address, which is checked in its turn: IPv4-compatible (::a.b.c.d), NAT64
    // (64:ff9b::/96 and the local-use 64:ff9b:1::/48) and 6to4 (2002:a.b.c.d::/48). IPv4-mapped ones
    // (::ffff:a.b.c.d) need none: Java reads them as the IPv4 address itself.
    private static final Range COMPATIBLE = Range.of("IPv4-compatible", "::", 96);
    private static final Range NAT64 = Range.of("NAT64", "64:ff9b::", 96);
    private static final Range LOCAL_NAT64 = Range.of("NAT64 local use", "64:ff9b:1::", 48);
    private static final Range SIX_TO_FOUR = Range.of("6to4", "2002::", 16);

    private EndpointAddresses() {
    }

    /** Why a webhook may not reach {@code address}, or empty when it is a public address. */
    static Optional<String> refusal(InetAddress address) {
        byte[] bytes = address.getAddress();
        for (Range range : INTERNAL) {
            if (range.contains(bytes)) {
                return Optional.of(range.name());
            }
        }
        if (address instanceof Inet6Address) {
            if (LOCAL_NAT64.contains(bytes)) {
                return Optional.of(LOCAL_NAT64.name());
            }
            for (Range carrier : List.of(COMPATIBLE, NAT64)) {
                if (carrier.contains(bytes)) {
                    return embedded(Arrays.copyOfRange(bytes, 12, 16), carrier.name());
                }
            }
            if (SIX_TO_FOUR.contains(bytes)) {
                return embedded(Arrays.copyOfRange(bytes, 2, 6), SIX_TO_FOUR.name());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> embedded(byte[] ipv4, String carrier) {
        try {
            return refusal(Inet4Address.getByAddress(ipv4)).map(inner -> inner + " (" + carrier + ")");
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The address to connect to for {@code host}: its first address, once every address it resolves to has been
     * found public (unless private ones are allowed, for a laptop).
     *
     * @throws Refused when one of them is not public
     * @throws UnknownHostException when the name does not resolve
     */
    static InetAddress checked(String host, boolean allowPrivate) throws UnknownHostException {
        InetAddress[] addresses = InetAddress.getAllByName(host);
        if (!allowPrivate) {
            for (InetAddress address : addresses) {
                Optional<String> refusal = refusal(address);
                if (refusal.isPresent()) {
                    throw new Refused(refusal.get());
                }
            }
        }
        return addresses[0];
    }

    /** A webhook host that resolves to an address the platform does not reach. */
    static final class Refused extends RuntimeException {

        Refused(String range) {
            super("the endpoint resolves to a " + range + " address, which webhooks may not reach");
        }
    }
}
