package org.twofold.policy;

/**
 * What a user who has no active device (and no live single-use code) meets once the password is
 * right — Duo's "new user policy": {@link #ENROLL} (the default) leads them through adding a first
 * device on the login prompt, verified before it counts, and then logs them in; {@link #DENY}
 * refuses them; {@link #ALLOW} lets them in without a second factor (audited). Preauth (SOAP,
 * Duo API) answers {@code enroll}, {@code deny} or {@code allow} for such a user accordingly.
 */
public enum NewUserPolicy {
    ENROLL, DENY, ALLOW
}
