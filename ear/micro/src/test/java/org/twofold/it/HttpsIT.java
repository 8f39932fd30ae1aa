package org.twofold.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.openmbean.CompositeData;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;
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
 * SOAP works over HTTPS (the WSDL names the HTTPS address; ping, check, preauth answer) and, with
 * HTTPS configured, a SOAP call over plain HTTP is not served but sent there (308): an integration's
 * secret must not travel in clear. Behind a TLS-terminating proxy no HTTPS port is set, so plain
 * HTTP from the proxy is served as before (README, "HTTPS").
 *
 * <p>{@code SameSite=Lax}, not {@code Strict}: an application sends its users to the hosted login
 * prompt by a link or redirect from its own site; with {@code Strict} the browser would withhold the
 * remember-me cookie on that first navigation and "remember me" would never apply. {@code Lax}
 * still withholds both cookies from other sites' form posts (CSRF) and embedded requests.
 */
class HttpsIT {
    static final String KEYSTORE_PASSWORD = "test-https-password";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PASSWORD = "correct-horse-battery";
    private static MicroServer server;
    private static SSLContext trustingTestCertificate;
    private static X509Certificate configuredCertificate;

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
        configuredCertificate = (X509Certificate) certificate;
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

    /** The certificate the server presented on this answer's connection. */
    private static X509Certificate presented(HttpResponse<?> r) throws Exception {
        SSLSession tls = r.sslSession().orElseThrow(() -> new AssertionError("not a TLS connection"));
        return (X509Certificate) tls.getPeerCertificates()[0];
    }

    @Test
    void theKeystorePasswordIsNeitherACommandLineArgumentNorAJvmArgument() throws Exception {
        // Payara got it (every other test here is served over HTTPS with that keystore) from a file
        String commandLine = server.commandLine();
        assertTrue(commandLine.contains("--systemProperties"), commandLine);
        assertFalse(commandLine.contains(KEYSTORE_PASSWORD), "the process list shows the keystore password: " + commandLine);
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                java.nio.file.Files.getPosixFilePermissions(server.tlsPropertiesFile())), "the file is its owner's only");
        try (Jmx admin = server.admin()) {
            String[] jvmArguments = (String[]) admin.get("java.lang:type=Runtime", "InputArguments");
            System.out.println("HTTPS server's JVM arguments as JMX shows them: " + String.join(" ", jvmArguments));
            assertTrue(Arrays.stream(jvmArguments).noneMatch(a -> a.contains(KEYSTORE_PASSWORD) || a.contains("keyStorePassword")),
                    Arrays.toString(jvmArguments));
        }
    }

    @Test
    void loginPageOverHttpsWithTheConfiguredCertificateSendsHstsAndASecureSessionCookie() throws Exception {
        PageClient browser = new PageClient(trustingTestCertificate);
        HttpResponse<String> page = browser.fetch(server.httpsBase());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<form id=\"login\""), "the login form");
        assertEquals(configuredCertificate, presented(page), "the certificate of the configured keystore");
        assertEquals("max-age=31536000", page.headers().firstValue("strict-transport-security").orElse(null));
        String session = PageClient.setCookie(page, "JSESSIONID");
        assertSecureCookie(session);
        SSLSession tls = page.sslSession().orElseThrow();
        System.out.printf("HTTPS: %s answered %d over %s, %s, certificate %s; HSTS '%s'; session cookie attributes %s%n",
                server.httpsBase(), page.statusCode(), tls.getProtocol(), tls.getCipherSuite(),
                presented(page).getSubjectX500Principal(), page.headers().firstValue("strict-transport-security").orElse(""),
                attributes(session).subList(1, attributes(session).size()));
    }

    @Test
    void plainHttpIsRedirectedToHttpsAndNeverGetsHsts() throws Exception {
        PageClient plain = new PageClient();
        URI base = server.base().toURI();
        Map<String, Integer> statuses = new TreeMap<>();
        HttpResponse<String> page = plain.fetch(base.resolve("/portal?next=portal"));
        statuses.put("GET /portal?next=portal", page.statusCode());
        assertEquals(308, page.statusCode());
        assertEquals("https://localhost:" + server.httpsPort + "/portal?next=portal", page.headers().firstValue("location").orElse(null));
        assertFalse(page.headers().firstValue("strict-transport-security").isPresent());
        assertNull(PageClient.setCookie(page, "JSESSIONID"), "no session is started over plain HTTP");

        HttpResponse<String> post = plain.post(base.resolve("/index.xhtml"), Map.of("login", "login", "login:username", "x"));
        statuses.put("POST /index.xhtml", post.statusCode());
        assertEquals(308, post.statusCode(), "a post is sent to HTTPS too, not served");
        assertEquals("https://localhost:" + server.httpsPort + "/index.xhtml", post.headers().firstValue("location").orElse(null));

        // the redirect, followed as a browser does, lands on the HTTPS login page
        HttpResponse<String> followed = new PageClient(trustingTestCertificate).fetch(URI.create(page.headers().firstValue("location").orElseThrow()));
        statuses.put("GET (followed) https://…/portal?next=portal", followed.statusCode());
        assertEquals(302, followed.statusCode(), "the portal sends a visitor who is not logged in to the login page");
        assertTrue(followed.headers().firstValue("location").orElse("").startsWith("https://localhost:" + server.httpsPort + "/"),
                "and stays on HTTPS: " + followed.headers().firstValue("location"));

        HttpResponse<String> health = plain.fetch(base.resolve("/health"));
        statuses.put("GET /health", health.statusCode());
        assertEquals(200, health.statusCode(), "the health probe stays on plain HTTP");
        assertFalse(health.headers().firstValue("strict-transport-security").isPresent());
        System.out.println("plain HTTP with HTTPS configured, status per request: " + statuses);
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateIsRefused() throws Exception {
        PageClient stranger = new PageClient(SSLContext.getDefault());
        try {
            stranger.fetch(server.httpsBase());
            throw new AssertionError("the JDK's default trust store must not accept the self-signed test certificate");
        } catch (java.io.IOException expected) {
            // the connection really is TLS, with the test keystore's certificate
            assertTrue(expected instanceof SSLHandshakeException || expected.getCause() instanceof SSLHandshakeException, expected.toString());
            System.out.println("a client trusting only the JDK's CAs: " + expected);
        }
    }

    /** A SOAP 1.1 request to {@code endpoint} with the integration's PasswordText token (none if {@code key} is null). */
    private static HttpResponse<String> soap(PageClient client, URI endpoint, String key, String secret, String body) throws Exception {
        String header = key == null ? "" : "<soapenv:Header><wsse:Security xmlns:wsse=\"" + SoapClient.WSSE + "\"><wsse:UsernameToken><wsse:Username>"
                + key + "</wsse:Username><wsse:Password>" + secret + "</wsse:Password></wsse:UsernameToken></wsse:Security></soapenv:Header>";
        String envelope = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:t=\"urn:twofold:auth:1\">"
                + header + "<soapenv:Body>" + body + "</soapenv:Body></soapenv:Envelope>";
        return client.send(HttpRequest.newBuilder(endpoint).header("Content-Type", "text/xml; charset=utf-8").header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofString(envelope)));
    }

    private static String element(String xml, String name) {
        Matcher m = Pattern.compile("<(?:\\w+:)?" + name + ">([^<]*)</").matcher(xml);
        return m.find() ? m.group(1) : null;
    }

    @Test
    void soapWorksOverHttpsAndPlainHttpSoapIsSentThere() throws Exception {
        String user = "soaps" + Long.toString(Math.abs(RANDOM.nextLong()) % 1_000_000L, 36);
        String[] integration;
        try (Jmx admin = server.admin()) {
            CompositeData created = (CompositeData) admin.invoke(Jmx.ADMINISTRATION, "createIntegration", "HTTPS VPN");
            integration = new String[] {(String) created.get("integrationKey"), (String) created.get("secret")};
            admin.invoke(Jmx.ADMINISTRATION, "createUser", user, "Test " + user, "Central Administration");
            admin.invoke(Jmx.HELPDESK, "enrollLandline", user, "+1 410 555 0143", "", "Desk");
        }
        PageClient tls = new PageClient(trustingTestCertificate);
        URI endpoint = server.httpsBase().resolve("/ws/AuthService");

        HttpResponse<String> wsdl = tls.fetch(URI.create(endpoint + "?wsdl"));
        assertEquals(200, wsdl.statusCode());
        assertEquals(configuredCertificate, presented(wsdl));
        assertTrue(wsdl.body().contains("location=\"" + endpoint + "\""), "the WSDL names the HTTPS address: " + wsdl.body());

        HttpResponse<String> ping = soap(tls, endpoint, null, null, "<t:ping/>");
        assertEquals(200, ping.statusCode(), ping.body());
        assertNotNull(element(ping.body(), "time"), ping.body());
        HttpResponse<String> check = soap(tls, endpoint, integration[0], integration[1], "<t:check/>");
        assertEquals(200, check.statusCode(), check.body());
        HttpResponse<String> preauth = soap(tls, endpoint, integration[0], integration[1],
                "<t:preauth><t:username>" + user + "</t:username><t:ipaddr>198.51.100.7</t:ipaddr></t:preauth>");
        assertEquals(200, preauth.statusCode(), preauth.body());
        assertEquals("auth", element(preauth.body(), "result"), preauth.body());
        assertEquals("XXX-XXX-0143", element(preauth.body(), "number"), preauth.body());
        assertEquals("max-age=31536000", preauth.headers().firstValue("strict-transport-security").orElse(null));

        // The same call over plain HTTP is not served: 308 to the HTTPS endpoint (see README, "HTTPS").
        URI plainEndpoint = server.base().toURI().resolve("/ws/AuthService");
        HttpResponse<String> plain = soap(new PageClient(), plainEndpoint, integration[0], integration[1],
                "<t:preauth><t:username>" + user + "</t:username></t:preauth>");
        assertEquals(308, plain.statusCode(), plain.body());
        assertEquals(endpoint.toString(), plain.headers().firstValue("location").orElse(null));
        assertFalse(plain.body().contains("<result>") || plain.body().contains(":result>"), "no answer over plain HTTP: " + plain.body());
        HttpResponse<String> plainWsdl = new PageClient().fetch(URI.create(plainEndpoint + "?wsdl"));
        assertEquals(308, plainWsdl.statusCode());

        System.out.printf("SOAP over HTTPS: wsdl %d, ping %d (time %s), check %d, preauth %d (result %s, device %s); "
                + "over plain HTTP: preauth %d → %s, wsdl %d%n", wsdl.statusCode(), ping.statusCode(), element(ping.body(), "time"),
                check.statusCode(), preauth.statusCode(), element(preauth.body(), "result"), element(preauth.body(), "number"),
                plain.statusCode(), plain.headers().firstValue("location").orElse(""), plainWsdl.statusCode());
    }

    @Test
    void rememberMeCookieOverHttpsIsSecureHttpOnlyAndLax() throws Exception {
        String user = "https" + Long.toString(Math.abs(RANDOM.nextLong()) % 1_000_000L, 36);
        byte[] seed = new byte[20];
        RANDOM.nextBytes(seed);
        try (Jmx admin = server.admin()) {
            admin.set(Jmx.ADMINISTRATION, "RememberMeHours", 8);
            admin.invoke(Jmx.ADMINISTRATION, "createUser", user, "Test " + user, "Central Administration");
            admin.invoke(Jmx.ADMINISTRATION, "setUserPassword", user, PASSWORD);
            admin.invoke(Jmx.ADMINISTRATION, "importToken", "TOK-" + user, "totp", Base32.encode(seed), 6);
            admin.invoke(Jmx.ADMINISTRATION, "assignToken", user, "TOK-" + user);
        }
        PageClient browser = new PageClient(trustingTestCertificate);
        URI base = server.httpsBase();
        Map<String, String> login = PageClient.form(browser.fetch(base).body(), "login");
        login.put("login:username", user);
        login.put("login:password", PASSWORD);
        login.put("login:submit", "Log in");
        HttpResponse<String> prompt = browser.post(base.resolve("/index.xhtml"), login);
        assertEquals(200, prompt.statusCode());
        Map<String, String> second = PageClient.form(prompt.body(), "prompt");
        second.put("prompt:passcode", Totp.generate(seed, Instant.now(), 6, OtpAlgorithm.SHA1));
        second.put("prompt:remember", "on");
        second.put("prompt:verify", "Log In");
        HttpResponse<String> done = browser.post(base.resolve("/index.xhtml"), second);
        assertEquals(200, done.statusCode());
        String remember = PageClient.setCookie(done, "twofold-remember-twofold");
        assertSecureCookie(remember);
        assertSecureCookie(PageClient.setCookie(done, "JSESSIONID")); // the new session id after the login
        assertEquals("max-age=31536000", done.headers().firstValue("strict-transport-security").orElse(null));
        List<String> a = attributes(remember);
        System.out.println("remember-me cookie attributes over HTTPS: " + a.subList(1, a.size()));
    }
}
