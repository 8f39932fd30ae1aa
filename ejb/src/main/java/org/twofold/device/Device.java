package org.twofold.device;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import org.twofold.passcode.OtpAlgorithm;
import org.twofold.user.User;

/**
 * A device enrolled by a user. Devices that make passcodes keep their seed sealed ({@link
 * org.twofold.secret.SecretBox}) and their anti-replay state: for TOTP the last accepted time step
 * (a step is accepted only once, and never one before it), for HOTP the next expected counter.
 */
@Entity
@Table(name = "TF_DEVICE")
@NamedQuery(name = Device.OF_USER, query = "SELECT d FROM Device d WHERE d.user = :user ORDER BY d.id")
@NamedQuery(name = Device.OTP_OF_USER, query = "SELECT d FROM Device d WHERE d.user = :user AND d.state = :active AND d.otpKind IS NOT NULL")
// A code accepted moves the device's state past it, only forward (DeviceCodes.check); named, so that
// EclipseLink prepares each update once rather than on every accepted code.
@NamedQuery(name = Device.PAST_TOTP_STEP, query = "UPDATE Device d SET d.otpState = :step, d.drift = :drift WHERE d.id = :id AND d.otpState < :step")
@NamedQuery(name = Device.PAST_HOTP_COUNTER, query = "UPDATE Device d SET d.otpState = :next WHERE d.id = :id AND d.otpState = :expected")
public class Device {
    /** A user's active devices that make passcodes, in no particular order (sort them: a database sort per request is costly in Derby). */
    public static final String OTP_OF_USER = "Device.otpOfUser";
    public static final String OF_USER = "Device.ofUser";
    public static final String PAST_TOTP_STEP = "Device.pastTotpStep";
    public static final String PAST_HOTP_COUNTER = "Device.pastHotpCounter";
    /** The purpose a phone number is sealed for. */
    public static final String NUMBER_PURPOSE = "device-number";
    /** The purpose a device seed is sealed for. */
    public static final String SEED_PURPOSE = "device-seed";

    @Id
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "TF_IDS")
    private Long id;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "USER_ID")
    private User user;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private DeviceKind kind;

    @Column(length = 100)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private DeviceState state = DeviceState.ACTIVE;

    @Enumerated(EnumType.STRING)
    @Column(length = 8)
    private OtpKind otpKind;

    @Enumerated(EnumType.STRING)
    @Column(length = 8)
    private OtpAlgorithm algorithm;

    private int digits;

    @Column(length = 200)
    private String sealedSeed;

    /** TOTP: last accepted step; HOTP: next expected counter. */
    private long otpState;

    /** TOTP: steps the device's clock is ahead (+) or behind (−), learned from accepted codes. */
    private long drift;

    @Column(length = 64)
    private String serial;

    /** The phone number, sealed: personal data is not stored in clear. */
    @Column(length = 200)
    private String sealedNumber;

    /** The last four digits, all that is ever shown ({@code XXX-XXX-1311}). */
    @Column(length = 4)
    private String numberLastFour;

    @Column(length = 16)
    private String extension;

    @Column(nullable = false)
    private Instant enrolledAt;

    /** 1: the Twofold approval app (Web Push, answers signed by a key of the phone, {@code org.twofold.webpush}); 0: any other. */
    private int approvalApp;

    protected Device() {
    }

    Device(User user, DeviceKind kind, String name, Instant enrolledAt) {
        this.user = user;
        this.kind = kind;
        this.name = name;
        this.enrolledAt = enrolledAt;
    }

    void makesPasscodes(OtpKind otpKind, OtpAlgorithm algorithm, int digits, String sealedSeed, long initialState, String serial) {
        this.otpKind = otpKind;
        this.algorithm = algorithm;
        this.digits = digits;
        this.sealedSeed = sealedSeed;
        this.otpState = initialState;
        this.serial = serial;
    }

    void reachableAt(String sealedNumber, String lastFour, String extension) {
        this.sealedNumber = sealedNumber;
        this.numberLastFour = lastFour;
        this.extension = extension;
    }

    /** HOTP: the next expected counter after a resynchronisation (only ever forward). */
    void resynchronizedTo(long nextCounter) {
        if (otpKind != OtpKind.HOTP || nextCounter <= otpState) {
            throw new IllegalStateException("a HOTP counter only moves forward");
        }
        otpState = nextCounter;
    }

    /** The Twofold approval app: pushes reach it by Web Push; it makes no passcodes. */
    void runsApprovalApp() {
        this.approvalApp = 1;
    }

    /** Disables the device at once: it makes no more valid codes and receives nothing. */
    void disable() {
        this.state = DeviceState.DISABLED;
    }

    void activate() {
        this.state = DeviceState.ACTIVE;
    }

    /** Enrolled but not usable until confirmed (a first code from the app, or a texted code). */
    void awaitActivation() {
        this.state = DeviceState.PENDING;
    }

    /** TOTP: the step of the first code accepted at activation (and the clock drift it showed). */
    void acceptedFirstStep(long step, long drift) {
        if (otpKind != OtpKind.TOTP) {
            throw new IllegalStateException("only a TOTP device starts from a first code");
        }
        this.otpState = step;
        this.drift = drift;
    }

    void rename(String name) {
        this.name = name;
    }

    /** The number as users and the help desk see it, {@code XXX-XXX-1311}, or null if none. */
    public String getMaskedNumber() {
        return numberLastFour == null ? null : PhoneNumber.masked(numberLastFour);
    }

    public String getExtension() {
        return extension;
    }

    public String getSealedNumber() {
        return sealedNumber;
    }

    /** Whether this device can serve {@code factor} now (active, and its kind can), whatever the server's channels. */
    public boolean serves(org.twofold.policy.Factor factor) {
        return serves(factor, org.twofold.delivery.Channels.ALL);
    }

    /** Whether this device can serve {@code factor} now through {@code channels}: active, and {@link DeviceView#may}. */
    public boolean serves(org.twofold.policy.Factor factor, org.twofold.delivery.Channels channels) {
        return state == DeviceState.ACTIVE && DeviceView.of(this).may(factor, DeviceView.EVERY_FACTOR, channels);
    }

    public Long getId() {
        return id;
    }

    public User getUser() {
        return user;
    }

    public DeviceKind getKind() {
        return kind;
    }

    public String getName() {
        return name;
    }

    public DeviceState getState() {
        return state;
    }

    public OtpKind getOtpKind() {
        return otpKind;
    }

    public OtpAlgorithm getAlgorithm() {
        return algorithm;
    }

    public int getDigits() {
        return digits;
    }

    public String getSealedSeed() {
        return sealedSeed;
    }

    public long getOtpState() {
        return otpState;
    }

    public long getDrift() {
        return drift;
    }

    /** Whether this is the Twofold approval app, reached by Web Push. */
    public boolean isApprovalApp() {
        return approvalApp == 1;
    }

    public Instant getEnrolledAt() {
        return enrolledAt;
    }

    public String getSerial() {
        return serial;
    }
}
