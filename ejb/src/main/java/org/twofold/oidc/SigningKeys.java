package org.twofold.oidc;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditAction;
import org.twofold.audit.AuditTrail;
import org.twofold.secret.Secrets;

/**
 * The provider's signing keys, kept in the database with the private JWK sealed under the data key
 * (like every other secret: {@link Secrets#box()}), so that every node signs with the same keys and a
 * backup of the database alone reveals none. The first use makes a key for each algorithm of
 * {@link KeyRing#ALGORITHMS}; {@link #rotate} (JMX) makes new ones and retires the old, which stay
 * published for {@link KeyRing#PUBLISHED_AFTER_RETIREMENT}.
 */
@Stateless
public class SigningKeys {
    @PersistenceContext(unitName = "twofold")
    private EntityManager em;

    @Inject
    private Secrets secrets;

    @EJB
    private AuditTrail audit;

    @Inject
    private Clock clock;

    /** The keys now: current ones (made here on first use) and those retired recently. */
    public KeyRing ring() {
        Instant now = clock.instant();
        KeyRing ring = load(now);
        if (ring.complete()) {
            return ring;
        }
        for (JWSAlgorithm algorithm : KeyRing.ALGORITHMS) {
            if (ring.signing(algorithm).isEmpty()) {
                add(algorithm, now);
            }
        }
        audit.record(Actor.system(), null, AuditAction.OIDC_KEY_ROTATE, "done", "first_use", "signing keys made");
        return load(now);
    }

    /**
     * Makes a new key for each algorithm and retires the current ones; tokens they signed still
     * verify, since retired keys stay published until those tokens have expired.
     *
     * @return the new keys' ids
     */
    public List<String> rotate(Actor actor) {
        Instant now = clock.instant();
        List<String> retired = new ArrayList<>();
        for (SigningKey k : em.createNamedQuery(SigningKey.CURRENT, SigningKey.class).getResultList()) {
            k.retire(now);
            retired.add(k.getKid());
        }
        List<String> made = new ArrayList<>();
        for (JWSAlgorithm algorithm : KeyRing.ALGORITHMS) {
            made.add(add(algorithm, now));
        }
        audit.record(actor, null, AuditAction.OIDC_KEY_ROTATE, "done", null, "new " + String.join(" ", made) + "; retired " + String.join(" ", retired));
        return made;
    }

    private String add(JWSAlgorithm algorithm, Instant now) {
        String kid = secrets.codes().identifier(algorithm.getName() + "-", 16);
        JWK key = KeyRing.generate(algorithm, kid);
        em.persist(new SigningKey(kid, algorithm.getName(), secrets.box().seal(key.toJSONString().getBytes(StandardCharsets.UTF_8), SigningKey.SEAL_PURPOSE), now));
        em.flush();
        return kid;
    }

    private KeyRing load(Instant now) {
        List<KeyRing.Entry> entries = new ArrayList<>();
        for (SigningKey k : em.createNamedQuery(SigningKey.LIVE, SigningKey.class).setParameter("since", now.minus(KeyRing.PUBLISHED_AFTER_RETIREMENT))
                .getResultList()) {
            try {
                JWK jwk = JWK.parse(new String(secrets.box().open(k.sealedJwk(), SigningKey.SEAL_PURPOSE), StandardCharsets.UTF_8));
                entries.add(new KeyRing.Entry(jwk, k.getCreatedAt(), k.getRetiredAt()));
            } catch (ParseException e) {
                throw new IllegalStateException("signing key " + k.getKid() + " is damaged", e);
            }
        }
        return new KeyRing(entries);
    }
}
