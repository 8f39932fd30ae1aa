package org.twofold.radius.door;

import java.util.Arrays;

/**
 * Duo's "append mode" for a {@code User-Password} that carries both factors: the primary password,
 * a comma, and the second password ({@code hunter2,push}, {@code hunter2,phone2},
 * {@code hunter2,123456}). The split is at the <em>last</em> comma — a second password never holds
 * one, a primary password may. Without a comma the whole is the password and the second factor is
 * the user's default ({@code auto}: a push, else a call).
 *
 * @param password the primary password (the caller wipes it after use)
 * @param second the second password; null: none typed, the default factor
 */
record AppendMode(char[] password, String second) {

    static AppendMode split(String userPassword) {
        int comma = userPassword.lastIndexOf(',');
        if (comma < 0) {
            return new AppendMode(userPassword.toCharArray(), null);
        }
        String second = userPassword.substring(comma + 1).trim();
        return new AppendMode(userPassword.substring(0, comma).toCharArray(), second.isEmpty() ? null : second);
    }

    void wipe() {
        Arrays.fill(password, '\0');
    }
}
