package org.twofold.universal;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.duosecurity.Client;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JWTs as Duo's Web SDK v4 for Java makes them: authorization requests by its own {@code
 * Client.createAuthUrl}; client assertions as its {@code Utils.createJwt} (package-private there)
 * writes them, with the same library (auth0 java-jwt) and claims.
 */
final class DuoVectors {
    static final String CLIENT = "DIABCDEFGHJKLMNPQRST";
    static final String SECRET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123";
    static final String OTHER_SECRET = "0123456789abcdefghijklmnopqrstuvwxyzABCD";
    static final String HOST = "twofold.example.edu";
    static final String REDIRECT = "https://library.example.edu/duo-callback";
    static final String STATE = "0123456789abcdef0123456789abcdef0123";

    private DuoVectors() {
    }

    /** The query of the URL Duo's SDK sends the browser to, for {@code username}, signed with {@code secret}. */
    static Map<String, String> authUrl(String secret, String username) throws Exception {
        Client client = new Client.Builder(CLIENT, secret, HOST, REDIRECT).build();
        URI uri = URI.create(client.createAuthUrl(username, STATE));
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        query.put("path", uri.getPath());
        query.put("host", uri.getHost());
        return query;
    }

    /** A client assertion as Duo's SDK makes one: iss and sub the client id, aud the endpoint's URL, an hour's expiry, a jti. */
    static String assertion(String secret, String issuer, String audience, Instant now, String jti) {
        var builder = JWT.create().withHeader(Map.of("alg", "HS512")).withIssuer(issuer).withSubject(issuer).withAudience(audience)
                .withExpiresAt(Date.from(now.plusSeconds(3600)));
        if (jti != null) {
            builder.withJWTId(jti);
        }
        return builder.sign(Algorithm.HMAC512(secret));
    }
}
