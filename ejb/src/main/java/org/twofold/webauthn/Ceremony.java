package org.twofold.webauthn;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One WebAuthn ceremony under way: the options the browser was given (JSON for {@code
 * navigator.credentials.create} or {@code get}) and what the answer is checked against — the
 * purpose, the user, the random challenge, the user handle offered for a new credential. A boundary
 * keeps it on the server, in the page session that asked for it (never in a form field: the
 * challenge is bound to that session), and gives it back once with the browser's answer; {@link
 * SecurityKeys} refuses one older than {@link #VALIDITY}, or of another purpose or user. A
 * ceremony is answered at most once: the boundary drops it when it hands it back.
 *
 * @param purpose registration or authentication
 * @param username the user it was made for ({@link #ANYONE} for a passwordless login)
 * @param challenge the random challenge (W3C WebAuthn §13.4.3: at least 16 bytes)
 * @param userHandle the user handle of a registration (random, not derived from the username); null for an authentication
 * @param issuedAt when the options were made
 * @param options the options as JSON, for the browser
 */
public record Ceremony(Purpose purpose, String username, byte[] challenge, byte[] userHandle, Instant issuedAt, String options)
        implements Serializable {

    /** How long the browser has to answer (the options' {@code timeout}), and a margin for the round trip. */
    public static final Duration TIMEOUT = Duration.ofMinutes(2);
    public static final Duration VALIDITY = TIMEOUT.plusSeconds(30);

    /** What a ceremony is for. */
    public enum Purpose {
        REGISTRATION, AUTHENTICATION,
        /** A login without a username with a discoverable credential (its username is {@link #ANYONE} until the answer names the user). */
        PASSWORDLESS
    }

    /** The username of a {@link Purpose#PASSWORDLESS} ceremony: made before anyone is known. */
    public static final String ANYONE = "";

    public Ceremony {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(challenge, "challenge");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(options, "options");
        challenge = challenge.clone();
        userHandle = userHandle == null ? null : userHandle.clone();
    }

    @Override
    public byte[] challenge() {
        return challenge.clone();
    }

    @Override
    public byte[] userHandle() {
        return userHandle == null ? null : userHandle.clone();
    }

    /** Whether it may still be answered at {@code now}. */
    public boolean liveAt(Instant now) {
        return !now.isBefore(issuedAt) && !now.isAfter(issuedAt.plus(VALIDITY));
    }

    @Override
    public String toString() {
        return "Ceremony[" + purpose + " for " + username + " at " + issuedAt + "]";
    }
}
