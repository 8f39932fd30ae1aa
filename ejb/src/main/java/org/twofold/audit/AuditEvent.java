package org.twofold.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One line of the audit trail. {@code actor} is who acted ({@code user:alice},
 * {@code integration:DIXXXX}, {@code operator:admin}, {@code system}); {@code subject} the user
 * concerned, if any; {@code action} what was attempted ({@code auth.passcode}, {@code user.create});
 * {@code result} the outcome ({@code allow}, {@code deny}, {@code refused}, {@code done}); {@code
 * reason} the cause a user is not told (e.g. {@code replayed_passcode}).
 */
@Entity
// No index on OCCURRED_AT: nothing reads the trail by time, and each row paid for it (schema V19).
@Table(name = "TF_AUDIT", indexes = {
        @Index(name = "TF_AUDIT_SUBJECT", columnList = "SUBJECT, ID")})
public class AuditEvent {
    @Id
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "TF_IDS")
    private Long id;

    @Column(name = "OCCURRED_AT", nullable = false)
    private Instant at;

    @Column(nullable = false, length = 100)
    private String actor;

    @Column(length = 64)
    private String subject;

    @Column(name = "ACTION_NAME", nullable = false, length = 64)
    private String action;

    @Column(name = "OUTCOME", nullable = false, length = 16)
    private String result;

    @Column(length = 64)
    private String reason;

    @Column(length = 100)
    private String origin;

    @Column(length = 500)
    private String detail;

    protected AuditEvent() {
    }

    public AuditEvent(Instant at, String actor, String subject, String action, String result, String reason, String origin, String detail) {
        this.at = at;
        this.actor = truncate(actor, 100);
        this.subject = truncate(subject, 64);
        this.action = action;
        this.result = result;
        this.reason = reason;
        this.origin = truncate(origin, 100);
        this.detail = truncate(detail, 500);
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    public Long getId() {
        return id;
    }

    public Instant getAt() {
        return at;
    }

    public String getActor() {
        return actor;
    }

    public String getSubject() {
        return subject;
    }

    public String getAction() {
        return action;
    }

    public String getResult() {
        return result;
    }

    public String getReason() {
        return reason;
    }

    public String getOrigin() {
        return origin;
    }

    public String getDetail() {
        return detail;
    }

    /** One readable line, for consoles: time, actor, action, subject, result (reason), origin. */
    @Override
    public String toString() {
        return at + " " + actor + " " + action + (subject == null ? "" : " " + subject) + " → " + result
                + (reason == null ? "" : " (" + reason + ")") + (origin == null ? "" : " from " + origin)
                + (detail == null ? "" : " — " + detail);
    }
}
