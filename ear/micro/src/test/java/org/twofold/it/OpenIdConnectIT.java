package org.twofold.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twofold.it.Fixtures.codeNow;
import static org.twofold.it.Fixtures.unique;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.net.URL;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.management.openmbean.CompositeData;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.twofold.oidc.Pkce;

/**
 * The OpenID Connect provider with a real relying party: Debian's Apache with {@code mod_auth_openidc}
 * ({@link Apache}) protects a page; headless Chromium opens it, is sent to Twofold, logs in with
 * password and TOTP, and lands on the page, which shows the claims Apache passes on; a second visit
 * within {@code max_age} needs nothing. Then, as raw HTTP against the endpoints (the session's cookie
 * taken from the browser), what an attacker or a broken client tries: a tampered code, a reused code,
 * a wrong redirect URI, a missing or wrong PKCE verifier, a wrong client secret, a tampered access
 * token — each refused and audited — and a key rotation that leaves earlier tokens verifiable.
 */
@ExtendWith(ArquillianExtension.class)
class OpenIdConnectIT {
    private static final String PASSWORD = "correct-horse-battery";
    /** Twofold's issuer in this run: TWOFOLD_PUBLIC_URL is not set, so http://localhost:<port>. */
    private static final String ISSUER = "http://localhost:" + System.getProperty("it.http.port");
    /**
     * A redirect URI on a port nobody listens on (a free one: Chromium refuses to navigate to "unsafe"
     * ports such as 9 at all): raw requests read their answers from the Location header; the browser
     * gets as far as its address.
     */
    private static final String RAW_REDIRECT = "http://127.0.0.1:" + freePort() + "/cb";

    @RegisterExtension
    final Browsers browsers = new Browsers();

    /** Each failure written at once to {@code target/OpenIdConnectIT-failures.txt}, as well as reported at the class's end. */
    @RegisterExtension
    final org.junit.jupiter.api.extension.TestExecutionExceptionHandler failures = (context, failure) -> {
        java.io.StringWriter trace = new java.io.StringWriter();
        failure.printStackTrace(new java.io.PrintWriter(trace));
        // and what the server's threads are doing (a request that hangs shows where)
        String port = System.getProperty("it.http.port");
        for (ProcessHandle h : ProcessHandle.allProcesses().filter(h -> h.info().commandLine().orElse("").contains("-Dtwofold.http.port=" + port)).toList()) {
            Process jstack = new ProcessBuilder("jstack", Long.toString(h.pid())).redirectErrorStream(true).start();
            trace.append("\n--- jstack " + h.pid()).append('\n').append(new String(jstack.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "OpenIdConnectIT-failures.txt"), context.getDisplayName() + "\n" + trace + "\n",
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        throw failure;
    };

    @ArquillianResource
    private URL base;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Deployment(testable = false)
    static WebArchive twofold() {
        return Fixtures.war();
    }

    private static int freePort() {
        try {
            return MicroServer.freePort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Waits for the browser's address to satisfy {@code condition}; on time-out, says where it is and what it shows. */
    private static String awaitUrl(Browser browser, java.util.function.Predicate<String> condition, String why, Apache apache) {
        try {
            return browser.waitForUrl(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            String source = browser.driver.getPageSource();
            throw new AssertionError(why + ": the browser is at " + browser.driver.getCurrentUrl() + " showing "
                    + source.substring(0, Math.min(source.length(), 2000)) + (apache == null ? "" : apache.log()), e);
        }
    }

    /** A registered client: {clientId, clientSecret}. */
    private static String[] client(String redirectUris, String type) throws Exception {
        try (Jmx admin = Jmx.admin()) {
            CompositeData c = (CompositeData) admin.invoke(Jmx.ADMINISTRATION, "createOidcClient", unique("OIDC app "), redirectUris, type);
            return new String[] {(String) c.get("clientId"), (String) c.get("clientSecret")};
        }
    }

    /** Logs the browser (at Twofold's password form) in with password and a TOTP code. */
    private static void logIn(Browser browser, String user, byte[] seed) {
        browser.type(By.id("login:username"), user);
        browser.type(By.id("login:password"), PASSWORD);
        browser.submit(By.id("login:submit"));
        browser.type(By.id("prompt:passcode"), codeNow(seed));
        browser.submit(By.id("prompt:verify"));
    }

    /** The {@code OIDC_CLAIM_*} lines of the protected page, by claim name. */
    private static Map<String, String> claims(String page) {
        return Arrays.stream(page.split("\n")).filter(l -> l.startsWith("OIDC_CLAIM_"))
                .collect(Collectors.toMap(l -> l.substring("OIDC_CLAIM_".length(), l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1), (a, b) -> a, LinkedHashMap::new));
    }

    @Test
    void apacheWithModAuthOpenidcLogsAUserInThroughTwofoldAndASecondVisitWithinMaxAgeNeedsNothing() throws Exception {
        String user = unique("oidc");
        byte[] seed = Jmx.userWithTotpToken(user, PASSWORD);
        int port = MicroServer.freePort();
        String[] client = client(Apache.redirectUri(port), "confidential");
        try (Apache apache = Apache.start(port, ISSUER, client[0], client[1])) {
            Browser browser = browsers.open();
            browser.driver.get(apache.page());
            String prompt = awaitUrl(browser, u -> u.startsWith(ISSUER + "/"), "sent to Twofold", apache);
            assertTrue(prompt.startsWith(ISSUER + "/?return="), "sent to Twofold's login prompt: " + prompt);
            logIn(browser, user, seed);
            awaitUrl(browser, u -> u.startsWith(apache.page()), "back at the application", apache);
            String page = browser.waitForText(By.tagName("body"), t -> t.contains("OIDC_CLAIM_"));
            Map<String, String> claims = claims(page);
            assertEquals(user, claims.get("preferred_username"), page + apache.log());
            assertEquals("pwd,otp,mfa", claims.get("amr"), "a password and a one-time passcode: " + page);
            assertEquals("https://refeds.org/profile/mfa", claims.get("acr"));
            assertEquals("Test " + user, claims.get("name"));
            assertNotEquals(user, claims.get("sub"), "the subject is not the username");
            assertEquals(ISSUER, claims.get("iss"));
            String authTime = claims.get("auth_time");

            // The application's session ends; Twofold's has not: within max_age the browser comes back logged in, typing nothing.
            browser.driver.manage().deleteCookieNamed("mod_auth_openidc_session");
            browser.driver.get(apache.page());
            awaitUrl(browser, u -> u.startsWith(apache.page()), "back at the application without a login", apache);
            Map<String, String> again = claims(browser.waitForText(By.tagName("body"), t -> t.contains("OIDC_CLAIM_")));
            assertEquals(user, again.get("preferred_username"));
            assertEquals(authTime, again.get("auth_time"), "the same login, not a new one");
            assertEquals(claims.get("sub"), again.get("sub"), "the subject is stable");
            String[] audit = audit(user).split("\n");
            assertEquals(2, Arrays.stream(audit).filter(l -> l.contains(" oidc.token ") && l.contains("→ allow")).count(), String.join("\n", audit));
            assertEquals(1, Arrays.stream(audit).filter(l -> l.contains(" auth.passcode ") && l.contains("→ allow")).count(), "one second factor for both visits");
        }
    }

    @Test
    void promptLoginAndAnExpiredMaxAgeAskForANewLoginWithTheHintedUsername() throws Exception {
        String user = unique("oidc");
        byte[] seed = Jmx.userWithTotpToken(user, PASSWORD);
        String[] client = client(RAW_REDIRECT, "confidential");
        Browser browser = browsers.open();
        String session = loggedInSession(browser, client[0], user, seed);
        assertTrue(location(authorize(session, client[0], RAW_REDIRECT, "s1", null, "")).startsWith(RAW_REDIRECT + "?code="), "logged in: a code at once");
        for (String extra : List.of("&prompt=login", "&max_age=0")) {
            browser.driver.get(ISSUER + "/oidc/authorize?response_type=code&scope=openid&client_id=" + client[0] + "&redirect_uri=" + enc(RAW_REDIRECT)
                    + "&state=s2&login_hint=" + enc(user) + extra);
            assertEquals(user, browser.waitFor(By.id("login:username")).getAttribute("value"), extra + ": the login form again, with the hinted username");
        }
    }

    @Test
    void tamperedReusedAndMisdirectedCodesAreRefused() throws Exception {
        String user = unique("oidc");
        byte[] seed = Jmx.userWithTotpToken(user, PASSWORD);
        String[] client = client(RAW_REDIRECT, "confidential");
        String session = loggedInSession(browsers.open(), client[0], user, seed);

        // a wrong redirect URI: an error page, and the browser is sent nowhere
        HttpResponse<String> wrong = authorize(session, client[0], "http://127.0.0.1:9/cb/evil", "s", null, "");
        assertEquals(400, wrong.statusCode());
        assertTrue(wrong.headers().firstValue("Location").isEmpty(), "no redirect to an unregistered URI");
        assertTrue(wrong.body().contains("not valid"), wrong.body());

        String code = code(authorize(session, client[0], RAW_REDIRECT, "st-1", null, ""), "st-1");
        // tampered: one character changed
        char last = code.charAt(code.length() - 1);
        String tampered = code.substring(0, code.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertEquals("invalid_grant", error(token(client, "client_secret_post", tampered, RAW_REDIRECT, null)));
        // the right code, but another redirect URI than the authorization's: refused, and the code is spent
        assertEquals("invalid_grant", error(token(client, "client_secret_basic", code, "http://127.0.0.1:9/other", null)));
        assertEquals("invalid_grant", error(token(client, "client_secret_basic", code, RAW_REDIRECT, null)), "spent by the refused attempt");

        String fresh = code(authorize(session, client[0], RAW_REDIRECT, "st-2", null, "&nonce=n-123"), "st-2");
        HttpResponse<String> ok = token(client, "client_secret_basic", fresh, RAW_REDIRECT, null);
        assertEquals(200, ok.statusCode(), ok.body());
        Map<String, Object> tokens = json(ok.body());
        JWTClaimsSet id = verifiedIdToken((String) tokens.get("id_token"), client[0]);
        assertEquals("n-123", id.getStringClaim("nonce"));
        assertEquals(user, id.getStringClaim("preferred_username"));
        // reused
        assertEquals("invalid_grant", error(token(client, "client_secret_basic", fresh, RAW_REDIRECT, null)));
        // a wrong secret
        HttpResponse<String> badSecret = token(new String[] {client[0], client[1] + "x"}, "client_secret_basic", fresh, RAW_REDIRECT, null);
        assertEquals(401, badSecret.statusCode());
        assertEquals("invalid_client", error(badSecret));

        // the access token opens userinfo; a tampered one does not
        String access = (String) tokens.get("access_token");
        HttpResponse<String> info = http.send(HttpRequest.newBuilder(URI.create(ISSUER + "/oidc/userinfo")).header("Authorization", "Bearer " + access).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, info.statusCode(), info.body());
        assertEquals(user, json(info.body()).get("preferred_username"));
        assertEquals(id.getSubject(), json(info.body()).get("sub"));
        String[] parts = access.split("\\.");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace(user, "admin").getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertEquals(401, http.send(HttpRequest.newBuilder(URI.create(ISSUER + "/oidc/userinfo")).header("Authorization", "Bearer " + forged).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());

        String audit = audit(user);
        for (String reason : List.of("code_reused", "redirect_uri_mismatch")) {
            assertTrue(audit.contains(reason), reason + " audited:\n" + audit);
        }
    }

    @Test
    void publicClientMustUsePkceS256AndProveIt() throws Exception {
        String user = unique("oidc");
        byte[] seed = Jmx.userWithTotpToken(user, PASSWORD);
        String[] client = client(RAW_REDIRECT, "public");
        assertEquals("", client[1], "a public client has no secret");
        String session = loggedInSession(browsers.open(), client[0], user, seed);
        String verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk" + unique("v");
        String challenge = Pkce.challengeOf(verifier);
        String[] pub = {client[0], null};

        // no code_challenge: refused back to the application, with its state
        String refused = location(authorize(session, client[0], RAW_REDIRECT, "p-0", null, ""));
        assertTrue(refused.startsWith(RAW_REDIRECT + "?error=invalid_request"), refused);
        assertTrue(refused.contains("&state=p-0"), refused);

        String code = code(authorize(session, client[0], RAW_REDIRECT, "p-1", challenge, ""), "p-1");
        assertEquals("invalid_grant", error(token(pub, "none", code, RAW_REDIRECT, null)), "the verifier is missing");
        assertEquals("invalid_grant", error(token(pub, "none", code, RAW_REDIRECT, verifier)), "spent by the refused attempt");
        String second = code(authorize(session, client[0], RAW_REDIRECT, "p-2", challenge, ""), "p-2");
        assertEquals("invalid_grant", error(token(pub, "none", second, RAW_REDIRECT, verifier + "x")), "a wrong verifier");
        String third = code(authorize(session, client[0], RAW_REDIRECT, "p-3", challenge, ""), "p-3");
        HttpResponse<String> ok = token(pub, "none", third, RAW_REDIRECT, verifier);
        assertEquals(200, ok.statusCode(), ok.body());
        verifiedIdToken((String) json(ok.body()).get("id_token"), client[0]);
        String audit = audit(user);
        assertTrue(audit.contains("pkce_verifier_missing") && audit.contains("pkce_verifier_wrong"), audit);
    }

    @Test
    void rotatedSigningKeyStaysPublishedSoEarlierTokensStillVerify() throws Exception {
        String user = unique("oidc");
        byte[] seed = Jmx.userWithTotpToken(user, PASSWORD);
        String[] client = client(RAW_REDIRECT, "confidential");
        String session = loggedInSession(browsers.open(), client[0], user, seed);
        String before = (String) json(token(client, "client_secret_post", code(authorize(session, client[0], RAW_REDIRECT, "r1", null, ""), "r1"), RAW_REDIRECT, null)
                .body()).get("id_token");
        String rotated;
        try (Jmx admin = Jmx.admin()) {
            rotated = (String) admin.invoke(Jmx.ADMINISTRATION, "rotateOidcSigningKeys");
        }
        String after = (String) json(token(client, "client_secret_post", code(authorize(session, client[0], RAW_REDIRECT, "r2", null, ""), "r2"), RAW_REDIRECT, null)
                .body()).get("id_token");
        String oldKid = SignedJWT.parse(before).getHeader().getKeyID();
        String newKid = SignedJWT.parse(after).getHeader().getKeyID();
        assertNotEquals(oldKid, newKid);
        assertTrue(rotated.contains(newKid), rotated);
        verifiedIdToken(before, client[0]);
        verifiedIdToken(after, client[0]);
        assertFalse(jwks().toString().contains("\"d\":"), "no private part is published");
    }

    @Test
    void discoveryNamesTheEndpointsAndWhatTheProviderSupports() throws Exception {
        Map<String, Object> meta = json(http.send(HttpRequest.newBuilder(URI.create(ISSUER + "/.well-known/openid-configuration")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertEquals(ISSUER, meta.get("issuer"));
        assertEquals(ISSUER + "/oidc/authorize", meta.get("authorization_endpoint"));
        assertEquals(ISSUER + "/oidc/token", meta.get("token_endpoint"));
        assertEquals(List.of("S256"), meta.get("code_challenge_methods_supported"));
        assertTrue(((List<?>) meta.get("token_endpoint_auth_methods_supported")).containsAll(List.of("client_secret_basic", "client_secret_post")));
        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(URI.create(ISSUER + "/oidc/authorize?response_type=code&scope=openid&client_id=OCNOBODY&redirect_uri="
                + enc(RAW_REDIRECT))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.headers().firstValue("Location").isEmpty(), "an unknown client is sent nowhere");
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Logs {@code user} in through the authorization endpoint in the browser (any request of
     * {@code clientId}'s) and returns Twofold's cookies (a {@code Cookie} header), for raw requests in that session.
     */
    private String loggedInSession(Browser browser, String clientId, String user, byte[] seed) {
        // with a PKCE challenge, which public clients must send (its code is never redeemed)
        browser.driver.get(ISSUER + "/oidc/authorize?response_type=code&scope=openid&client_id=" + clientId + "&redirect_uri=" + enc(RAW_REDIRECT) + "&state=x"
                + "&code_challenge=" + Pkce.challengeOf("never-redeemed-verifier-0123456789-0123456789") + "&code_challenge_method=S256");
        logIn(browser, user, seed);
        awaitUrl(browser, u -> u.startsWith(RAW_REDIRECT), "sent to the redirect URI with a code", null);
        browser.driver.get(ISSUER + "/health");
        // every cookie of Twofold's, as the browser would send them (the session id, and the version
        // of a distributable session, JSESSIONIDVERSION, without which another copy may be read)
        return browser.driver.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue()).collect(Collectors.joining("; "));
    }

    private HttpResponse<String> authorize(String session, String clientId, String redirectUri, String state, String challenge, String extra) throws Exception {
        String url = ISSUER + "/oidc/authorize?response_type=code&scope=openid%20profile&client_id=" + enc(clientId) + "&redirect_uri=" + enc(redirectUri)
                + "&state=" + enc(state) + (challenge == null ? "" : "&code_challenge=" + challenge + "&code_challenge_method=S256") + extra;
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Cookie", session).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String location(HttpResponse<String> r) {
        assertEquals(302, r.statusCode(), r.body());
        return r.headers().firstValue("Location").orElseThrow();
    }

    /** The code of an authorization answer, after checking it returns {@code state} and names the issuer. */
    private static String code(HttpResponse<String> r, String state) {
        String location = location(r);
        assertTrue(location.startsWith(RAW_REDIRECT + "?code="), location);
        Map<String, String> q = Arrays.stream(URI.create(location).getRawQuery().split("&")).map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
        assertEquals(state, q.get("state"));
        assertEquals(ISSUER, q.get("iss"));
        return q.get("code");
    }

    private HttpResponse<String> token(String[] client, String method, String code, String redirectUri, String verifier) throws Exception {
        StringBuilder form = new StringBuilder("grant_type=authorization_code&code=" + enc(code) + "&redirect_uri=" + enc(redirectUri));
        if (verifier != null) {
            form.append("&code_verifier=").append(enc(verifier));
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(ISSUER + "/oidc/token")).header("Content-Type", "application/x-www-form-urlencoded");
        switch (method) {
            case "client_secret_basic" -> b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (enc(client[0]) + ":" + enc(client[1])).getBytes(StandardCharsets.UTF_8)));
            case "client_secret_post" -> form.append("&client_id=").append(enc(client[0])).append("&client_secret=").append(enc(client[1]));
            default -> form.append("&client_id=").append(enc(client[0]));
        }
        return http.send(b.POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String error(HttpResponse<String> r) {
        assertNull(json(r.body()).get("id_token"), r.body());
        assertTrue(r.statusCode() == 400 || r.statusCode() == 401, r.statusCode() + " " + r.body());
        return (String) json(r.body()).get("error");
    }

    private JWKSet jwks() throws Exception {
        return JWKSet.parse(http.send(HttpRequest.newBuilder(URI.create(ISSUER + "/oidc/jwks")).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    /** The ID token's claims after the checks a relying party makes: a published key's signature, issuer, audience, expiry. */
    private JWTClaimsSet verifiedIdToken(String idToken, String clientId) throws Exception {
        SignedJWT jwt = SignedJWT.parse(idToken);
        RSAKey key = (RSAKey) jwks().getKeyByKeyId(jwt.getHeader().getKeyID());
        assertTrue(key != null && jwt.verify(new RSASSAVerifier(key)), "signed by a published key");
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertEquals(ISSUER, claims.getIssuer());
        assertEquals(List.of(clientId), claims.getAudience());
        assertTrue(claims.getExpirationTime().toInstant().isAfter(java.time.Instant.now()));
        return claims;
    }

    private static Map<String, Object> json(String body) {
        try {
            return JSONObjectUtils.parse(body);
        } catch (java.text.ParseException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    private static String audit(String user) throws Exception {
        try (Jmx admin = Jmx.admin()) {
            return String.join("\n", admin.auditFor(user));
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
