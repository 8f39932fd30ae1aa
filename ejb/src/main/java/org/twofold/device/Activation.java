package org.twofold.device;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A code that confirms a device still waiting for activation ({@link DeviceState#PENDING}): a
 * short code texted to a new phone or read by a call to a new landline (proves the number is the
 * user's), or the code of an
 * activation link texted to a smartphone the help desk enrolled. Only its keyed hash is stored
 * ({@link org.twofold.secret.CodeHasher}); it works once, until it expires, and a few wrong
 * attempts void it.
 */
@Entity
@Table(name = "TF_ACTIVATION")
public class Activation {

    /** How the code reached the person. */
    public enum Channel {
        /** A short numeric code texted to the phone being enrolled. */
        TEXT,
        /** A long random code inside a link ({@code /activate?code=...}). */
        LINK,
        /** A short numeric code read by a call to the landline being enrolled. */
        CALL
    }

    @Id
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "TF_IDS")
    private Long id;

    @Column(name = "DEVICE_ID", nullable = false)
    private long deviceId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    private Channel channel;

    @Column(nullable = false, length = 64)
    private String codeHash;

    private int attemptsLeft;

    @Column(nullable = false)
    private Instant createdAt;

    @Column(nullable = false)
    private Instant expiresAt;

    private Instant usedAt;

    protected Activation() {
    }

    Activation(long deviceId, Channel channel, String codeHash, int attempts, Instant createdAt, Instant expiresAt) {
        this.deviceId = deviceId;
        this.channel = channel;
        this.codeHash = codeHash;
        this.attemptsLeft = attempts;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    /** Whether the code may still be used at {@code now}: not used, not voided, not expired. */
    public boolean usable(Instant now) {
        return usedAt == null && attemptsLeft > 0 && now.isBefore(expiresAt);
    }

    /** Whether the code was used (the device it confirmed was activated with it). */
    public boolean used() {
        return usedAt != null;
    }

    /** A wrong code was typed against this activation; the last allowed attempt voids it. */
    void failedAttempt() {
        if (attemptsLeft > 0) {
            attemptsLeft--;
        }
    }

    /** The device is activated: the code is spent. */
    void use(Instant now) {
        if (usedAt != null) {
            throw new IllegalStateException("activation already used");
        }
        usedAt = now;
    }

    /**
     * An activation link was used to add device {@code activated} (another kind than the one it
     * was issued with, or the same): the code is spent and now names the device it activated.
     */
    void usedFor(long activated, Instant now) {
        use(now);
        deviceId = activated;
    }

    public long getDeviceId() {
        return deviceId;
    }

    public Channel getChannel() {
        return channel;
    }

    String codeHash() {
        return codeHash;
    }

    public int getAttemptsLeft() {
        return attemptsLeft;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }
}
