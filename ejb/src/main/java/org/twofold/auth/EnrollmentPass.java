package org.twofold.auth;

import org.twofold.audit.Actor;

/**
 * What lets a person add a first device without a second factor ({@link FirstLogin}): either the
 * password a new user just passed (while policy {@code NewUserPolicy} is {@code enroll} and they have
 * no active device), or the single-use, expiring code of an activation link the help desk texted or
 * an integration handed out (the link stands in for the password; {@code NewUserPolicy} does not
 * apply to it, someone chose to enroll this person). Checked again in every step's transaction.
 * The link's code never appears in {@link #toString()}.
 *
 * @param person who acts: the user (password), or the holder of the link ({@link Actor#activationLink})
 * @param linkCode the activation link's code; null for a password
 */
public record EnrollmentPass(Actor person, String linkCode) {

    /** A new user who just passed the password. */
    public static EnrollmentPass password(Actor person) {
        return new EnrollmentPass(person, null);
    }

    /** Whoever holds the activation link with {@code code}, from {@code origin}. */
    public static EnrollmentPass link(String code, String origin) {
        return new EnrollmentPass(Actor.activationLink(origin), code == null ? "" : code);
    }

    /** Whether this is an activation link's code (else a new user's password). */
    public boolean isLink() {
        return linkCode != null;
    }

    @Override
    public String toString() {
        return isLink() ? "activation link" : "password of " + person.id();
    }
}
