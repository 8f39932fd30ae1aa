package org.twofold.integration;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signed result of the hosted login prompt: Twofold hands it to a protected web application
 * after both factors succeeded, and the application checks it with its integration secret. The
 * form is {@code base64url(payload) "." base64url(HMAC-SHA256(secret, payload))} (RFC 2104 HMAC,
 * RFC 4648 §5 alphabet without padding); the payload is UTF-8 lines {@code name=value}:
 * {@code v}, {@code user}, {@code app} (integration key), {@code state} (the application's
 * opaque value, echoed), {@code iat} and {@code exp} (epoch seconds), {@code id} (unique).
 *
 * <p>Plain Java with no Twofold dependency, so an integrator can copy it: {@link #sign} is what
 * Twofold does; a {@link Verifier} is what the application does — signature in constant time,
 * its own application key, expiry, and one-time use of each {@code id}.
 */
public final class HostedResult {
    /** What a result says. */
    public record Claims(String username, String appKey, String state, Instant issuedAt, Instant expiresAt, String id) {
        public Claims {
            for (String v : new String[] {username, appKey, state, id}) {
                if (v == null || !FIELD.matcher(v).matches()) {
                    throw new IllegalArgumentException("claims are printable ASCII without '=' or line breaks, 1-200 characters");
                }
            }
            Objects.requireNonNull(issuedAt, "issuedAt");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    /** Why a result was refused. */
    public enum Problem {
        MALFORMED, BAD_SIGNATURE, WRONG_APPLICATION, EXPIRED, REPLAYED
    }

    /** A refused result; {@link #problem()} says why. */
    public static final class Rejected extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final Problem problem;

        Rejected(Problem problem) {
            super("hosted prompt result refused: " + problem.name().toLowerCase(java.util.Locale.ROOT));
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }

    /** The values a state or username may have: printable ASCII without '=' (the payload's separator). */
    static final Pattern FIELD = Pattern.compile("[!-<>-~]{1,200}");
    private static final String VERSION = "1";

    private HostedResult() {
    }

    /** Whether an application's {@code state} can travel in a result: 1-200 printable ASCII characters without '='. */
    public static boolean acceptableState(String state) {
        return state != null && FIELD.matcher(state).matches();
    }

    /** The signed result for {@code claims} with the integration's {@code secret}. */
    public static String sign(byte[] secret, Claims claims) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("v", VERSION);
        fields.put("user", claims.username());
        fields.put("app", claims.appKey());
        fields.put("state", claims.state());
        fields.put("iat", Long.toString(claims.issuedAt().getEpochSecond()));
        fields.put("exp", Long.toString(claims.expiresAt().getEpochSecond()));
        fields.put("id", claims.id());
        StringBuilder payload = new StringBuilder();
        fields.forEach((k, v) -> payload.append(k).append('=').append(v).append('\n'));
        byte[] bytes = payload.toString().getBytes(StandardCharsets.UTF_8);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(bytes) + "." + b64.encodeToString(hmac(secret, bytes));
    }

    private static byte[] hmac(byte[] secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /**
     * What a protected application keeps: its key, its secret, and the ids of results already
     * accepted (until they expire), so that each result logs in at most once. Thread-safe.
     */
    public static final class Verifier {
        private final byte[] secret;
        private final String appKey;
        private final Clock clock;
        private final Map<String, Instant> used = new ConcurrentHashMap<>();

        public Verifier(byte[] secret, String appKey, Clock clock) {
            this.secret = secret.clone();
            this.appKey = Objects.requireNonNull(appKey, "appKey");
            this.clock = Objects.requireNonNull(clock, "clock");
        }

        /**
         * The claims of {@code token} if it is signed with this application's secret, names this
         * application, has not expired and was never accepted before.
         *
         * @throws Rejected otherwise, with the reason
         */
        public Claims verify(String token) {
            if (token == null || token.length() > 4000) {
                throw new Rejected(Problem.MALFORMED);
            }
            int dot = token.indexOf('.');
            if (dot < 1 || dot != token.lastIndexOf('.')) {
                throw new Rejected(Problem.MALFORMED);
            }
            byte[] payload;
            byte[] signature;
            try {
                payload = Base64.getUrlDecoder().decode(token.substring(0, dot));
                signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
            } catch (IllegalArgumentException e) {
                throw new Rejected(Problem.MALFORMED);
            }
            if (!MessageDigest.isEqual(hmac(secret, payload), signature)) {
                throw new Rejected(Problem.BAD_SIGNATURE);
            }
            Claims claims = parse(new String(payload, StandardCharsets.UTF_8));
            if (!MessageDigest.isEqual(appKey.getBytes(StandardCharsets.UTF_8), claims.appKey().getBytes(StandardCharsets.UTF_8))) {
                throw new Rejected(Problem.WRONG_APPLICATION);
            }
            Instant now = clock.instant();
            if (!now.isBefore(claims.expiresAt())) {
                throw new Rejected(Problem.EXPIRED);
            }
            used.values().removeIf(exp -> !now.isBefore(exp));
            if (used.putIfAbsent(claims.id(), claims.expiresAt()) != null) {
                throw new Rejected(Problem.REPLAYED);
            }
            return claims;
        }

        private static Claims parse(String payload) {
            Map<String, String> fields = new LinkedHashMap<>();
            for (String line : payload.split("\n")) {
                int eq = line.indexOf('=');
                if (eq < 1 || fields.put(line.substring(0, eq), line.substring(eq + 1)) != null) {
                    throw new Rejected(Problem.MALFORMED);
                }
            }
            try {
                if (!VERSION.equals(fields.get("v"))) {
                    throw new Rejected(Problem.MALFORMED);
                }
                return new Claims(fields.get("user"), fields.get("app"), fields.get("state"),
                        Instant.ofEpochSecond(Long.parseLong(fields.get("iat"))), Instant.ofEpochSecond(Long.parseLong(fields.get("exp"))), fields.get("id"));
            } catch (RuntimeException e) {
                throw e instanceof Rejected r ? r : new Rejected(Problem.MALFORMED);
            }
        }
    }
}
