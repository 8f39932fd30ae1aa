package org.twofold.passcode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OtpAuthUriTest {
    private static final byte[] SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void buildsKeyUriWithAllParameters() {
        assertEquals("otpauth://totp/Twofold:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
                        + "&issuer=Twofold&algorithm=SHA1&digits=6&period=30",
                OtpAuthUri.totp("Twofold", "alice", SEED, OtpAlgorithm.SHA1, 6));
    }

    @Test
    void carriesAlgorithmAndDigits() {
        Map<String, String> q = query(URI.create(OtpAuthUri.totp("Twofold", "bob", SEED, OtpAlgorithm.SHA512, 8)));
        assertEquals("SHA512", q.get("algorithm"));
        assertEquals("8", q.get("digits"));
        assertEquals("30", q.get("period"));
    }

    @Test
    void percentEncodesIssuerAndAccountWithoutPlusSigns() {
        String uri = OtpAuthUri.totp("Acme Corp & Co", "alice smith@example.com", SEED, OtpAlgorithm.SHA256, 6);
        URI parsed = URI.create(uri);
        assertEquals("otpauth", parsed.getScheme());
        assertEquals("totp", parsed.getHost());
        assertEquals("/Acme Corp & Co:alice smith@example.com", parsed.getPath());
        Map<String, String> q = query(parsed);
        assertEquals("Acme Corp & Co", q.get("issuer"));
        assertEquals("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", q.get("secret"));
        assertEquals("SHA256", q.get("algorithm"));
        assertFalse(uri.contains("+"), uri);
    }

    @Test
    void secretDecodesBackToSeed() {
        byte[] seed = new byte[20];
        for (int i = 0; i < seed.length; i++) {
            seed[i] = (byte) (i * 37 + 200);
        }
        Map<String, String> q = query(URI.create(OtpAuthUri.totp("Twofold", "alice", seed, OtpAlgorithm.SHA1, 6)));
        assertArrayEquals(seed, Base32.decode(q.get("secret")));
    }

    /** The decoded query parameters, splitting on the raw '&' and '=' so encoded ones stay inside values. */
    private static Map<String, String> query(URI uri) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            m.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return m;
    }
}
