package org.twofold.webauthn;

import org.twofold.auth.Verdict;

/**
 * A passwordless login's outcome (policy {@code Passwordless}): the user the passkey named, when
 * it was allowed, and the verdict.
 *
 * @param username the user logged in; null unless the verdict allows
 * @param verdict the verdict, with {@link SecurityKeys#FACTOR} as its factor
 */
public record PasskeyLogin(String username, Verdict verdict) {
}
