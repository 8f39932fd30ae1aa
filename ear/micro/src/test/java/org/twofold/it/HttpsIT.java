package org.twofold.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.twofold.passcode.Base32;
import org.twofold.passcode.OtpAlgorithm;
import org.twofold.passcode.Totp;

/**
 * HTTPS as the README turns it on (issue 10, transport): Twofold started in its own process with
 * Payara's HTTPS port and the self-signed test keystore {@code tls/test-https.p12} (alias
 * {@code twofold}, CN and SAN {@code localhost}), which the test client trusts — and nothing else.
 * Over HTTPS the login page answers with {@code Strict-Transport-Security}, the session cookie and
 * the remember-me cookie are {@code Secure; HttpOnly; SameSite=Lax}; plain HTTP is redirected to
 * HTTPS (308, the same path and query), never gets HSTS, and only the health probe stays on it.
 */
class HttpsIT {
    static final String KEYSTORE_PASSWORD = "test-https-password";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PASSWORD = "correct-horse-battery";
    private static MicroServer server;
    private static SSLContext trustingTestCertificate;

    @BeforeAll
    static void startWithHttps() throws Exception {
        Path keystore = Path.of(HttpsIT.class.getResource("/tls/test-https.p12").toURI());
        trustingTestCertificate = trusting(keystore);
        server = MicroServer.freshWithHttps("https", keystore, KEYSTORE_PASSWORD).start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    /** An SSL context trusting only the test keystore's certificate (not its key, not the JDK's CAs). */
    private static SSLContext trusting(Path keystore) throws Exception {
        KeyStore p12 = KeyStore.getInstance("PKCS12");
        try (InputStream in = java.nio.file.Files.newInputStream(keystore)) {
            p12.load(in, KEYSTORE_PASSWORD.toCharArray());
        }
        Certificate certificate = p12.getCertificate("twofold");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("twofold", certificate);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        return tls;
    }

    private static List<String> attributes(String setCookie) {
        return Arrays.stream(setCookie.split(";")).map(String::trim).map(s -> s.toLowerCase(java.util.Locale.ROOT)).toList();
    }

    private static void assertSecureCookie(String setCookie) {
        assertNotNull(setCookie, "cookie set");
        List<String> a = attributes(setCookie);
        assertTrue(a.contains("secure"), setCookie);
        assertTrue(a.contains("httponly"), setCookie);
        assertTrue(a.contains("samesite=lax"), setCookie);
    }

    @Test
    void loginPageOverHttpsSendsHstsAndASecureSessionCookie() throws Exception {
        FormClient browser = new FormClient(trustingTestCertificate);
        HttpResponse<String> page = browser.get(server.httpsBase());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<form id=\"login\""), "the login form");
        assertEquals("max-age=31536000", page.headers().firstValue("strict-transport-security").orElse(null));
        assertSecureCookie(FormClient.setCookie(page, "JSESSIONID"));
        System.out.printf("HTTPS: %s answered %d over %s%n", server.httpsBase(), page.statusCode(), page.version());
    }

    @Test
    void plainHttpIsRedirectedToHttpsAndNeverGetsHsts() throws Exception {
        FormClient plain = new FormClient();
        URI base = server.base().toURI();
        HttpResponse<String> page = plain.get(base.resolve("/portal?next=portal"));
        assertEquals(308, page.statusCode());
        assertEquals("https://localhost:" + server.httpsPort + "/portal?next=portal", page.headers().firstValue("location").orElse(null));
        assertFalse(page.headers().firstValue("strict-transport-security").isPresent());
        assertNull(FormClient.setCookie(page, "JSESSIONID"), "no session is started over plain HTTP");

        HttpResponse<String> post = plain.post(base.resolve("/"), Map.of("login", "login", "login:username", "x"));
        assertEquals(308, post.statusCode(), "a post is sent to HTTPS too, not served");

        HttpResponse<String> health = plain.get(base.resolve("/health"));
        assertEquals(200, health.statusCode(), "the health probe stays on plain HTTP");
        assertFalse(health.headers().firstValue("strict-transport-security").isPresent());
        System.out.println("plain HTTP statuses: " + plain.statusCounts);
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateIsRefused() throws Exception {
        FormClient stranger = new FormClient(SSLContext.getDefault());
        try {
            stranger.get(server.httpsBase());
            throw new AssertionError("the JDK's default trust store must not accept the self-signed test certificate");
        } catch (java.io.IOException expected) {
            // the connection really is TLS, with the test keystore's certificate
            assertTrue(expected instanceof SSLHandshakeException || expected.getCause() instanceof SSLHandshakeException, expected.toString());
        }
    }

    @Test
    void rememberMeCookieOverHttpsIsSecureHttpOnlyAndLax() throws Exception {
        String user = "https" + Long.toString(Math.abs(RANDOM.nextLong()) % 1_000_000L, 36);
        byte[] seed = new byte[20];
        RANDOM.nextBytes(seed);
        try (MicroServer.Admin admin = server.admin()) {
            admin.set(Jmx.ADMINISTRATION, "RememberMeHours", 8);
            admin.invoke(Jmx.ADMINISTRATION, "createUser", user, "Test " + user, "Central Administration");
            admin.invoke(Jmx.ADMINISTRATION, "setUserPassword", user, PASSWORD);
            admin.invoke(Jmx.ADMINISTRATION, "importToken", "TOK-" + user, "totp", Base32.encode(seed), 6);
            admin.invoke(Jmx.ADMINISTRATION, "assignToken", user, "TOK-" + user);
        }
        FormClient browser = new FormClient(trustingTestCertificate);
        URI base = server.httpsBase();
        Map<String, String> login = FormClient.form(browser.get(base).body(), "login");
        login.put("login:username", user);
        login.put("login:password", PASSWORD);
        login.put("login:submit", "Log in");
        HttpResponse<String> prompt = browser.post(base.resolve("/index.xhtml"), login);
        assertEquals(200, prompt.statusCode());
        Map<String, String> second = FormClient.form(prompt.body(), "prompt");
        second.put("prompt:passcode", Totp.generate(seed, Instant.now(), 6, OtpAlgorithm.SHA1));
        second.put("prompt:remember", "on");
        second.put("prompt:verify", "Log In");
        HttpResponse<String> done = browser.post(base.resolve("/index.xhtml"), second);
        assertEquals(200, done.statusCode());
        assertSecureCookie(FormClient.setCookie(done, "twofold-remember-twofold"));
        assertSecureCookie(FormClient.setCookie(done, "JSESSIONID")); // the new session id after the login
        assertEquals("max-age=31536000", done.headers().firstValue("strict-transport-security").orElse(null));
    }
}
