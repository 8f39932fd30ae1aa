package org.twofold.delivery;

/** Sends a text message to a phone. */
public interface SmsGateway {
    void text(Recipient to, String message);
}
