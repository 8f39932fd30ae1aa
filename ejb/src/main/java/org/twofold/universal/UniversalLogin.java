package org.twofold.universal;

import java.io.Serializable;
import org.twofold.integration.HostedApp;

/**
 * A verified authorization request on its way through Twofold's prompt: which application (never
 * its secret), which user, and where and how the code goes back. Held in the page session (so
 * serializable) from {@code /oauth/v1/authorize} until the prompt completes.
 *
 * @param clientId the integration key
 * @param application the integration's name, shown on the prompt and the push
 * @param username the user the application named, the only one this login can be for
 * @param redirectUri where the code goes
 * @param state the application's state
 * @param nonce for the ID token, or null
 * @param duoCodeAttribute {@code duo_code} rather than {@code code}
 */
public record UniversalLogin(String clientId, String application, String username, String redirectUri, String state, String nonce,
                             boolean duoCodeAttribute) implements Serializable {

    /** The application as the prompt shows it; its "return URL" is the redirect URI (the page's forms may lead there). */
    public HostedApp app() {
        return new HostedApp(application, clientId, redirectUri);
    }
}
