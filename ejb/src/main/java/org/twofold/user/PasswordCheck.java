package org.twofold.user;

/** Package bridge so that the login service can check a password without seeing the hash. */
public final class PasswordCheck {
    private PasswordCheck() {
    }

    /** True if {@code password} is {@code user}'s primary password (constant time; a user with no
     *  password never matches; a missing user costs the same time). */
    public static boolean matches(User user, char[] password) {
        if (user == null || user.passwordHash() == null) {
            org.twofold.secret.PasswordHash.spendVerificationTime(password);
            return false;
        }
        return org.twofold.secret.PasswordHash.verify(password, user.passwordHash());
    }
}
