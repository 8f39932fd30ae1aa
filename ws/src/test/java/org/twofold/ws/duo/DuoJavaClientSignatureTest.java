package org.twofold.ws.duo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.duosecurity.client.Http;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.twofold.integration.SignedRequest;

/**
 * Duo's Java client library ({@code com.duosecurity:duo-client} 0.7.1) signs with HMAC-SHA512
 * always, and by default with signature version 5 (its {@code Http.canonRequest}: version 4's lines
 * and the SHA-512 of the {@code X-Duo-*} headers). Its own canonical text and signature, taken from
 * the library through a subclass, are read back here as DuoAuthApi reads a request: the body it
 * sends (JSON for POST, the query string for GET), the host it was given, the headers it adds.
 */
class DuoJavaClientSignatureTest {
    private static final String IKEY = "DIWJ8X6AEYOR5OMC6TQ1";
    private static final String SKEY = "Zh5eGmUq9zpfQnyUIu5OL9iWoMMv5ZNmk3zLJ4Ep";
    private static final String DATE = "Tue, 01 Dec 2026 10:00:00 +0000";
    private static final String HOST = "api.example.org";

    /** Duo's own request, opened up: its canonical text and HMAC as the library computes them. */
    private static final class DuoRequest extends Http {
        private final Map<String, String> params = new TreeMap<>();

        DuoRequest(String method, String uri) {
            super(method, HOST, uri, 10);
        }

        DuoRequest param(String name, String value) {
            addParam(name, value);
            params.put(name, value);
            return this;
        }

        String canonical(int version) throws Exception {
            return canonRequest(DATE, version);
        }

        String signature(int version) throws Exception {
            return signHMAC(SKEY, canonical(version));
        }

        /** The JSON body the library sends with a POST (version 5): {@code new JSONObject(params)}. */
        String jsonBody() {
            return new JSONObject(params).toString();
        }
    }

    private static SignedRequest read(DuoRequest r, String method, String path, Map<String, List<String>> signed, String body,
                                      Map<String, String> duoHeaders, String signature) {
        CanonicalRequest.Credentials credentials = new CanonicalRequest.Credentials(IKEY, signature);
        Instant at = CanonicalRequest.date(DATE).orElseThrow();
        return CanonicalRequest.toSign(credentials, DATE, at, method, HOST, path, signed, body, duoHeaders).orElseThrow();
    }

    @Test
    void aVersion5PostWithAJsonBodyIsAccepted() throws Exception {
        DuoRequest r = new DuoRequest("POST", "/auth/v2/auth").param("username", "Zoë").param("factor", "passcode").param("passcode", "123 456");
        String signature = r.signature(5);
        assertEquals(128, signature.length(), "HMAC-SHA512");
        SignedRequest read = read(r, "POST", "/auth/v2/auth", Map.of(), r.jsonBody(), Map.of(), signature);
        assertTrue(read.canonicals().contains(r.canonical(5)), read.canonicals() + " has " + r.canonical(5));
        assertTrue(read.matches(SKEY.getBytes(StandardCharsets.UTF_8)));
        assertFalse(read(r, "POST", "/auth/v2/auth", Map.of(), r.jsonBody().replace("123 456", "654 321"), Map.of(), signature)
                .matches(SKEY.getBytes(StandardCharsets.UTF_8)), "the body is signed");
    }

    @Test
    void aVersion5GetSignsItsQueryAndItsXDuoHeaders() throws Exception {
        DuoRequest r = new DuoRequest("GET", "/auth/v2/auth_status").param("txid", "a b&c=d");
        r.addAdditionalDuoHeader(Map.of("x-duo-b", "two", "x-duo-a", "one"));
        String signature = r.signature(5);
        Map<String, List<String>> query = CanonicalRequest.form("txid=a%20b%26c%3Dd");
        Map<String, String> headers = Map.of("x-duo-a", "one", "x-duo-b", "two");
        assertTrue(read(r, "GET", "/auth/v2/auth_status", query, "", headers, signature).matches(SKEY.getBytes(StandardCharsets.UTF_8)));
        assertFalse(read(r, "GET", "/auth/v2/auth_status", query, "", Map.of("x-duo-a", "one", "x-duo-b", "three"), signature)
                .matches(SKEY.getBytes(StandardCharsets.UTF_8)), "the X-Duo headers are signed");
        assertFalse(read(r, "GET", "/auth/v2/auth_status", query, "", Map.of(), signature).matches(SKEY.getBytes(StandardCharsets.UTF_8)));
    }

    /** Version 2 from this library is HMAC-SHA512 over version 2's text (Python's default is HMAC-SHA1). */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"GET", "POST"})
    void aVersion2RequestSignedWithSha512IsAccepted(String method) throws Exception {
        DuoRequest r = new DuoRequest(method, "/auth/v2/preauth").param("username", "alice").param("ipaddr", "198.51.100.7");
        String signature = r.signature(2);
        assertEquals(128, signature.length());
        Map<String, List<String>> form = CanonicalRequest.form("ipaddr=198.51.100.7&username=alice");
        assertTrue(read(r, method, "/auth/v2/preauth", form, "", Map.of(), signature).matches(SKEY.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theXDuoHeadersAreJoinedByNulInNameOrder() {
        assertEquals("x-duo-a\0one\0x-duo-b\0two", CanonicalRequest.duoHeaders(Map.of("X-Duo-B", "two", "x-duo-a", "one")));
        assertEquals("", CanonicalRequest.duoHeaders(Map.of()));
    }
}
