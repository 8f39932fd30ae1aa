package org.twofold.webpush;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The application server's VAPID key pair (RFC 8292): one row; the private key sealed. */
@Entity
@Table(name = "TF_VAPID_KEY")
public class VapidKey {
    static final int THE_ONE = 1;

    @Id
    private Integer id;

    /** The uncompressed point, base64url: the app's {@code applicationServerKey}. */
    @Column(nullable = false, length = 100)
    private String publicKey;

    /** PKCS #8, sealed. */
    @Column(nullable = false, length = 400)
    private String sealedPrivateKey;

    @Column(nullable = false)
    private Instant createdAt;

    protected VapidKey() {
    }

    VapidKey(String publicKey, String sealedPrivateKey, Instant createdAt) {
        this.id = THE_ONE;
        this.publicKey = publicKey;
        this.sealedPrivateKey = sealedPrivateKey;
        this.createdAt = createdAt;
    }

    String getPublicKey() {
        return publicKey;
    }

    String getSealedPrivateKey() {
        return sealedPrivateKey;
    }
}
