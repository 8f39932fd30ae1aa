package org.twofold.auth;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.twofold.policy.Policy;

/**
 * How a page session's login was completed, and when its user last proved a second factor in it.
 * A remembered browser proves no factor (the cookie is something the browser has, not something the
 * person did now), and neither does a login through the hosted prompt for another application (the
 * person approved that application, not a change of their settings). A passcode, push, call, SMS,
 * bypass or temporary passcode proves one at that instant. The self-service portal lets a change
 * through only while the last factor is no older than the policy's {@code PortalStepUpMinutes}
 * ({@link #allowsChanges}); otherwise the person proves a factor again ({@link #steppedUp}).
 * Plain and serializable: it lives in the (replicated) page session.
 *
 * @param username the logged-in user
 * @param how how the login (or the last step-up) was completed
 * @param factorAt when a second factor was last proven in this session; null if never
 */
public record LoginProof(String username, How how, Instant factorAt) implements Serializable {

    /** How the session came to be logged in. */
    public enum How {
        /** A second factor proven in this session (on Twofold's own prompt, or a step-up). */
        FACTOR,
        /** A remembered browser skipped the second factor. */
        REMEMBERED,
        /** A login through the hosted prompt for another application. */
        HOSTED,
        /** A new user let in without any second factor (policy {@code NewUserPolicy} {@code allow}). */
        UNVERIFIED
    }

    /** What the login prompt calls a login completed by a remembered browser. */
    public static final String REMEMBERED_FACTOR = "remembered";

    /** What the login prompt calls a new user's login without a second factor ({@code NewUserPolicy} {@code allow}). */
    public static final String NO_FACTOR_NEW_USER = "new_user_allowed";

    private static final Set<String> NO_FACTOR = Set.of(REMEMBERED_FACTOR);

    public LoginProof {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(how, "how");
        if (how == How.FACTOR && factorAt == null) {
            throw new IllegalArgumentException("a factor has a time");
        }
    }

    /**
     * The proof of a login just completed with {@code factor} (a factor keyword, {@code bypass},
     * {@code temporary}, or {@link #REMEMBERED_FACTOR}), for Twofold's own pages or, with
     * {@code hostedApplication}, for another application.
     */
    public static LoginProof completed(String username, String factor, boolean hostedApplication, Instant now) {
        if (NO_FACTOR_NEW_USER.equals(factor)) {
            return new LoginProof(username, How.UNVERIFIED, null);
        }
        if (factor == null || NO_FACTOR.contains(factor)) {
            return new LoginProof(username, How.REMEMBERED, null);
        }
        if (hostedApplication) {
            return new LoginProof(username, How.HOSTED, null);
        }
        return new LoginProof(username, How.FACTOR, now);
    }

    /** This session after its user proved a second factor again at {@code now}. */
    public LoginProof steppedUp(Instant now) {
        return new LoginProof(username, How.FACTOR, Objects.requireNonNull(now, "now"));
    }

    /**
     * Whether a change in the portal may go through at {@code now}: a factor was proven in this
     * session no more than {@code PortalStepUpMinutes} ago (the limit itself included).
     */
    public boolean allowsChanges(Policy policy, Instant now) {
        return how == How.FACTOR && !now.isAfter(factorAt.plus(Duration.ofMinutes(policy.portalStepUpMinutes())));
    }

    /** For the audit: how the login was completed and how old its factor is at {@code now}. */
    public String describe(Instant now) {
        return how == How.FACTOR ? "factor proven " + Duration.between(factorAt, now).toSeconds() + " s ago"
                : how.name().toLowerCase(java.util.Locale.ROOT) + " login, no factor proven in this session";
    }
}
