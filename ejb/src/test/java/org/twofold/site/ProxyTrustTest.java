package org.twofold.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProxyTrustTest {
    private static final ProxyTrust BEHIND_PROXY = new ProxyTrust(true, "127.0.0.1/32, 10.0.0.0/8, ::1/128, 2001:db8:1::/48");
    private static final ProxyTrust NO_PROXY = new ProxyTrust(false, "127.0.0.1/32, 10.0.0.0/8");

    private static List<String> headers(String... values) {
        return Arrays.asList(values);
    }

    @Test
    void withoutTrustTheHeaderIsIgnoredEvenFromAProxyAddress() {
        assertEquals("127.0.0.1", NO_PROXY.clientAddress("127.0.0.1", headers("203.0.113.7")));
        assertEquals("198.51.100.2", NO_PROXY.clientAddress("198.51.100.2", headers("203.0.113.7")));
        assertFalse(NO_PROXY.trusts("127.0.0.1"));
    }

    @Test
    void aClientThatIsNoTrustedProxyCannotNameAnotherAddress() {
        assertEquals("198.51.100.2", BEHIND_PROXY.clientAddress("198.51.100.2", headers("203.0.113.7")));
        assertEquals("127.0.0.2", BEHIND_PROXY.clientAddress("127.0.0.2", headers("127.0.0.9")));
    }

    @Test
    void behindATrustedProxyTheClientIsWhatTheProxyAppended() {
        assertEquals("203.0.113.7", BEHIND_PROXY.clientAddress("127.0.0.1", headers("203.0.113.7")));
        assertEquals("127.0.0.1", BEHIND_PROXY.clientAddress("127.0.0.1", null), "no header: the proxy is the client");
        assertEquals("127.0.0.1", BEHIND_PROXY.clientAddress("127.0.0.1", headers()), "no header: the proxy is the client");
    }

    @Test
    void aSpoofedEntryLeftOfTheProxysIsNeverBelieved() {
        // the client sent "X-Forwarded-For: 192.0.2.1"; the proxy appended the address it saw
        assertEquals("203.0.113.7", BEHIND_PROXY.clientAddress("127.0.0.1", headers("192.0.2.1, 203.0.113.7")));
        // even a spoofed trusted address, or garbage, left of the real one
        assertEquals("203.0.113.7", BEHIND_PROXY.clientAddress("127.0.0.1", headers("10.1.2.3, 203.0.113.7")));
        assertEquals("203.0.113.7", BEHIND_PROXY.clientAddress("127.0.0.1", headers("<script>, unknown, 203.0.113.7")));
    }

    @Test
    void walksPastEveryTrustedProxyFromTheRight() {
        // client → 10.0.0.5 (a trusted inner proxy) → 127.0.0.1 (the local proxy) → Twofold
        assertEquals("203.0.113.7", BEHIND_PROXY.clientAddress("127.0.0.1", headers("192.0.2.1, 203.0.113.7, 10.0.0.5")));
        // every hop trusted: the leftmost trusted one is the client
        assertEquals("10.0.0.9", BEHIND_PROXY.clientAddress("127.0.0.1", headers("10.0.0.9, 10.0.0.5")));
    }

    @Test
    void severalHeadersAreOneListInTheirOrder() {
        assertEquals("203.0.113.7", BEHIND_PROXY.clientAddress("127.0.0.1", headers("192.0.2.1", "203.0.113.7")));
        assertEquals("203.0.113.7", BEHIND_PROXY.clientAddress("127.0.0.1", headers("192.0.2.1", "203.0.113.7, 10.0.0.5")));
        assertEquals("198.51.100.1", BEHIND_PROXY.clientAddress("127.0.0.1", headers("203.0.113.7", "198.51.100.1", "")));
    }

    @Test
    void anEntryThatIsNoAddressEndsTheWalkAtTheProxyThatReportedIt() {
        assertEquals("10.0.0.5", BEHIND_PROXY.clientAddress("127.0.0.1", headers("unknown, 10.0.0.5")));
        assertEquals("127.0.0.1", BEHIND_PROXY.clientAddress("127.0.0.1", headers("evil.example.com")), "a host name is never looked up");
        assertEquals("127.0.0.1", BEHIND_PROXY.clientAddress("127.0.0.1", headers("999.1.1.1")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2001:db8:9::7                  | 2001:db8:9:0:0:0:0:7",
            "[2001:db8:9::7]                | 2001:db8:9:0:0:0:0:7",
            "[2001:db8:9::7]:4711           | 2001:db8:9:0:0:0:0:7",
            "203.0.113.7:4711               | 203.0.113.7",
            "::ffff:203.0.113.7             | 203.0.113.7",
            "2001:db8:9::7, 2001:db8:1::5   | 2001:db8:9:0:0:0:0:7",
    })
    void ipv6AndPortsAreNormalised(String header, String client) {
        assertEquals(client, BEHIND_PROXY.clientAddress("::1", headers(header)));
        assertEquals(client, BEHIND_PROXY.clientAddress("0:0:0:0:0:0:0:1", headers(header)));
    }

    @Test
    void networksMatchByPrefix() {
        ProxyTrust t = new ProxyTrust(true, "192.168.16.0/20, fd00::/8");
        assertTrue(t.trusts("192.168.31.255"));
        assertFalse(t.trusts("192.168.32.0"));
        assertTrue(t.trusts("fdab::1"));
        assertFalse(t.trusts("fe80::1"));
        assertFalse(t.trusts("localhost"), "names are no addresses");
        assertTrue(new ProxyTrust(true, "0.0.0.0/0").trusts("8.8.8.8"));
    }

    @Test
    void aBadTrustedProxiesEntryIsRefusedWithItsText() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ProxyTrust(true, "127.0.0.1, proxy.example.com"));
        assertTrue(e.getMessage().contains("proxy.example.com"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ProxyTrust(true, "10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> new ProxyTrust(true, "10.0.0.0/x"));
    }

    @Test
    void theDefaultTrustsLoopbackOnly() {
        ProxyTrust t = new ProxyTrust(true, Settings.of(java.util.Map.of(), java.util.Map.of()).get(Settings.TRUSTED_PROXIES));
        assertTrue(t.trusts("127.0.0.1"));
        assertTrue(t.trusts("127.0.0.2"));
        assertTrue(t.trusts("::1"));
        assertFalse(t.trusts("10.0.0.1"));
    }
}
