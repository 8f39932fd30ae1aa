package org.twofold.ws.duo;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.twofold.integration.SignedRequest;

/**
 * Duo's request signature as its Web API clients make it (duo_client 4.5 {@code client.py},
 * {@code canonicalize} and {@code sign}): HTTP Basic with the integration key as user name and, as
 * password, the hex HMAC of a canonical text of the request under the integration secret.
 * <ul>
 * <li>version 2 (the clients' default, HMAC-SHA1; SHA-512 if the client chose it): the lines
 *     {@code date}, {@code METHOD}, {@code host} in lower case, {@code path}, canonical parameters;</li>
 * <li>version 4 (HMAC-SHA512): the same lines and a sixth, the hex SHA-512 of the body (JSON for
 *     POST, whose parameters then are not in the fifth line; empty for GET).</li>
 * <li>version 5 (HMAC-SHA512; the default of duo_client 5 for Python and of {@code
 *     com.duosecurity:duo-client} 0.7 for Java, {@code Http.canonRequest}): version 4's lines and a
 *     seventh, the hex SHA-512 of the request's {@code X-Duo-*} headers (names in lower case, sorted,
 *     each name and value joined by NUL, all joined by NUL; {@code ""} when there is none).</li>
 * </ul>
 * Canonical parameters are OAuth 1.0's (RFC 5849 §3.4.1.3.2): names and values percent-encoded
 * (all bytes of their UTF-8 but {@code A-Z a-z 0-9 - . _ ~}, upper-case hex), sorted by name, then
 * by value, joined by {@code &}. Version 1 (no date signed, so a captured request could be replayed
 * for ever) is not accepted on Auth API v2; duo_unix's REST v1 signs only so ({@link #toSignUndated}). The server cannot tell versions apart from the request, so it reads it
 * every way the signature's length allows ({@link #toSign}); the host is tried as the
 * {@code Host} header names it and without its port, since clients sign the host name they were
 * given and their HTTP library adds the port.
 */
final class CanonicalRequest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String EMPTY_SHA512 = sha512("");

    private CanonicalRequest() {
    }

    /** The credentials of an {@code Authorization: Basic} header: integration key and hex signature. */
    record Credentials(String key, String signature) {
    }

    /** The key and signature of {@code authorization}, if it is HTTP Basic with both. */
    static Optional<Credentials> credentials(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0 || colon == decoded.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }

    /** The instant of an RFC 5322 date ({@code Date} / {@code X-Duo-Date}), as the clients write it; empty if unreadable. */
    static Optional<Instant> date(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZonedDateTime.parse(text.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * What the signature may be the HMAC of: by its length the algorithm (40 hex digits SHA-1, 128
     * SHA-512), and the canonical texts of the versions that algorithm goes with, for the host with
     * and without its port. Empty for a signature of any other length.
     *
     * @param body the raw body (JSON for version 4 and 5 POSTs), or "" when there is none
     * @param duoHeaders the request's {@code X-Duo-*} headers, names in lower case (version 5 signs them)
     */
    static Optional<SignedRequest> toSign(Credentials credentials, String date, Instant at, String method, String hostHeader, String path,
                                          Map<String, List<String>> params, String body, Map<String, String> duoHeaders) {
        int length = credentials.signature().length();
        if (length != 40 && length != 128) {
            return Optional.empty();
        }
        List<String> canonicals = new ArrayList<>();
        for (String host : hosts(hostHeader)) {
            canonicals.add(version2(date, method, host, path, params));
            if (length == 128) {
                canonicals.add(version4(date, method, host, path, params, body));
                canonicals.add(version5(date, method, host, path, params, body, duoHeaders));
            }
        }
        SignedRequest.Algorithm algorithm = length == 40 ? SignedRequest.Algorithm.HMAC_SHA1 : SignedRequest.Algorithm.HMAC_SHA512;
        return Optional.of(new SignedRequest(algorithm, at, canonicals, credentials.signature()));
    }

    /** The host as named, and without its port: {@code localhost:8080} → {@code localhost:8080}, {@code localhost}. */
    static List<String> hosts(String hostHeader) {
        String host = hostHeader == null ? "" : hostHeader.trim();
        int colon = host.lastIndexOf(':');
        boolean hasPort = colon > host.lastIndexOf(']') && colon > 0;
        return hasPort ? List.of(host, host.substring(0, colon)) : List.of(host);
    }

    /**
     * Duo's legacy signature (REST v1, duo_unix 1.x {@code https_send}): HMAC-SHA1 of the lines
     * {@code METHOD}, {@code host} in lower case, {@code path}, parameters — no date. The parameters
     * as the client sent them ({@code raw}: the query of a GET, the form body of a POST, which
     * duo_unix sorts and encodes before it signs them) and in canonical form, for the host with and
     * without its port. Empty unless the signature has SHA-1's 40 hex digits.
     */
    static Optional<SignedRequest> toSignUndated(Credentials credentials, String method, String hostHeader, String path,
                                                 Map<String, List<String>> params, String raw) {
        if (credentials.signature().length() != 40) {
            return Optional.empty();
        }
        List<String> canonicals = new ArrayList<>();
        for (String host : hosts(hostHeader)) {
            String head = String.join("\n", method.toUpperCase(Locale.ROOT), host.toLowerCase(Locale.ROOT), path);
            canonicals.add(head + "\n" + raw);
            String canonical = params(params);
            if (!canonical.equals(raw)) {
                canonicals.add(head + "\n" + canonical);
            }
        }
        return Optional.of(new SignedRequest(SignedRequest.Algorithm.HMAC_SHA1, null, canonicals, credentials.signature()));
    }

    static String version2(String date, String method, String host, String path, Map<String, List<String>> params) {
        return String.join("\n", date, method.toUpperCase(Locale.ROOT), host.toLowerCase(Locale.ROOT), path, params(params));
    }

    /** Version 4: version 2's lines and the body's hex SHA-512 ({@code ""}'s for a request without one). */
    static String version4(String date, String method, String host, String path, Map<String, List<String>> params, String body) {
        return version2(date, method, host, path, params) + "\n" + (body == null || body.isEmpty() ? EMPTY_SHA512 : sha512(body));
    }

    /** Version 5: version 4's lines and the hex SHA-512 of the {@code X-Duo-*} headers ({@link #duoHeaders}). */
    static String version5(String date, String method, String host, String path, Map<String, List<String>> params, String body,
                           Map<String, String> duoHeaders) {
        return version4(date, method, host, path, params, body) + "\n" + sha512(duoHeaders(duoHeaders));
    }

    /**
     * The {@code X-Duo-*} headers as version 5 signs them: names in lower case, sorted, name and value
     * joined by NUL, the pairs joined by NUL ({@code x-duo-a\0one\0x-duo-b\0two}); {@code ""} for none.
     */
    static String duoHeaders(Map<String, String> headers) {
        TreeMap<String, String> sorted = new TreeMap<>();
        headers.forEach((name, value) -> sorted.put(name.toLowerCase(Locale.ROOT), value));
        List<String> parts = new ArrayList<>();
        sorted.forEach((name, value) -> {
            parts.add(name);
            parts.add(value);
        });
        return String.join("\0", parts);
    }

    /** The canonical parameters: encoded, sorted by name then value, joined by {@code &}. */
    static String params(Map<String, List<String>> params) {
        TreeMap<String, List<String>> sorted = new TreeMap<>();
        params.forEach((name, values) -> sorted.put(encode(name), values.stream().map(CanonicalRequest::encode).sorted().toList()));
        List<String> pairs = new ArrayList<>();
        sorted.forEach((name, values) -> values.forEach(v -> pairs.add(name + "=" + v)));
        return String.join("&", pairs);
    }

    /** Percent-encodes all of {@code text}'s UTF-8 bytes but the unreserved {@code A-Z a-z 0-9 - . _ ~}. */
    static String encode(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX.withUpperCase().toHexDigits((byte) c));
            }
        }
        return out.toString();
    }

    /**
     * The parameters of an {@code application/x-www-form-urlencoded} text (a query string or a form
     * body), in order, each name with all its values.
     */
    static Map<String, List<String>> form(String text) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return out;
    }

    private static String sha512(String text) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-512").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
