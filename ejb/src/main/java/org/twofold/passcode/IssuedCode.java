package org.twofold.passcode;

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
import org.twofold.user.User;

/**
 * One single-use (or few-use) code issued to a user: an SMS passcode, a bypass code or a temporary
 * passcode. Only its keyed hash is stored, plus for SMS passcodes the first digit (the prompt's
 * "Next SMS passcode starts with 1."). {@code usesLeft} counts down to 0 when used up; −1 marks a
 * code revoked by a newer batch, so that the audit trail can tell a replay from a revoked code.
 */
@Entity
@Table(name = "TF_CODE")
@NamedQuery(name = IssuedCode.LIVE_OF_USER, query = "SELECT c FROM IssuedCode c WHERE c.user = :user AND c.kind = :kind AND c.expiresAt > :now ORDER BY c.position")
public class IssuedCode {
    public static final String LIVE_OF_USER = "IssuedCode.liveOfUser";
    static final int REVOKED = -1;

    @Id
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "TF_IDS")
    private Long id;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "USER_ID")
    private User user;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private CodeKind kind;

    @Column(nullable = false, length = 64)
    private String codeHash;

    @Column(length = 1)
    private String hint;

    private int position;

    private int usesLeft;

    @Column(nullable = false)
    private Instant issuedAt;

    @Column(nullable = false)
    private Instant expiresAt;

    @Column(length = 100)
    private String issuedBy;

    protected IssuedCode() {
    }

    IssuedCode(User user, CodeKind kind, String codeHash, String hint, int position, int uses, Instant issuedAt, Instant expiresAt, String issuedBy) {
        this.user = user;
        this.kind = kind;
        this.codeHash = codeHash;
        this.hint = hint;
        this.position = position;
        this.usesLeft = uses;
        this.issuedAt = issuedAt;
        this.expiresAt = expiresAt;
        this.issuedBy = issuedBy;
    }

    public CodeKind getKind() {
        return kind;
    }

    String codeHash() {
        return codeHash;
    }

    public String getHint() {
        return hint;
    }

    public int getPosition() {
        return position;
    }

    public int getUsesLeft() {
        return usesLeft;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    /** Whether the code may still be used at {@code now}. */
    public boolean usable(Instant now) {
        return usesLeft > 0 && now.isBefore(expiresAt);
    }

    public boolean revoked() {
        return usesLeft == REVOKED;
    }

    void use() {
        if (usesLeft <= 0) {
            throw new IllegalStateException("code already used up");
        }
        usesLeft--;
    }

    void revoke() {
        if (usesLeft > 0) {
            usesLeft = REVOKED;
        }
    }
}
