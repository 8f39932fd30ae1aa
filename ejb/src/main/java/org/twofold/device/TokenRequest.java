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
import jakarta.persistence.Table;
import java.time.Instant;
import org.twofold.user.User;

/**
 * A user's request for a hardware token ("key fob"), which the approver of the user's department
 * approves or denies (seed: "Please coordinate with your local school or department IT team for
 * approval"). The help desk may hand out a token only against an approved request, and handing
 * it out consumes the approval. Its life: {@code PENDING → APPROVED → ASSIGNED}, or
 * {@code PENDING → DENIED}; each transition is allowed only from the state before it.
 */
@Entity
@Table(name = "TF_TOKEN_REQUEST")
public class TokenRequest {

    /** Where a request stands. */
    public enum State {
        PENDING, APPROVED, DENIED, ASSIGNED;

        /** Whether the request still stands (a new one would duplicate it). */
        public boolean open() {
            return this == PENDING || this == APPROVED;
        }
    }

    @Id
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "TF_IDS")
    private Long id;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "USER_ID")
    private User user;

    /** The department whose approver decides, as it was when the request was made. */
    @Column(nullable = false, length = 100)
    private String department;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private State state = State.PENDING;

    @Column(nullable = false, length = 100)
    private String requestedBy;

    @Column(nullable = false)
    private Instant requestedAt;

    @Column(length = 64)
    private String decidedBy;

    private Instant decidedAt;

    @Column(length = 64)
    private String serial;

    protected TokenRequest() {
    }

    TokenRequest(User user, String department, String requestedBy, Instant requestedAt) {
        this.user = user;
        this.department = department;
        this.requestedBy = requestedBy;
        this.requestedAt = requestedAt;
    }

    /** The approver's decision; only a pending request can be decided. */
    void decide(boolean approve, String approver, Instant at) {
        if (state != State.PENDING) {
            throw new IllegalStateException("only a pending request can be decided, this one is " + state);
        }
        state = approve ? State.APPROVED : State.DENIED;
        decidedBy = approver;
        decidedAt = at;
    }

    /** The token handed out against this approved request: the approval is used up. */
    void fulfil(String tokenSerial) {
        if (state != State.APPROVED) {
            throw new IllegalStateException("only an approved request can be fulfilled, this one is " + state);
        }
        state = State.ASSIGNED;
        serial = tokenSerial;
    }

    /** Fulfilled with a security key instead of a token from stock: the key's device is named where a serial would be. */
    void fulfilWithSecurityKey(long deviceId) {
        fulfil("security key, device " + deviceId);
    }

    public Long getId() {
        return id;
    }

    public User getUser() {
        return user;
    }

    public String getDepartment() {
        return department;
    }

    public State getState() {
        return state;
    }

    public String getRequestedBy() {
        return requestedBy;
    }

    public Instant getRequestedAt() {
        return requestedAt;
    }

    public String getDecidedBy() {
        return decidedBy;
    }

    public Instant getDecidedAt() {
        return decidedAt;
    }

    public String getSerial() {
        return serial;
    }
}
