package org.twofold.delivery;

/** Sends a login request to the authenticator app on a device; the app answers for its txid. */
public interface PushGateway {
    void push(Recipient to, PushRequest request);
}
