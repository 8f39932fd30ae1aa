package org.twofold.web.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.twofold.oidc.ClientCredentials;
import org.twofold.oidc.OidcError;

/** How the token endpoint reads a client's credentials (RFC 6749 §2.3.1; OpenID Connect Core §9). */
class OidcEndpointsTest {
    private static String basic(String text) {
        return "Basic " + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void basicCredentialsAreFormDecodedIdAndSecret() {
        ClientCredentials c = OidcEndpoints.credentials(basic("OC123:a%2Bb%3Ac"), null, null);
        assertEquals("OC123", c.clientId());
        assertEquals("a+b:c", c.secret());
        assertEquals("client_secret_basic", c.method());
    }

    @Test
    void formCredentialsArePostOrNone() {
        assertEquals("client_secret_post", OidcEndpoints.credentials(null, "OC1", "s").method());
        ClientCredentials none = OidcEndpoints.credentials(null, "OC1", null);
        assertEquals("none", none.method());
        assertNull(none.secret());
    }

    @Test
    void twoMethodsAtOnceOrAnotherClientIdOrGarbageAreRefused() {
        assertEquals("invalid_request", assertThrows(OidcError.class, () -> OidcEndpoints.credentials(basic("OC1:s"), null, "s")).error());
        assertEquals("invalid_request", assertThrows(OidcError.class, () -> OidcEndpoints.credentials(basic("OC1:s"), "OC2", null)).error());
        assertEquals("invalid_client", assertThrows(OidcError.class, () -> OidcEndpoints.credentials("Basic !!!", null, null)).error());
        assertEquals("invalid_client", assertThrows(OidcError.class, () -> OidcEndpoints.credentials(basic("no-colon"), null, null)).error());
    }

    @Test
    void theSecretNeverAppearsInTheCredentialsText() {
        assertEquals(-1, OidcEndpoints.credentials(basic("OC1:very-secret"), null, null).toString().indexOf("very-secret"));
    }
}
