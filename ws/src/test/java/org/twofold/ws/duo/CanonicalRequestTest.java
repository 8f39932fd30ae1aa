package org.twofold.ws.duo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.twofold.integration.SignedRequest;

/**
 * Duo's request signature read back as Duo's own client makes it: each vector of {@code
 * signatures.tsv} is a request signed by Debian's python3-duo-client 4.5.0 with its own functions
 * ({@code signatures.py}, beside it), as it goes on the wire (query string or body, Host header with
 * a port); the server reads it and must find the client's canonical text and accept its signature.
 */
class CanonicalRequestTest {

    record Vector(int version, String method, String host, String hostHeader, String path, String query, String body, String date,
                  String skey, String canonical, String authorization) {
        @Override
        public String toString() {
            return "v" + version + " " + method + " " + path + " on " + hostHeader + " (" + authorization.length() + ")";
        }
    }

    static Stream<Vector> vectors() throws IOException {
        List<Vector> out = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                CanonicalRequestTest.class.getResourceAsStream("signatures.tsv"), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split("\t", -1);
                String[] d = new String[f.length];
                for (int i = 0; i < f.length; i++) {
                    d[i] = new String(Base64.getDecoder().decode(f[i]), StandardCharsets.UTF_8);
                }
                out.add(new Vector(Integer.parseInt(d[0]), d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], d[9], d[10]));
            }
        }
        assertEquals(18, out.size());
        return out.stream();
    }

    /** The parameters as DuoAuthApi reads them: query string and form body; a JSON body's are not signed in the fifth line. */
    private static Map<String, List<String>> signedParams(Vector v) {
        Map<String, List<String>> params = CanonicalRequest.form(v.query());
        if (v.version() != 4 || !"POST".equals(v.method())) {
            CanonicalRequest.form(v.version() == 4 ? "" : v.body()).forEach(params::put);
        }
        return params;
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void readsTheCanonicalTextTheClientSignedAndAcceptsItsSignature(Vector v) {
        CanonicalRequest.Credentials credentials = CanonicalRequest.credentials(v.authorization()).orElseThrow();
        assertEquals("DIWJ8X6AEYOR5OMC6TQ1", credentials.key());
        Instant at = CanonicalRequest.date(v.date()).orElseThrow();
        assertEquals(Instant.parse("2026-12-01T10:00:00Z"), at);
        String body = v.version() == 4 && "POST".equals(v.method()) ? v.body() : "";
        SignedRequest signed = CanonicalRequest.toSign(credentials, v.date(), at, v.method(), v.hostHeader(), v.path(), signedParams(v), body, Map.of())
                .orElseThrow();
        assertTrue(signed.canonicals().contains(v.canonical()), signed.canonicals() + " has " + v.canonical());
        assertTrue(signed.matches(v.skey().getBytes(StandardCharsets.UTF_8)), "the client's signature is accepted");
        assertFalse(signed.matches("another secret entirely, 40 chars long!!".getBytes(StandardCharsets.UTF_8)), "under another secret it is not");
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void aChangedParameterMethodPathOrHostBreaksTheSignature(Vector v) {
        CanonicalRequest.Credentials credentials = CanonicalRequest.credentials(v.authorization()).orElseThrow();
        Instant at = CanonicalRequest.date(v.date()).orElseThrow();
        byte[] skey = v.skey().getBytes(StandardCharsets.UTF_8);
        String body = v.version() == 4 && "POST".equals(v.method()) ? v.body() : "";
        Map<String, List<String>> more = signedParams(v);
        more.put("username", List.of("mallory"));
        String tamperedBody = body.isEmpty() ? body : body.replace("}", ",\"x\":\"y\"}");
        if (!body.isEmpty()) {
            more = signedParams(v);
        }
        assertFalse(CanonicalRequest.toSign(credentials, v.date(), at, v.method(), v.hostHeader(), v.path(), more, tamperedBody, Map.of()).orElseThrow().matches(skey));
        String otherMethod = "GET".equals(v.method()) ? "DELETE" : "GET";
        assertFalse(CanonicalRequest.toSign(credentials, v.date(), at, otherMethod, v.hostHeader(), v.path(), signedParams(v), body, Map.of()).orElseThrow().matches(skey));
        assertFalse(CanonicalRequest.toSign(credentials, v.date(), at, v.method(), v.hostHeader(), "/auth/v2/logo", signedParams(v), body, Map.of()).orElseThrow().matches(skey));
        assertFalse(CanonicalRequest.toSign(credentials, v.date(), at, v.method(), "evil.example.net", v.path(), signedParams(v), body, Map.of()).orElseThrow().matches(skey));
        assertFalse(CanonicalRequest.toSign(credentials, "Tue, 01 Dec 2026 10:00:01 -0000", at, v.method(), v.hostHeader(), v.path(), signedParams(v), body, Map.of())
                .orElseThrow().matches(skey), "the date is signed");
    }

    @Test
    void encodesAllButUnreservedBytesInUpperCaseHexAndSortsByNameThenValue() {
        assertEquals("a%20b%2B%2F%3D%26~-._%C3%AB", CanonicalRequest.encode("a b+/=&~-._ë"));
        assertEquals("a=1&a=2&b=%20&z=", CanonicalRequest.params(Map.of("z", List.of(""), "b", List.of(" "), "a", List.of("2", "1"))));
        assertEquals("", CanonicalRequest.params(Map.of()));
    }

    @Test
    void readsTheHostWithAndWithoutItsPort() {
        assertEquals(List.of("localhost:8080", "localhost"), CanonicalRequest.hosts("localhost:8080"));
        assertEquals(List.of("api.example.org"), CanonicalRequest.hosts("api.example.org"));
        assertEquals(List.of("[::1]:8443", "[::1]"), CanonicalRequest.hosts("[::1]:8443"));
        assertEquals(List.of("[::1]"), CanonicalRequest.hosts("[::1]"));
    }

    @Test
    void refusesWhatIsNotBasicWithKeyAndSignatureOrASignatureOfNoKnownLength() {
        assertTrue(CanonicalRequest.credentials(null).isEmpty());
        assertTrue(CanonicalRequest.credentials("Bearer abc").isEmpty());
        assertTrue(CanonicalRequest.credentials("Basic !!!").isEmpty());
        assertTrue(CanonicalRequest.credentials("Basic " + b64("nokey")).isEmpty());
        assertTrue(CanonicalRequest.credentials("Basic " + b64(":sig")).isEmpty());
        assertTrue(CanonicalRequest.credentials("Basic " + b64("key:")).isEmpty());
        CanonicalRequest.Credentials shortSignature = CanonicalRequest.credentials("Basic " + b64("DIKEY:abcdef")).orElseThrow();
        assertTrue(CanonicalRequest.toSign(shortSignature, "d", Instant.EPOCH, "GET", "h", "/p", Map.of(), "", Map.of()).isEmpty(),
                "a signature that is neither a SHA-1 nor a SHA-512 HMAC");
        assertTrue(CanonicalRequest.date("yesterday").isEmpty());
        assertTrue(CanonicalRequest.date(null).isEmpty());
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
