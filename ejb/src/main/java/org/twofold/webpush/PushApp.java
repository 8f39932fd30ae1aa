package org.twofold.webpush;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import org.twofold.user.User;

/**
 * The registration of a Twofold approval app: the device (same id, kind smartphone, which carries
 * its name and state), the one-time enrollment code (its keyed hash, until used or expired), then
 * the push subscription (sealed: its endpoint and keys let anyone push to the phone) and the public
 * key of the phone's non-extractable device key, which every answer must be signed with.
 */
@Entity
@Table(name = "TF_PUSH_APP")
public class PushApp {
    @Id
    @Column(name = "DEVICE_ID")
    private Long deviceId;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "USER_ID")
    private User user;

    @Column(length = 64)
    private String codeHash;

    private Instant codeExpiresAt;

    @Column(length = 2000)
    private String sealedSubscription;

    /** The device key's SubjectPublicKeyInfo, base64url. */
    @Column(length = 200)
    private String deviceKey;

    private Instant registeredAt;

    protected PushApp() {
    }

    PushApp(long deviceId, User user, String codeHash, Instant codeExpiresAt) {
        this.deviceId = deviceId;
        this.user = user;
        this.codeHash = codeHash;
        this.codeExpiresAt = codeExpiresAt;
    }

    /** Whether the enrollment code may still be used at {@code now}. */
    boolean codeUsable(Instant now) {
        return codeHash != null && codeExpiresAt != null && now.isBefore(codeExpiresAt);
    }

    /** The app registered: the code is spent, the subscription and key kept. */
    void register(String sealedSubscription, String deviceKey, Instant now) {
        this.codeHash = null;
        this.codeExpiresAt = null;
        this.sealedSubscription = sealedSubscription;
        this.deviceKey = deviceKey;
        this.registeredAt = now;
    }

    long getDeviceId() {
        return deviceId;
    }

    User getUser() {
        return user;
    }

    String getCodeHash() {
        return codeHash;
    }

    String getSealedSubscription() {
        return sealedSubscription;
    }

    String getDeviceKey() {
        return deviceKey;
    }
}
