package org.twofold.webpush;

import java.time.Instant;

/**
 * A push waiting for the approval app's answer, as the app shows it: the application, when and
 * from where it was asked, until when it can be answered, and whether it is a verified push (the
 * app then asks for the number on the login screen, which it is never told).
 */
public record WaitingRequest(String txid, String application, String origin, Instant time, Instant deadline, boolean verified) {
}
