package org.twofold.delivery;

import java.time.Instant;

/** A message on a virtual phone as the phone shows it. */
public record PhoneMessage(long id, SimulatedMessage.Kind kind, String txid, String body, Instant at) {
}
