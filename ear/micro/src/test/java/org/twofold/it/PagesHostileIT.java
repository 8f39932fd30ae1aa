package org.twofold.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twofold.passcode.Base32;
import org.twofold.passcode.OtpAlgorithm;
import org.twofold.passcode.Totp;

/**
 * Hostile input on the pages (issue 10): real HTTP posts of the login, bypass and portal forms, as
 * a browser would send them after a GET — and as none would: a garbled, tampered, foreign or
 * missing view state, a post to a view never fetched, 10 kB fields, emoji, NUL and control
 * characters, invalid UTF-8 percent-encoding, repeated submits of one form, unknown field names.
 * Each answer must be a clear page (the login failure text, the form again, or "Your session
 * expired" with nothing done), never a 500 or a stack trace; over JMX the audit shows that no
 * hostile post logged anyone in, issued a code or added a device, and the server keeps answering.
 * The figures (requests per kind, status codes) are printed at the end.
 */
@ExtendWith(ArquillianExtension.class)
class PagesHostileIT {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PASSWORD = "correct-horse-battery";
    private static final String LOGIN_FAILED = "Incorrect username or password.";
    private static final String EXPIRED = "Your session expired";
    private static final String TEN_KB = "a".repeat(10 * 1024);
    private static final String TEN_KB_EMOJI = "\uD83D\uDE00".repeat(2560); // 10 kB of UTF-8
    private static final List<String> HOSTILE_VALUES = List.of(TEN_KB, TEN_KB_EMOJI, "alice\u0000", "\u0000",
            "\u0001\u0007\u001b[31m\r\n", "\u202Eecila", "Ǎlïçé😀", "' OR '1'='1", "<script>alert(1)</script>", " ");

    private static final Map<String, Integer> REQUESTS_PER_KIND = new TreeMap<>();
    private static final Map<String, Integer> STATUSES = new TreeMap<>();

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive twofold() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("it.war")));
    }

    @AfterAll
    static void printFigures() {
        System.out.println("Hostile page requests per kind: " + REQUESTS_PER_KIND);
        System.out.println("Status codes seen: " + STATUSES);
    }

    private URI uri(String path) throws Exception {
        return base.toURI().resolve(path);
    }

    /** Counts the answer under {@code kind} and checks it is a clear page: no 500, no stack trace. */
    private static HttpResponse<String> counted(String kind, HttpResponse<String> r) {
        REQUESTS_PER_KIND.merge(kind, 1, Integer::sum);
        STATUSES.merge(Integer.toString(r.statusCode()), 1, Integer::sum);
        assertTrue(r.statusCode() < 500, kind + ": " + r.statusCode() + "\n" + r.body());
        assertFalse(r.body().contains("Exception") || r.body().contains("\tat ") || r.body().contains("Error report"),
                kind + ": the answer shows server internals\n" + r.body());
        return r;
    }

    private static String unique(String prefix) {
        return prefix + Long.toString(Math.abs(RANDOM.nextLong()) % 1_000_000_000L, 36);
    }

    /** A user with a password and a TOTP token; returns the seed. */
    private static byte[] userWithToken(String user) throws Exception {
        byte[] seed = new byte[20];
        RANDOM.nextBytes(seed);
        try (Jmx admin = Jmx.admin()) {
            admin.provisionUserWithTotpToken(user, PASSWORD, Base32.encode(seed));
        }
        return seed;
    }

    private static List<String> audit(String user) throws Exception {
        try (Jmx admin = Jmx.admin()) {
            return Arrays.asList(admin.auditFor(user));
        }
    }

    private static long count(List<String> audit, String what) {
        return audit.stream().filter(line -> line.contains(what)).count();
    }

    private static int viewExpiredRefusals() throws Exception {
        try (Jmx admin = Jmx.admin()) {
            return (int) Arrays.stream(admin.recentAudit()).filter(l -> l.contains("page.post → refused (view_expired)")).count();
        }
    }

    /** The login form of {@code page} as a browser would post it, with these credentials. */
    private Map<String, String> loginForm(FormClient client, String page, String user, String password) throws Exception {
        HttpResponse<String> got = counted("GET " + page, client.get(uri(page)));
        assertEquals(200, got.statusCode());
        Map<String, String> form = FormClient.form(got.body(), "login");
        form.put("login:username", user);
        form.put("login:password", password);
        form.put("login:submit", "Log in");
        return form;
    }

    /** Follows the answer to a post whose view could not be restored: the "session expired" page. */
    private void assertExpired(String kind, FormClient client, HttpResponse<String> r, String expectedQuery) throws Exception {
        assertEquals(302, r.statusCode(), kind + ": " + r.body());
        String location = r.headers().firstValue("location").orElseThrow();
        assertEquals(uri("/expired" + expectedQuery).toString(), location, kind);
        HttpResponse<String> page = counted("GET /expired", client.get(URI.create(location)));
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains(EXPIRED), page.body());
        assertTrue(page.body().contains("Nothing was changed."), page.body());
    }

    private void assertNotLoggedIn(FormClient client) throws Exception {
        HttpResponse<String> portal = counted("GET /portal", client.get(uri("/portal")));
        assertEquals(302, portal.statusCode(), "the portal must send a visitor who is not logged in to the login page");
        assertTrue(portal.headers().firstValue("location").orElse("").endsWith("/?next=portal"));
    }

    @Test
    void garbledTamperedForeignOrMissingViewStateLogsNobodyIn() throws Exception {
        String user = unique("hv");
        userWithToken(user);
        int refusedBefore = viewExpiredRefusals();
        int expiredPosts = 0;
        for (String page : List.of("/", "/bypass")) {
            String action = page.equals("/") ? "/index.xhtml" : page;
            String query = page.equals("/") ? "" : "?page=bypass";
            FormClient client = new FormClient();
            Map<String, String> form = loginForm(client, page, user, PASSWORD); // the right password, every time
            String real = form.get("jakarta.faces.ViewState");
            String tampered = real.substring(0, real.length() - 1) + (real.endsWith("1") ? "2" : "1");
            for (String viewState : List.of("garbage", "-1:-1", "", "0", TEN_KB, "\u0000\uD83D\uDE00", tampered)) {
                Map<String, String> hostile = new LinkedHashMap<>(form);
                hostile.put("jakarta.faces.ViewState", viewState);
                assertExpired("garbled view state " + page, client, counted("POST " + page + " garbled view state",
                        client.post(uri(action), hostile)), query);
                expiredPosts++;
            }
            // a post to a view this client never fetched, with a view state from another session
            FormClient stranger = new FormClient();
            assertExpired("foreign view state " + page, stranger, counted("POST " + page + " never fetched",
                    stranger.post(uri(action), form)), query);
            expiredPosts++;
            assertNotLoggedIn(stranger);

            // without any view state Faces sees no post back at all: the form again, nothing done
            Map<String, String> missing = new LinkedHashMap<>(form);
            missing.remove("jakarta.faces.ViewState");
            HttpResponse<String> again = counted("POST " + page + " missing view state", client.post(uri(action), missing));
            assertEquals(200, again.statusCode());
            assertTrue(again.body().contains("<form id=\"login\""), again.body());
            assertNotLoggedIn(client);
        }
        List<String> audit = audit(user);
        assertEquals(0, count(audit, "login.password"), "no post without a valid view state reached the password check: " + audit);
        assertEquals(0, count(audit, "bypass."), "no bypass step ran: " + audit);
        assertEquals(expiredPosts, viewExpiredRefusals() - refusedBefore, "every refused post is audited");
    }

    @Test
    void overlongNonAsciiAndControlCharactersGetTheLoginFailureText() throws Exception {
        String user = unique("ho");
        userWithToken(user);
        try (Jmx admin = Jmx.admin()) {
            admin.set(Jmx.ADMINISTRATION, "LockoutThreshold", 1000); // wrong passwords below must not lock this one test user
        }
        int wrongPasswords = 0;
        for (String page : List.of("/", "/bypass")) {
            String action = page.equals("/") ? "/index.xhtml" : page;
            for (String value : HOSTILE_VALUES) {
                FormClient client = new FormClient();
                HttpResponse<String> asUsername = counted("POST " + page + " hostile username",
                        client.post(uri(action), loginForm(client, page, value, PASSWORD)));
                assertEquals(200, asUsername.statusCode());
                assertTrue(asUsername.body().contains(LOGIN_FAILED), "username " + value.substring(0, Math.min(20, value.length())));
                HttpResponse<String> asPassword = counted("POST " + page + " hostile password",
                        client.post(uri(action), loginForm(client, page, user, value)));
                assertEquals(200, asPassword.statusCode());
                assertTrue(asPassword.body().contains(LOGIN_FAILED), "password " + value.substring(0, Math.min(20, value.length())));
                wrongPasswords++;
                assertNotLoggedIn(client);
            }
        }
        List<String> audit = audit(user);
        assertEquals(0, count(audit, "→ allow"), "nothing let this user in: " + audit);
        assertEquals(wrongPasswords, count(audit, "login.password " + user + " → deny (wrong_password)"),
                "each hostile password is an audited failure: " + audit);
        try (Jmx admin = Jmx.admin()) {
            admin.set(Jmx.ADMINISTRATION, "LockoutThreshold", 10);
        }
    }

    @Test
    void invalidPercentEncodingAndUnknownFieldsChangeNothing() throws Exception {
        String user = unique("hp");
        userWithToken(user);
        for (String page : List.of("/", "/bypass")) {
            String action = page.equals("/") ? "/index.xhtml" : page;
            for (String raw : List.of("%C3%28", "%FF%FE%FD", "%", "%zz", "%E2%82", "%00%00", "%ED%A0%80")) {
                FormClient client = new FormClient();
                Map<String, String> form = loginForm(client, page, "PLACEHOLDER", "PLACEHOLDER");
                String body = FormClient.encode(form).replace("PLACEHOLDER", raw);
                HttpResponse<String> r = counted("POST " + page + " invalid UTF-8", client.postRaw(uri(action), body));
                assertTrue(r.statusCode() == 200 || r.statusCode() == 400, "a clear answer, got " + r.statusCode());
                if (r.statusCode() == 200) {
                    assertTrue(r.body().contains(LOGIN_FAILED) || r.body().contains("<form id=\"login\""), r.body());
                }
            }
            // field names no form of ours has, and ours left out: the form again, with the failure text
            FormClient client = new FormClient();
            Map<String, String> form = loginForm(client, page, user, PASSWORD);
            Map<String, String> renamed = new LinkedHashMap<>();
            form.forEach((k, v) -> renamed.put(k.startsWith("login:user") || k.startsWith("login:pass") ? k + "X" : k, v));
            renamed.put("prompt:verify", "Log In");
            renamed.put("prompt:passcode", "123456");
            renamed.put("bogus:field", TEN_KB);
            HttpResponse<String> r = counted("POST " + page + " wrong component ids", client.post(uri(action), renamed));
            assertEquals(200, r.statusCode());
            assertTrue(r.body().contains(LOGIN_FAILED), r.body());
            assertNotLoggedIn(client);
        }
        List<String> audit = audit(user);
        assertEquals(0, count(audit, "→ allow"), "nothing let this user in: " + audit);
    }

    @Test
    void repeatedSubmitsOfOneFormActOnce() throws Exception {
        String user = unique("hr");
        byte[] seed = userWithToken(user);
        FormClient client = new FormClient();
        Map<String, String> login = loginForm(client, "/", user, PASSWORD);
        HttpResponse<String> prompt = null;
        for (int i = 0; i < 3; i++) {
            prompt = counted("POST / repeated login", client.post(uri("/index.xhtml"), login));
            assertEquals(200, prompt.statusCode());
            assertTrue(prompt.body().contains("<form id=\"prompt\""), "still the second step: " + prompt.body());
        }
        Map<String, String> passcode = FormClient.form(prompt.body(), "prompt");
        passcode.put("prompt:passcode", Totp.generate(seed, Instant.now(), 6, OtpAlgorithm.SHA1));
        passcode.put("prompt:verify", "Log In");
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> done = counted("POST / repeated passcode", client.post(uri("/index.xhtml"), passcode));
            assertEquals(200, done.statusCode());
            assertFalse(done.body().contains("<form id=\"prompt\""), "logged in, no second step any more");
        }
        List<String> audit = audit(user);
        assertEquals(1, count(audit, "login.password " + user + " → allow"), "one password check for three posts: " + audit);
        assertEquals(1, count(audit, "auth.passcode " + user + " → allow"), "one passcode check for three posts: " + audit);
        assertEquals(0, count(audit, "auth.passcode " + user + " → deny"), "a repeated post is no replay attempt: " + audit);
        HttpResponse<String> portal = counted("GET /portal", client.get(uri("/portal")));
        assertEquals(200, portal.statusCode(), "the one login holds");
    }

    @Test
    void portalFormsRefuseHostileInputAndAddNoDevice() throws Exception {
        String user = unique("hq");
        byte[] seed = userWithToken(user);
        FormClient client = new FormClient();
        HttpResponse<String> prompt = counted("POST / login", client.post(uri("/index.xhtml"), loginForm(client, "/?next=portal", user, PASSWORD)));
        Map<String, String> passcode = FormClient.form(prompt.body(), "prompt");
        passcode.put("prompt:passcode", Totp.generate(seed, Instant.now(), 6, OtpAlgorithm.SHA1));
        passcode.put("prompt:verify", "Log In");
        HttpResponse<String> done = counted("POST / passcode", client.post(uri("/index.xhtml"), passcode));
        assertEquals(302, done.statusCode(), "on to the portal");
        int devicesBefore = devices(user);

        HttpResponse<String> portal = counted("GET /portal", client.get(uri("/portal")));
        assertEquals(200, portal.statusCode());
        Map<String, String> add = FormClient.form(portal.body(), "add");
        add.put("add:kind", "LANDLINE");
        add.put("add:name", "Desk");
        add.put("add:number", "+1 410 555 0142");
        add.put("add:extension", "12");
        add.put("add:submit", "Add");

        Map<String, String> garbled = new LinkedHashMap<>(add);
        garbled.put("jakarta.faces.ViewState", "garbage");
        assertExpired("portal garbled view state", client, counted("POST /portal garbled view state",
                client.post(uri("/portal"), garbled)), "?page=portal");

        for (String value : HOSTILE_VALUES) {
            Map<String, String> hostile = new LinkedHashMap<>(add);
            hostile.put("add:number", value);
            hostile.put("add:extension", value);
            hostile.put("add:name", value);
            HttpResponse<String> r = counted("POST /portal hostile device", client.post(uri("/portal"), hostile));
            assertEquals(200, r.statusCode());
            assertTrue(r.body().contains("<form id=\"add\""), "the form again");
            assertTrue(r.body().contains("<li class=\"error\""), "with an error message: " + r.body());
        }
        Map<String, String> badKind = new LinkedHashMap<>(add);
        badKind.put("add:kind", "HARDWARE_TOKEN\u0000");
        assertEquals(200, counted("POST /portal unknown kind", client.post(uri("/portal"), badKind)).statusCode());
        assertEquals(devicesBefore, devices(user), "no hostile post added a device");

        // a double click: the same add form twice, one device
        for (int i = 0; i < 2; i++) {
            assertEquals(200, counted("POST /portal repeated add", client.post(uri("/portal"), add)).statusCode());
        }
        assertEquals(devicesBefore + 1, devices(user), "two posts of one form add one landline");
        HttpResponse<String> health = counted("GET /health", client.get(uri("/health")));
        assertEquals(200, health.statusCode(), "the server keeps answering");
    }

    private static int devices(String user) throws Exception {
        try (Jmx admin = Jmx.admin()) {
            return ((String[]) admin.invoke(Jmx.HELPDESK, "listDevices", user)).length;
        }
    }
}
