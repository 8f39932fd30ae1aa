package org.twofold.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressBlockTest {

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void singleAddressContainsOnlyItself() throws Exception {
        AddressBlock b = AddressBlock.parse("192.0.2.7").orElseThrow();
        assertTrue(b.contains(ip("192.0.2.7")));
        assertFalse(b.contains(ip("192.0.2.8")));
        assertEquals("192.0.2.7", b.toString());
    }

    @Test
    void cidrBlockContainsItsRangeOnly() throws Exception {
        AddressBlock b = AddressBlock.parse(" 10.20.5.9/16 ").orElseThrow();
        assertEquals("10.20.0.0/16", b.toString());
        assertTrue(b.contains(ip("10.20.255.1")));
        assertFalse(b.contains(ip("10.21.0.1")));
        AddressBlock odd = AddressBlock.parse("172.16.0.0/12").orElseThrow();
        assertTrue(odd.contains(ip("172.31.255.255")));
        assertFalse(odd.contains(ip("172.32.0.0")));
    }

    @Test
    void ipv6BlocksAndFamiliesStayApart() throws Exception {
        AddressBlock b = AddressBlock.parse("2001:db8::/32").orElseThrow();
        assertTrue(b.contains(ip("2001:db8:1::5")));
        assertFalse(b.contains(ip("2001:db9::1")));
        assertFalse(AddressBlock.parse("0.0.0.0/0").orElseThrow().contains(ip("::1")));
        assertTrue(AddressBlock.parse("0.0.0.0/0").orElseThrow().contains(ip("203.0.113.1")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "vpn.example.edu", "10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/8/8", "10.0.0.256", "10.0.0.0/ 8"})
    void refusesWhatIsNoAddressOrBlock(String text) {
        assertTrue(AddressBlock.parse(text).isEmpty(), text);
    }
}
