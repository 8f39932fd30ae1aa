package org.twofold.device;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A hardware token ("key fob") in stock: imported by an administrator with its serial and seed
 * (sealed), then assigned to one user, which enrolls it as that user's {@link Device}.
 */
@Entity
@Table(name = "TF_TOKEN")
@NamedQuery(name = HardwareToken.BY_SERIAL, query = "SELECT t FROM HardwareToken t WHERE t.serial = :serial")
public class HardwareToken {
    public static final String BY_SERIAL = "HardwareToken.bySerial";

    @Id
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "TF_IDS")
    private Long id;

    @Column(nullable = false, unique = true, length = 64)
    private String serial;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    private OtpKind kind;

    private int digits;

    @Column(nullable = false, length = 200)
    private String sealedSeed;

    @Column(length = 64)
    private String assignedTo;

    /** HOTP: the counter the token is at when it arrives (0 unless its PSKC file says otherwise). */
    private long counter;

    @Column(nullable = false)
    private Instant importedAt;

    protected HardwareToken() {
    }

    HardwareToken(String serial, OtpKind kind, int digits, String sealedSeed, long counter, Instant importedAt) {
        this.counter = counter;
        this.serial = serial;
        this.kind = kind;
        this.digits = digits;
        this.sealedSeed = sealedSeed;
        this.importedAt = importedAt;
    }

    public String getSerial() {
        return serial;
    }

    public OtpKind getKind() {
        return kind;
    }

    public int getDigits() {
        return digits;
    }

    public long getCounter() {
        return counter;
    }

    String sealedSeed() {
        return sealedSeed;
    }

    public String getAssignedTo() {
        return assignedTo;
    }

    void assignTo(String username) {
        this.assignedTo = username;
    }
}
