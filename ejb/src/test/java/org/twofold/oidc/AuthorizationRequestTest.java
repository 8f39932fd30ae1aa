package org.twofold.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.twofold.TwofoldException;

/** The authentication request's checks, PKCE (RFC 7636 Appendix B), redirect URIs and the methods an ID token names. */
class AuthorizationRequestTest {
    private static final String REDIRECT = "https://app.example.edu/cb";
    private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    private static AuthorizationRequest request(String responseType, String scope, String challenge, String method, String prompt, String maxAge) {
        return new AuthorizationRequest("OC1", REDIRECT, responseType, scope, "st", "nn", challenge, method, prompt, maxAge, "alice", false, false);
    }

    private static String refusal(AuthorizationRequest r, ClientType type) {
        OidcError e = assertThrows(OidcError.class, () -> r.validate("App", type, REDIRECT));
        assertTrue(e.redirectable(), "the client and redirect URI are known good: the answer goes back to the application");
        assertEquals(REDIRECT, e.redirectUri());
        assertEquals(r.state(), e.state(), "the state goes back with the error");
        return e.error();
    }

    @Test
    void pkceS256MatchesRfc7636AppendixB() {
        assertEquals(CHALLENGE, Pkce.challengeOf("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
        assertTrue(Pkce.verifies("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", CHALLENGE));
        assertFalse(Pkce.verifies("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXl", CHALLENGE));
        assertFalse(Pkce.verifies(null, CHALLENGE));
        assertFalse(Pkce.verifies("short", Pkce.challengeOf("short")), "a verifier has 43 to 128 characters");
    }

    @Test
    void aGoodRequestBecomesAnAuthorization() {
        Authorization a = request("code", "openid profile email", CHALLENGE, "S256", "login", "300").validate("App", ClientType.PUBLIC, REDIRECT);
        assertEquals("openid profile", a.scope(), "unknown scopes are dropped");
        assertEquals(CHALLENGE, a.codeChallenge());
        assertEquals(300, a.maxAge());
        assertTrue(a.forceLogin());
        assertEquals("alice", a.loginHint());
        assertEquals("st", a.state());
    }

    @Test
    void refusesWhatTheProtocolForbids() {
        assertEquals("unsupported_response_type", refusal(request("token", "openid", null, null, null, null), ClientType.CONFIDENTIAL));
        assertEquals("invalid_request", refusal(request(null, "openid", null, null, null, null), ClientType.CONFIDENTIAL));
        assertEquals("invalid_scope", refusal(request("code", "profile", null, null, null, null), ClientType.CONFIDENTIAL));
        assertEquals("invalid_request", refusal(request("code", "openid", null, null, null, null), ClientType.PUBLIC), "PKCE is required of a public client");
        assertEquals("invalid_request", refusal(request("code", "openid", CHALLENGE, "plain", null, null), ClientType.CONFIDENTIAL), "only S256");
        assertEquals("invalid_request", refusal(request("code", "openid", CHALLENGE, null, null, null), ClientType.CONFIDENTIAL), "no method means plain");
        assertEquals("invalid_request", refusal(request("code", "openid", "tooshort", "S256", null, null), ClientType.CONFIDENTIAL));
        assertEquals("invalid_request", refusal(request("code", "openid", null, null, "none login", null), ClientType.CONFIDENTIAL));
        assertEquals("invalid_request", refusal(request("code", "openid", null, null, null, "-1"), ClientType.CONFIDENTIAL));
        assertEquals("request_not_supported", refusal(new AuthorizationRequest("OC1", REDIRECT, "code", "openid", null, null, null, null, null, null, null, true, false),
                ClientType.CONFIDENTIAL));
    }

    @Test
    void confidentialClientMayOmitPkce() {
        assertNull(request("code", "openid", null, null, null, null).validate("App", ClientType.CONFIDENTIAL, REDIRECT).codeChallenge());
    }

    @Test
    void sessionLoginAnswersOnlyWhatItSatisfies() {
        Instant now = Instant.parse("2026-12-06T12:00:00Z");
        Authorization plain = new Authorization("OC1", "App", REDIRECT, "openid", null, null, null, false, false, null, null);
        assertTrue(plain.satisfiedBy("alice", "totp", now.minusSeconds(3000), now));
        assertTrue(plain.satisfiedBy("alice", "remembered", now.minusSeconds(3000), now));
        assertFalse(plain.satisfiedBy(null, null, null, now), "nobody logged in");
        Authorization login = new Authorization("OC1", "App", REDIRECT, "openid", null, null, null, true, false, null, null);
        assertFalse(login.satisfiedBy("alice", "totp", now, now), "prompt=login");
        Authorization maxAge = new Authorization("OC1", "App", REDIRECT, "openid", null, null, null, false, false, 300, null);
        assertTrue(maxAge.satisfiedBy("alice", "push", now.minusSeconds(300), now));
        assertFalse(maxAge.satisfiedBy("alice", "push", now.minusSeconds(301), now), "older than max_age");
        assertFalse(maxAge.satisfiedBy("alice", "remembered", now, now), "max_age wants a factor proven, not a remembered browser");
        assertTrue(maxAge.needsFreshFactor());
        Authorization hint = new Authorization("OC1", "App", REDIRECT, "openid", null, null, null, false, false, null, "bob");
        assertFalse(hint.satisfiedBy("alice", "totp", now, now), "another user is hinted");
    }

    @ParameterizedTest
    @CsvSource({"totp,pwd otp mfa", "hotp,pwd otp mfa", "sms,pwd sms mfa", "phone,pwd tel mfa", "push,pwd swk mfa", "security_key,pwd hwk mfa",
            "bypass,pwd otp mfa", "temporary,pwd otp mfa", "remembered,pwd"})
    void amrNamesTheFactorActuallyUsed(String factor, String amr) {
        AuthenticationMethods m = AuthenticationMethods.of(factor);
        assertEquals(List.of(amr.split(" ")), m.amr());
        assertEquals(amr.contains("mfa") ? AuthenticationMethods.ACR_MFA : AuthenticationMethods.ACR_SFA, m.acr());
    }

    @Test
    void redirectUrisAreAbsoluteHttpsWithoutFragmentAndMatchExactly() {
        RedirectUris uris = RedirectUris.parse("https://app.example.edu/cb, http://localhost:8081/cb");
        assertTrue(uris.contains("https://app.example.edu/cb"));
        assertFalse(uris.contains("https://app.example.edu/cb/"), "no prefix match");
        assertFalse(uris.contains("https://APP.example.edu/cb"), "no normalisation");
        assertFalse(uris.contains("https://app.example.edu/cb?x=1"));
        for (String bad : List.of("http://app.example.edu/cb", "https://app.example.edu/cb#f", "/cb", "https://u:p@app.example.edu/cb", "javascript:alert(1)")) {
            assertThrows(TwofoldException.class, () -> RedirectUris.parse(bad), bad);
        }
        assertThrows(TwofoldException.class, () -> RedirectUris.parse(" "));
    }
}
