package org.twofold.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The provider's signing keys at one moment: for each algorithm ({@code RS256}, {@code ES256}) the
 * current key, which signs, and the keys a rotation retired, which stay published in the JWK set
 * for {@link #PUBLISHED_AFTER_RETIREMENT} — as long as a token they signed can still be valid — so
 * that a relying party never meets a signature it cannot check. Plain Java over Nimbus JWKs; the
 * private keys are stored sealed ({@link SigningKeys}).
 */
public final class KeyRing {
    /** The algorithms the provider signs with, each with a key of its own. */
    public static final List<JWSAlgorithm> ALGORITHMS = List.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);
    /** How long a retired key stays published: the longest validity of a token it signed. */
    public static final Duration PUBLISHED_AFTER_RETIREMENT = Tokens.LIFETIME;

    /** A key, when it was made, and when a rotation retired it (null while it is current). */
    public record Entry(JWK key, Instant createdAt, Instant retiredAt) {
        public boolean current() {
            return retiredAt == null;
        }
    }

    private final List<Entry> entries;

    public KeyRing(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** A new private key for {@code algorithm} (RSA 2048 or P-256), named {@code kid}. */
    public static JWK generate(JWSAlgorithm algorithm, String kid) {
        try {
            if (JWSAlgorithm.RS256.equals(algorithm)) {
                return new RSAKeyGenerator(2048).keyID(kid).algorithm(algorithm).keyUse(KeyUse.SIGNATURE).generate();
            }
            if (JWSAlgorithm.ES256.equals(algorithm)) {
                return new ECKeyGenerator(Curve.P_256).keyID(kid).algorithm(algorithm).keyUse(KeyUse.SIGNATURE).generate();
            }
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a " + algorithm + " key", e);
        }
        throw new IllegalArgumentException("not a signing algorithm of the provider: " + algorithm);
    }

    /** The current (newest, not retired) key of {@code algorithm}, if there is one. */
    public Optional<JWK> signing(JWSAlgorithm algorithm) {
        return entries.stream().filter(Entry::current).filter(e -> algorithm.equals(e.key().getAlgorithm()))
                .max(Comparator.comparing(Entry::createdAt)).map(Entry::key);
    }

    /** Whether every algorithm has a current key. */
    public boolean complete() {
        return ALGORITHMS.stream().allMatch(a -> signing(a).isPresent());
    }

    /** The public keys a relying party may meet at {@code now}: the current ones and those retired less than {@link #PUBLISHED_AFTER_RETIREMENT} ago. */
    public JWKSet published(Instant now) {
        return new JWKSet(entries.stream()
                .filter(e -> e.current() || now.isBefore(e.retiredAt().plus(PUBLISHED_AFTER_RETIREMENT)))
                .map(e -> e.key().toPublicJWK()).toList());
    }
}
