package org.twofold.throttle;

import java.util.Optional;
import org.twofold.audit.Actor;

/**
 * Where failed attempts come from, as the throttle counts them: at the pages the client address;
 * over SOAP the integration key together with the {@code ipaddr} the integration passed (and the
 * gateway's own address) — an integration that sends no {@code ipaddr} is one source for all its users.
 */
public record FailureSource(String key) {
    /** Longest key kept (the database column's length); longer ones are cut. */
    static final int MAX_LENGTH = 200;

    /** The source of an actor's attempts; empty for actors with no origin (the system, tests). */
    public static Optional<FailureSource> of(Actor actor) {
        if (actor == null || actor.origin() == null || actor.origin().isBlank()) {
            return Optional.empty();
        }
        String key = actor.kind().gateway() ? actor.name() + " " + actor.origin().trim() : "ip:" + actor.origin().trim();
        return Optional.of(new FailureSource(key.length() > MAX_LENGTH ? key.substring(0, MAX_LENGTH) : key));
    }
}
