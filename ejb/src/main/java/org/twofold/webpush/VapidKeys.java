package org.twofold.webpush;

import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.util.Arrays;
import org.twofold.secret.Secrets;

/**
 * The VAPID key pair of this installation (RFC 8292): made on first use, its private key sealed in
 * the database like every secret ({@link Secrets}) and shared by every node. Every subscription is
 * made with its public key, so it is never replaced: a new key would orphan every enrolled app.
 */
@Singleton
public class VapidKeys {
    static final String PURPOSE = "vapid-private-key";

    @PersistenceContext(unitName = "twofold")
    private EntityManager em;

    @Inject
    private Secrets secrets;

    @Inject
    private Clock clock;

    private volatile KeyPair keys;

    /** The key pair, made and stored the first time. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public KeyPair keyPair() {
        KeyPair k = keys;
        if (k == null) {
            VapidKey stored = em.find(VapidKey.class, VapidKey.THE_ONE);
            if (stored == null) {
                KeyPair made = P256.generate(secrets.codes().random());
                byte[] pkcs8 = made.getPrivate().getEncoded();
                stored = new VapidKey(P256.b64url(P256.encode((java.security.interfaces.ECPublicKey) made.getPublic())),
                        secrets.box().seal(pkcs8, PURPOSE), clock.instant());
                Arrays.fill(pkcs8, (byte) 0);
                em.persist(stored);
                em.flush();
            }
            byte[] pkcs8 = secrets.box().open(stored.getSealedPrivateKey(), PURPOSE);
            ECPrivateKey privateKey = P256.pkcs8(pkcs8);
            Arrays.fill(pkcs8, (byte) 0);
            k = new KeyPair(P256.publicKey(P256.unb64(stored.getPublicKey())), privateKey);
            keys = k;
        }
        return k;
    }

    /** The public key as the app's {@code applicationServerKey} takes it: the uncompressed point, base64url. */
    public String publicKey() {
        return P256.b64url(P256.encode((java.security.interfaces.ECPublicKey) keyPair().getPublic()));
    }
}
