package org.twofold.directory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What a sync did, as its one-line report says it ({@code Administration.syncDirectory()}, the
 * audit trail): created, updated, disabled, unchanged, errors, duration; and, when the guard held,
 * how many users it refused to disable.
 */
public record SyncReport(Instant at, int created, int updated, int disabled, int unchanged, List<String> errors, int disableRefused,
                         int activeBefore, int maxDisablePercent, Duration duration) {

    public String line() {
        String line = String.format(Locale.ROOT, "created %d, updated %d, disabled %d, unchanged %d, errors %d, %.1f s",
                created, updated, disabled, unchanged, errors.size(), duration.toMillis() / 1000.0);
        if (disableRefused > 0) {
            line += String.format(Locale.ROOT, "; refused to disable %d of %d active directory users (over TWOFOLD_LDAP_SYNC_MAX_DISABLE_PERCENT=%d%%)",
                    disableRefused, activeBefore, maxDisablePercent);
        }
        if (!errors.isEmpty()) {
            line += "; first error: " + errors.get(0);
        }
        return line;
    }

    @Override
    public String toString() {
        return line();
    }
}
