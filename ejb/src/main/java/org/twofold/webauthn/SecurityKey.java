package org.twofold.webauthn;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import org.twofold.user.User;

/**
 * A WebAuthn credential registered by a user: the credential of the device of kind {@code
 * SECURITY_KEY} with the same id, which carries its name and state (so the portal lists, renames
 * and removes it, and the help desk disables it, as any device). It keeps what an assertion is
 * checked against — the attested credential data (AAGUID, credential id, COSE public key), the
 * flags seen at registration — and the signature counter, which only moves forward ({@link
 * #counted}); the user handle all of a user's credentials share is random.
 */
@Entity
@Table(name = "TF_SECURITY_KEY")
@NamedQuery(name = SecurityKey.OF_USER, query = "SELECT k FROM SecurityKey k WHERE k.user = :user ORDER BY k.deviceId")
@NamedQuery(name = SecurityKey.BY_CREDENTIAL, query = "SELECT k FROM SecurityKey k WHERE k.credentialHash = :hash")
public class SecurityKey {
    static final String OF_USER = "SecurityKey.ofUser";
    static final String BY_CREDENTIAL = "SecurityKey.byCredential";

    /** The id of its device. */
    @Id
    @Column(name = "DEVICE_ID")
    private Long deviceId;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "USER_ID")
    private User user;

    @Column(nullable = false, length = 100)
    private String userHandle;

    /** The credential id, base64url. */
    @Column(nullable = false, length = 1400)
    private String credentialId;

    /** SHA-256 (hex) of the credential id, for the unique index. */
    @Column(nullable = false, length = 64)
    private String credentialHash;

    /** The attested credential data (AAGUID, credential id, COSE public key), base64url. */
    @Column(nullable = false, length = 4000)
    private String credential;

    @Column(nullable = false, length = 36)
    private String aaguid;

    private long signCount;

    private int userVerified;

    private int backupEligible;

    private int backupState;

    @Column(nullable = false)
    private Instant registeredAt;

    private Instant lastUsedAt;

    protected SecurityKey() {
    }

    SecurityKey(long deviceId, User user, String userHandle, byte[] credentialId, String credentialHash, RelyingParty.Registered registered, Instant now) {
        this.deviceId = deviceId;
        this.user = user;
        this.userHandle = userHandle;
        this.credentialId = RelyingParty.b64(credentialId);
        this.credentialHash = credentialHash;
        RelyingParty.Credential c = registered.credential();
        this.credential = RelyingParty.b64(c.data());
        this.aaguid = registered.aaguid();
        this.signCount = c.signCount();
        this.userVerified = c.userVerified() ? 1 : 0;
        this.backupEligible = c.backupEligible() ? 1 : 0;
        this.backupState = c.backupState() ? 1 : 0;
        this.registeredAt = now;
    }

    /** What an assertion is checked against. */
    RelyingParty.Credential stored() {
        return new RelyingParty.Credential(RelyingParty.unb64(credential), signCount, userVerified == 1, backupEligible == 1, backupState == 1);
    }

    /** An assertion passed: its counter (never lower: webauthn4j refused that) and flags are kept. */
    void counted(RelyingParty.Asserted a, Instant now) {
        if (a.signCount() < signCount) {
            throw new IllegalStateException("a signature counter only moves forward");
        }
        signCount = a.signCount();
        if (a.userVerified()) {
            userVerified = 1;
        }
        backupState = a.backupState() ? 1 : 0;
        lastUsedAt = now;
    }

    public long getDeviceId() {
        return deviceId;
    }

    public User getUser() {
        return user;
    }

    byte[] credentialIdBytes() {
        return RelyingParty.unb64(credentialId);
    }

    String getUserHandle() {
        return userHandle;
    }

    public long getSignCount() {
        return signCount;
    }

    public String getAaguid() {
        return aaguid;
    }
}
