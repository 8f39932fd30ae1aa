package org.twofold.user;

/** A user's standing: may log in with a second factor, skips it, may not log in, or is locked out. */
public enum UserStatus {
    ACTIVE,
    /** Second factor skipped: an administrator's audited choice. */
    BYPASS,
    DISABLED,
    /** After a policy number of consecutive failures; the help desk unlocks. */
    LOCKED_OUT
}
