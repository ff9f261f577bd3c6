package org.socialmaturity.recommendations.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointAddressesTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "127.0.0.1, loopback",
            "127.255.0.9, loopback",
            "0.0.0.0, unspecified",
            "10.1.2.3, private",
            "172.16.0.1, private",
            "172.31.255.255, private",
            "192.168.1.1, private",
            "169.254.169.254, link-local",
            "100.64.0.1, carrier-grade NAT",
            "100.127.255.255, carrier-grade NAT",
            "198.18.0.1, benchmarking",
            "224.0.0.1, multicast",
            "240.0.0.1, reserved",
            "255.255.255.255, reserved",
            "::1, loopback",
            "::, unspecified",
            "fc00::1, unique-local",
            "fd12:3456::1, unique-local",
            "fe80::1, link-local",
            "ff02::1, multicast",
            "::ffff:127.0.0.1, loopback",
            "::ffff:10.0.0.1, private",
            "::127.0.0.1, loopback (IPv4-compatible)",
            "64:ff9b::7f00:1, loopback (NAT64)",
            "64:ff9b::a9fe:a9fe, link-local (NAT64)",
            "64:ff9b:1::1, NAT64 local use",
            "2002:7f00:1::, loopback (6to4)",
            "2002:c0a8:101::1, private (6to4)",
    })
    void internalAddressesAreRefusedNamingTheirRange(String address, String range) throws Exception {
        assertEquals(Optional.of(range), EndpointAddresses.refusal(InetAddress.getByName(address)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "100.63.255.255", "100.128.0.0", "172.32.0.1", "192.169.0.1",
            "2606:4700:4700::1111", "64:ff9b::808:808", "2002:808:808::1"})
    void publicAddressesMayBeReached(String address) throws Exception {
        assertEquals(Optional.empty(), EndpointAddresses.refusal(InetAddress.getByName(address)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "127.0.0.1", "[::1]"})
    void aNameIsCheckedByEveryAddressItResolvesTo(String host) throws Exception {
        assertThrows(EndpointAddresses.Refused.class, () -> EndpointAddresses.checked(host, false));
        assertTrue(EndpointAddresses.checked(host, true).isLoopbackAddress(), "allowed on a laptop");
    }

    @org.junit.jupiter.api.Test
    void theDeliveryLogNamesWhatWentWrongWithoutThePlatformsInternals() {
        assertEquals("could not connect to the endpoint",
                WebhookDispatcher.publicReason(new ConnectException("Connection refused: /10.0.3.7:8443")));
        assertEquals("the endpoint's host name does not resolve",
                WebhookDispatcher.publicReason(new UnknownHostException("portal.example: Temporary failure in name resolution")));
        assertEquals("the TLS handshake with the endpoint failed",
                WebhookDispatcher.publicReason(new SSLHandshakeException("PKIX path building failed")));
        assertEquals("the connection to the endpoint failed before a complete answer",
                WebhookDispatcher.publicReason(new IllegalStateException("io.vertx.core.VertxException at pod 10.0.3.7")));
    }
}
