package org.twofold.auth;

/**
 * The kinds of first device a person may add without a second factor ({@link FirstLogin}): on the
 * login prompt after a new user's password, and on an activation link's page. Each says what
 * confirms it; nothing is active before that.
 *
 * <p>A kind is added in three places: a constant here, its case in {@link FirstLogin#begin} (the
 * one switch that starts it), and on the pages its menu text {@code enroll.kind.<NAME>} and what the
 * chooser shows while it waits ({@code WEB-INF/includes/device-chooser.xhtml}).
 */
public enum FirstDeviceKind {
    /** An authenticator app (a smartphone or tablet, no number): confirmed by a first code from the app. */
    APP,
    /**
     * The Twofold approval app on a smartphone (Web Push): the person opens the one-time link (or
     * scans it) on the phone; it is confirmed once the phone has registered its key and push
     * subscription with that link's code ({@link FirstLogin#approvalAppRegistered}).
     */
    APPROVAL_APP,
    /** A security key or passkey: its registration ceremony is the verification. */
    SECURITY_KEY,
    /** A mobile phone without the app: confirmed by the code texted to it. */
    MOBILE_PHONE,
    /** A landline (with an optional extension): confirmed by the code a call reads. */
    LANDLINE;

    /** Whether the person types a number for it. */
    public boolean needsNumber() {
        return this == MOBILE_PHONE || this == LANDLINE;
    }
}
