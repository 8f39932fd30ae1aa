package org.twofold.bypass;

import java.time.Instant;

/** A code handed to a person once: the code and when it stops working. */
public record IssuedBypass(String code, Instant expiresAt, int uses) {
}
