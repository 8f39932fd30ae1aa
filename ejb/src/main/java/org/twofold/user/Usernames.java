package org.twofold.user;

import java.util.Locale;
import java.util.regex.Pattern;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;

/** What a username may be: 1–64 letters, digits and {@code . _ - @}, compared case-insensitively. */
public final class Usernames {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    private Usernames() {
    }

    /** The canonical (lower-case) form, or a {@link TwofoldException} if it cannot be a username. */
    public static String canonical(String username) {
        if (username == null || username.isBlank()) {
            throw new TwofoldException(ErrorCode.MISSING_FIELD, "username is required");
        }
        String u = username.trim();
        if (!VALID.matcher(u).matches()) {
            throw new TwofoldException(ErrorCode.INVALID_VALUE, "username may have 1 to 64 letters, digits and . _ - @");
        }
        return u.toLowerCase(Locale.ROOT);
    }

    /** Whether {@code username} could be a username (for requests that must not throw). */
    public static boolean plausible(String username) {
        return username != null && VALID.matcher(username.trim()).matches();
    }

    /** The subject an audit row names for what was typed as a username: its canonical form, or none if it could be no username. */
    public static String subject(String username) {
        return plausible(username) ? canonical(username) : null;
    }
}
