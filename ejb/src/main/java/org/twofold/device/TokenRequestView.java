package org.twofold.device;

import java.time.Instant;
import java.util.Locale;

/**
 * A hardware-token request as the user, the approver and the help desk see it. A class with
 * getters rather than a record, so that pages can read it in EL.
 */
public final class TokenRequestView {
    private final long id;
    private final String username;
    private final String displayName;
    private final String department;
    private final TokenRequest.State state;
    private final Instant requestedAt;
    private final String decidedBy;

    TokenRequestView(TokenRequest r) {
        this.id = r.getId();
        this.username = r.getUser().getUsername();
        this.displayName = r.getUser().getDisplayName();
        this.department = r.getDepartment();
        this.state = r.getState();
        this.requestedAt = r.getRequestedAt();
        this.decidedBy = r.getDecidedBy();
    }

    public long getId() {
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

    public TokenRequest.State getState() {
        return state;
    }

    /** The state in lower case ({@code pending}, {@code approved}, ...), for pages and consoles. */
    public String getStateName() {
        return state.name().toLowerCase(Locale.ROOT);
    }

    public Instant getRequestedAt() {
        return requestedAt;
    }

    public String getDecidedBy() {
        return decidedBy;
    }
}
