package org.twofold.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TransportTest {
    private final Transport https = new Transport(8443, false);
    private final Transport plainOnly = new Transport(null, false);
    private final Transport behindProxy = new Transport(null, true);

    @Test
    void plainHttpGoesToTheHttpsPortWithPathAndQuery() {
        assertEquals(Optional.of("https://mfa.example.edu:8443/portal?next=portal"),
                https.redirect(false, "mfa.example.edu", "/portal", "next=portal"));
        assertEquals(Optional.of("https://mfa.example.edu:8443/"), https.redirect(false, "mfa.example.edu", "/", null));
    }

    @Test
    void standardPortIsLeftOutAndIpv6IsBracketed() {
        assertEquals(Optional.of("https://mfa.example.edu/"), new Transport(443, false).redirect(false, "mfa.example.edu", "/", ""));
        assertEquals(Optional.of("https://[::1]:8443/"), https.redirect(false, "::1", "/", null));
    }

    @Test
    void secureRequestsHealthProbeAndServersWithoutHttpsAreNotRedirected() {
        assertEquals(Optional.empty(), https.redirect(true, "localhost", "/", null));
        assertEquals(Optional.empty(), https.redirect(false, "localhost", "/health", null));
        assertEquals(Optional.empty(), plainOnly.redirect(false, "localhost", "/", null));
    }

    @Test
    void forwardedProtoIsBelievedOnlyFromATrustedProxy() {
        assertFalse(https.secure(false, "https"));
        assertFalse(plainOnly.secure(false, "https"));
        assertTrue(behindProxy.secure(false, "https"));
        assertTrue(behindProxy.secure(false, "HTTPS, http"));
        assertFalse(behindProxy.secure(false, "http, https"));
        assertFalse(behindProxy.secure(false, null));
        assertTrue(plainOnly.secure(true, null));
    }
}
