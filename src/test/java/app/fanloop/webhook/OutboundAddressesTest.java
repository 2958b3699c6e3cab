package app.fanloop.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Which addresses a webhook may never reach, and which URLs are refused by their form alone (no app needed). */
class OutboundAddressesTest {

    @Test
    void private_loopback_link_local_unique_local_multicast_and_unspecified_addresses_are_internal() throws Exception {
        for (String address : List.of("127.0.0.1", "127.8.9.10", "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1",
                "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "198.18.0.1", "::1", "::",
                "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:10.1.2.3", "64:ff9b::a9fe:a9fe",
                "2002:7f00:1::1")) {
            assertTrue(OutboundAddresses.isInternal(InetAddress.getByName(address)), address);
        }
    }

    @Test
    void public_addresses_are_not_internal() throws Exception {
        for (String address : List.of("93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700:4700::1111",
                "2001:4860:4860::8888")) {
            assertFalse(OutboundAddresses.isInternal(InetAddress.getByName(address)), address);
        }
    }

    @Test
    void only_absolute_http_and_https_urls_without_credentials_are_accepted() throws Exception {
        assertEquals("hooks.example.com", OutboundAddresses.parse("https://hooks.example.com/in?x=1").getHost());
        assertEquals("url_scheme", assertThrows(OutboundAddresses.Refused.class,
                () -> OutboundAddresses.parse("file:///etc/passwd")).code);
        assertEquals("url_scheme", assertThrows(OutboundAddresses.Refused.class,
                () -> OutboundAddresses.parse("gopher://example.com/")).code);
        assertEquals("url_invalid", assertThrows(OutboundAddresses.Refused.class,
                () -> OutboundAddresses.parse("https://user:pw@example.com/")).code);
        assertEquals("url_invalid", assertThrows(OutboundAddresses.Refused.class,
                () -> OutboundAddresses.parse("https:///no-host")).code);
    }
}
