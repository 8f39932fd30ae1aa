package org.twofold.web.login;

import java.io.Serializable;

/**
 * Where the login prompt takes a person after both factors when another door sent them to it (the
 * OpenID Connect authorization endpoint): that door puts one of these in the session under
 * {@link #attribute} and sends the browser to {@code /?return=<id>}; the prompt logs the person in as
 * always and then redirects to {@link #url()}, where the door finishes its own protocol. Plain and
 * serializable (it lives in the replicated page session).
 *
 * @param url the path to go to after both factors (on Twofold's own origin)
 * @param freshFactor whether the login must prove a second factor now (no remembered browser)
 * @param loginHint a username to start with, or null
 * @param application the application's name for remembered browsers ({@code twofold-remember-<application>})
 * @param applicationName what a push shows as the application
 * @param formOrigin the origin the login's redirects end at (the application's), which the prompt's
 *     Content-Security-Policy {@code form-action} must allow: browsers check it on every redirect
 *     that follows a form's submission
 */
public record PromptReturn(String url, boolean freshFactor, String loginHint, String application, String applicationName, String formOrigin)
        implements Serializable {
    /** The query parameter naming the waiting return. */
    public static final String PARAMETER = "return";

    /** The session attribute of the return named {@code id}. */
    public static String attribute(String id) {
        return "org.twofold.promptReturn." + id;
    }
}
