package org.twofold.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.twofold.delivery.PhoneAccess.Answer;

class PhoneAccessTest {
    @Test
    void withoutTheSimulatorThereIsNothingThere() {
        assertEquals(Answer.NOT_FOUND, PhoneAccess.of(false, null).decide("127.0.0.1", false));
        assertEquals(Answer.NOT_FOUND, PhoneAccess.of(false, "0.0.0.0/0").decide("192.0.2.7", false));
    }

    @Test
    void byDefaultOnlyLoopbackGetsIn() {
        PhoneAccess access = PhoneAccess.of(true, null);
        assertEquals(Answer.SERVE, access.decide("127.0.0.1", false));
        assertEquals(Answer.SERVE, access.decide("127.8.9.10", false));
        assertEquals(Answer.SERVE, access.decide("0:0:0:0:0:0:0:1", false));
        assertEquals(Answer.SERVE, access.decide("::1", false));
        assertEquals(Answer.SERVE, access.decide("::ffff:127.0.0.1", false), "IPv4-mapped loopback");
        assertEquals(Answer.REFUSED, access.decide("192.0.2.2", false));
        assertEquals(Answer.REFUSED, access.decide("10.0.0.1", false));
        assertEquals(Answer.REFUSED, access.decide("fd00::2", false));
        assertEquals(Answer.REFUSED, access.decide("128.0.0.1", false));
    }

    @Test
    void aForwardedRequestIsRefusedEvenFromLoopback() {
        assertEquals(Answer.REFUSED, PhoneAccess.of(true, null).decide("127.0.0.1", true), "a proxy on this host forwards everyone from loopback");
    }

    @Test
    void configuredAddressesAndBlocksGetIn() {
        PhoneAccess access = PhoneAccess.of(true, " 10.1.0.0/16 , 192.0.2.7, fd00::/8 ");
        assertEquals(Answer.SERVE, access.decide("10.1.255.3", false));
        assertEquals(Answer.REFUSED, access.decide("10.2.0.1", false));
        assertEquals(Answer.SERVE, access.decide("192.0.2.7", false));
        assertEquals(Answer.REFUSED, access.decide("192.0.2.8", false));
        assertEquals(Answer.SERVE, access.decide("fd00::2", false));
        assertEquals(Answer.REFUSED, access.decide("127.0.0.1", false), "the list replaces the loopback default");
        assertEquals(Answer.SERVE, PhoneAccess.of(true, "10.1.2.3/12").decide("10.15.0.1", false), "a prefix that is not a whole byte");
        assertEquals(Answer.REFUSED, PhoneAccess.of(true, "10.1.2.3/12").decide("10.16.0.1", false));
    }

    @Test
    void anUnreadableAddressIsRefused() {
        assertEquals(Answer.REFUSED, PhoneAccess.of(true, null).decide(null, false));
        assertEquals(Answer.REFUSED, PhoneAccess.of(true, null).decide("localhost", false), "never looked up");
    }

    @Test
    void aBadSettingRefusesToStart() {
        assertThrows(IllegalStateException.class, () -> PhoneAccess.of(true, "localhost"));
        assertThrows(IllegalStateException.class, () -> PhoneAccess.of(true, "10.0.0.0/33"));
        assertThrows(IllegalStateException.class, () -> PhoneAccess.of(true, "10.0.0.0/x"));
        assertThrows(IllegalStateException.class, () -> PhoneAccess.of(true, "300.1.1.1"));
    }
}
