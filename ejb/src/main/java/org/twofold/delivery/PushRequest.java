package org.twofold.delivery;

import java.time.Instant;

/**
 * What a push shows in the app: the application, the time and where the request came from. A
 * verified push does not carry its number: the person reads it on the prompt and types it in.
 *
 * @param deadline when the request times out: a push service need not keep it longer
 */
public record PushRequest(String txid, String application, String origin, Instant time, boolean verified, Instant deadline) {
}
