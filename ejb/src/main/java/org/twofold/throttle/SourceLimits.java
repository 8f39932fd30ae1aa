package org.twofold.throttle;

import java.time.Duration;
import org.twofold.site.Settings;

/**
 * How many failures a source may make: at most {@code maxFailures} within {@code window}, after
 * which it is refused for {@code block}. Read from {@code twofold.source.failures.max},
 * {@code twofold.source.failures.window.minutes} and {@code twofold.source.block.minutes}.
 */
public record SourceLimits(int maxFailures, Duration window, Duration block) {
    public static final String MAX = "twofold.source.failures.max";
    public static final String WINDOW_MINUTES = "twofold.source.failures.window.minutes";
    public static final String BLOCK_MINUTES = "twofold.source.block.minutes";

    public SourceLimits {
        if (maxFailures < 1 || window.isNegative() || window.isZero() || block.isNegative() || block.isZero()) {
            throw new IllegalArgumentException("source limits must be positive");
        }
    }

    static SourceLimits of(Settings settings) {
        return new SourceLimits(settings.getInt(MAX), Duration.ofMinutes(settings.getInt(WINDOW_MINUTES)),
                Duration.ofMinutes(settings.getInt(BLOCK_MINUTES)));
    }
}
