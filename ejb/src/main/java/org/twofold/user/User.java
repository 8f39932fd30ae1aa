package org.twofold.user;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.TableGenerator;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.QueryHint;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A person who logs in with a second factor: a username (e.g. a university ID), a display name, a
 * department and a status. The primary password is kept only as a {@link
 * org.twofold.secret.PasswordHash}.
 */
@Entity
@Table(name = "TF_USER")
@NamedQuery(name = User.BY_USERNAME, query = "SELECT u FROM User u WHERE u.username = :username")
// The same, locked until the transaction ends (SELECT ... FOR UPDATE) and read afresh
// (Users.findForUpdate). The lock is EclipseLink's own hint, not the JPA lock mode: a query with a
// lock mode is copied and prepared again on every execution (EclipseLink's QueryImpl sets the mode
// on a copy each time), which was a fifth of the cost of this read; with the hint it is prepared once.
@NamedQuery(name = User.BY_USERNAME_FOR_UPDATE, query = "SELECT u FROM User u WHERE u.username = :username",
        hints = {@QueryHint(name = "eclipselink.pessimistic-lock", value = "Lock"), @QueryHint(name = "eclipselink.refresh", value = "true")})
public class User {
    public static final String BY_USERNAME = "User.byUsername";
    public static final String BY_USERNAME_FOR_UPDATE = "User.byUsernameForUpdate";

    @Id
    // Every entity's ids (audit rows above all: one per decision) come from this one generator. A
    // node reserves 500 at a time: each reservation is a commit of its own, and while it runs every
    // insert on the node waits for it (EclipseLink's lock on the sequence), so at 50 it was about a third
    // of the passcode check's profile samples (README "Performance"). Ids stay unique; a restart skips what was reserved.
    @TableGenerator(name = "TF_IDS", table = "TF_SEQUENCE", pkColumnName = "SEQ_NAME", valueColumnName = "SEQ_COUNT",
            pkColumnValue = "TF_IDS", allocationSize = 500)
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "TF_IDS")
    private Long id;

    @Column(nullable = false, unique = true, length = 64)
    private String username;

    @Column(length = 200)
    private String displayName;

    @Column(length = 100)
    private String department;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private UserStatus status = UserStatus.ACTIVE;

    @Column(length = 200)
    private String passwordHash;

    @Column(nullable = false)
    private Instant createdAt;

    /** Failed authentications since the last success: locks the user at the policy threshold. */
    private int consecutiveFailures;

    /** Failures in the current one-hour window (windows follow each other from a first failure). */
    private int failuresInWindow;

    /** Failures in the window just before the current one. */
    private int failuresPrevWindow;

    private Instant failureWindowStart;

    @Column(length = 200)
    private String dobHash;

    @Column(length = 200)
    private String ssnLast4Hash;

    @Column(length = 200)
    private String pinHash;

    /** The device the user chose as default in the portal (null: the first capable one). */
    private Long defaultDeviceId;

    /** The factor the user chose as default in the portal ({@code push}, {@code phone}, ...), or null. */
    @Column(length = 16)
    private String defaultFactor;

    @Enumerated(EnumType.STRING)
    @Column(name = "USERSOURCE", nullable = false, length = 16)
    private UserSource source = UserSource.LOCAL;

    /** The directory's mail address of a directory user (null for local users). */
    @Column(length = 254)
    private String mail;

    /** The directory's mobile number of a directory user, as the directory has it (not a verified device). */
    @Column(length = 40)
    private String mobile;

    /** The directory's telephone number of a directory user (not a verified device). */
    @Column(length = 40)
    private String telephone;

    /** When a directory sync last found this user in the directory. */
    private Instant directorySyncedAt;

    /** Since when the user is gone from the directory (or excluded by its filter): the sync disabled the user. */
    private Instant directoryGoneAt;

    protected User() {
    }

    /** A user the directory sync found: source {@link UserSource#DIRECTORY}, no password kept here. */
    public static User fromDirectory(String username, String displayName, String department, String mail, String mobile, String telephone,
                                     Instant now) {
        User user = new User(username, displayName, department, now);
        user.source = UserSource.DIRECTORY;
        user.mail = mail;
        user.mobile = mobile;
        user.telephone = telephone;
        user.directorySyncedAt = now;
        return user;
    }

    public User(String username, String displayName, String department, Instant createdAt) {
        this.username = username;
        this.displayName = displayName;
        this.department = department;
        this.createdAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public String getUsername() {
        return username;
    }

    public String getDisplayName() {
        return displayName;
    }

    public String getDepartment() {
        return department;
    }

    public UserStatus getStatus() {
        return status;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    String passwordHash() {
        return passwordHash;
    }

    void changePasswordHash(String hash) {
        this.passwordHash = hash;
    }

    /** Whether this user may try to log in at all (not disabled, not locked out). */
    public boolean mayAuthenticate() {
        return status == UserStatus.ACTIVE || status == UserStatus.BYPASS;
    }

    public int getConsecutiveFailures() {
        return consecutiveFailures;
    }

    /**
     * Whether the hourly cap of evaluated failures is reached (OWASP ASVS 4.0 §2.2.1: no more than
     * {@value #MAX_FAILURES_PER_HOUR} failed attempts per hour on one account): while it is, no
     * further attempt is even evaluated. Failures are counted in consecutive one-hour windows and
     * the cap applies to the current and the previous window together; any hour-long interval lies
     * within two consecutive windows, so no hour ever holds more than the cap. The price is caution:
     * after a burst, attempts resume up to an hour later than a sliding log would allow.
     */
    public boolean isThrottled(Instant now) {
        return recentFailures(now) >= MAX_FAILURES_PER_HOUR;
    }

    /** Per-account cap of evaluated failures per hour. */
    public static final int MAX_FAILURES_PER_HOUR = 100;
    private static final java.time.Duration WINDOW = java.time.Duration.ofHours(1);

    /** Failures of the previous and current windows as they stand at {@code now}. */
    private int recentFailures(Instant now) {
        if (failureWindowStart == null || now.isBefore(failureWindowStart.plus(WINDOW))) {
            return failuresPrevWindow + failuresInWindow;
        }
        return now.isBefore(failureWindowStart.plus(WINDOW.multipliedBy(2))) ? failuresInWindow : 0;
    }

    private void rollWindows(Instant now) {
        if (failureWindowStart == null || now.isBefore(failureWindowStart.plus(WINDOW))) {
            return;
        }
        if (now.isBefore(failureWindowStart.plus(WINDOW.multipliedBy(2)))) {
            failuresPrevWindow = failuresInWindow;
            failureWindowStart = failureWindowStart.plus(WINDOW);
        } else {
            failuresPrevWindow = 0;
            failureWindowStart = null;
        }
        failuresInWindow = 0;
    }

    /**
     * Counts a failed authentication (wrong password, passcode or identity proof). Returns true if
     * this failure locked the user out: {@code lockoutThreshold} consecutive failures. Issuing new
     * codes does not reset the count; only a success or the help desk's unlock does.
     */
    public boolean recordFailure(Instant now, int lockoutThreshold) {
        rollWindows(now);
        if (failureWindowStart == null) {
            failureWindowStart = now;
        }
        failuresInWindow++;
        consecutiveFailures++;
        // Bypass users (password only) lock out too: they are the accounts with the least protection.
        if (consecutiveFailures >= lockoutThreshold && (status == UserStatus.ACTIVE || status == UserStatus.BYPASS)) {
            status = UserStatus.LOCKED_OUT;
            return true;
        }
        return false;
    }

    /** A success ends the run of consecutive failures (the hourly count stays). */
    public void recordSuccess() {
        consecutiveFailures = 0;
    }

    /** The help desk's unlock: active again (an administrator may set bypass again), failure counts cleared. */
    public void unlock() {
        if (status == UserStatus.LOCKED_OUT) {
            status = UserStatus.ACTIVE;
        }
        consecutiveFailures = 0;
        failuresInWindow = 0;
        failuresPrevWindow = 0;
        failureWindowStart = null;
    }

    /** An administrator's change of status (active, bypass, disabled, locked_out). */
    public void changeStatus(UserStatus newStatus) {
        if (newStatus == UserStatus.ACTIVE) {
            unlock();
        }
        this.status = newStatus;
    }

    String dobHash() {
        return dobHash;
    }

    String ssnLast4Hash() {
        return ssnLast4Hash;
    }

    String pinHash() {
        return pinHash;
    }

    void changeIdentityProof(String dobHash, String ssnLast4Hash, String pinHash) {
        this.dobHash = dobHash;
        this.ssnLast4Hash = ssnLast4Hash;
        this.pinHash = pinHash;
    }

    /** Whether the user has set up the identity proof that self-service bypass codes need. */
    public boolean hasIdentityProof() {
        return dobHash != null && (ssnLast4Hash != null || pinHash != null);
    }

    public Long getDefaultDeviceId() {
        return defaultDeviceId;
    }

    public String getDefaultFactor() {
        return defaultFactor;
    }

    /** The user's choice of default device and factor (null: no preference). */
    public void choosePreferences(Long deviceId, String factor) {
        this.defaultDeviceId = deviceId;
        this.defaultFactor = factor;
    }

    public UserSource getSource() {
        return source;
    }

    /** Whether the primary password is the directory's (checked by an LDAP bind), not one kept here. */
    public boolean isFromDirectory() {
        return source == UserSource.DIRECTORY;
    }

    public String getMail() {
        return mail;
    }

    public String getMobile() {
        return mobile;
    }

    public String getTelephone() {
        return telephone;
    }

    public Instant getDirectorySyncedAt() {
        return directorySyncedAt;
    }

    public Instant getDirectoryGoneAt() {
        return directoryGoneAt;
    }

    /**
     * The directory's attributes as a sync read them; true if any differed from what Twofold had.
     * A user the sync had disabled because it was gone from the directory is active again (its
     * devices were kept); a user an administrator disabled or the lockout locked stays so.
     */
    public boolean applyDirectory(String displayName, String department, String mail, String mobile, String telephone, Instant now) {
        boolean changed = !java.util.Objects.equals(this.displayName, displayName) || !java.util.Objects.equals(this.department, department)
                || !java.util.Objects.equals(this.mail, mail) || !java.util.Objects.equals(this.mobile, mobile)
                || !java.util.Objects.equals(this.telephone, telephone);
        this.telephone = telephone;
        this.displayName = displayName;
        this.department = department;
        this.mail = mail;
        this.mobile = mobile;
        this.directorySyncedAt = now;
        if (directoryGoneAt != null) {
            directoryGoneAt = null;
            if (status == UserStatus.DISABLED) {
                status = UserStatus.ACTIVE;
            }
            changed = true;
        }
        return changed;
    }

    /**
     * The directory no longer has this user (deleted, or excluded by the configured filter, e.g.
     * disabled): disabled in Twofold, devices kept, so that its return restores the user as it was.
     * Returns false if the user was already marked gone.
     */
    public boolean goneFromDirectory(Instant now) {
        if (directoryGoneAt != null) {
            return false;
        }
        directoryGoneAt = now;
        status = UserStatus.DISABLED;
        return true;
    }
}
