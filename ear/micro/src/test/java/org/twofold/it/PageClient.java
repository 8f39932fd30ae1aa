package org.twofold.it;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;

/**
 * A browser without a browser: one session (cookies) that gets Twofold's Faces pages and posts their
 * forms as a browser would (the form's fields, the pressed button, the view state), without
 * JavaScript. For tests that post many forms (brute force), where Chromium would take too long.
 * Every page it receives is handed to an optional observer (the leak test reads them all).
 *
 * <p>It also posts what no browser would, for the hostile-input tests: {@link #fetch}, {@link #post}
 * and {@link #postRaw} send exactly what they are given (a garbled or missing view state, raw
 * percent-encodings, other field names) on the same cookie jar, follow no redirect (so a test sees
 * every status code) and return the whole answer; {@link #form} reads a form's fields from a page.
 * Over HTTPS it trusts what the given {@link SSLContext} trusts.
 */
final class PageClient {
    private static final Pattern VIEW_STATE = Pattern.compile("name=\"jakarta\\.faces\\.ViewState\"[^>]*value=\"([^\"]*)\"");
    private static final Pattern INPUT = Pattern.compile("<input\\b[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTR = Pattern.compile("(\\w[\\w:.-]*)=\"([^\"]*)\"");

    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;
    private final HttpClient raw;
    private final URI base;
    private final Consumer<String> observer;
    private String page = "";
    private URI at;

    PageClient(URI base, Consumer<String> observer) {
        this(base, observer, null);
    }

    /** A client for {@link #fetch}/{@link #post}/{@link #postRaw} only (no base, no observer), over plain HTTP. */
    PageClient() {
        this(null, null, null);
    }

    /** As {@link #PageClient()}, trusting for HTTPS what {@code tls} trusts. */
    PageClient(SSLContext tls) {
        this(null, null, tls);
    }

    private PageClient(URI base, Consumer<String> observer, SSLContext tls) {
        this.base = base;
        this.observer = observer;
        this.http = builder(tls).followRedirects(HttpClient.Redirect.NORMAL).build();
        this.raw = builder(tls).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private HttpClient.Builder builder(SSLContext tls) {
        HttpClient.Builder b = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(10));
        return tls == null ? b : b.sslContext(tls);
    }

    /** GETs {@code path} (relative to the server's root); returns the page. */
    String get(String path) throws IOException, InterruptedException {
        at = base.resolve(path);
        return receive(http.send(HttpRequest.newBuilder(at).build(), HttpResponse.BodyHandlers.ofString()));
    }

    /** Posts the form {@code formId} of the current page with {@code fields} (ids within the form) and the button {@code button}. */
    String submit(String formId, Map<String, String> fields, String button) throws IOException, InterruptedException {
        FormPost post = FormPost.of(page, at, formId, fields, button);
        at = post.action();
        return receive(http.send(HttpRequest.newBuilder(at).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(post.body())).build(), HttpResponse.BodyHandlers.ofString()));
    }

    /**
     * What a browser posts for the Faces form {@code formId} of {@code page} (at {@code at}): the
     * form's action and its urlencoded body — the fields (ids within the form), the button pressed
     * and the page's view state.
     */
    record FormPost(URI action, String body) {
        static FormPost of(String page, URI at, String formId, Map<String, String> fields, String button) {
            Matcher form = Pattern.compile("<form id=\"" + Pattern.quote(formId) + "\"[^>]*action=\"([^\"]*)\"").matcher(page);
            Matcher state = VIEW_STATE.matcher(page);
            if (!form.find() || !state.find()) {
                throw new IllegalStateException("no form " + formId + " on the page: " + page.substring(0, Math.min(page.length(), 2000)));
            }
            Map<String, String> body = new LinkedHashMap<>();
            body.put(formId, formId);
            fields.forEach((k, v) -> body.put(formId + ":" + k, v));
            body.put(formId + ":" + button, button);
            body.put("jakarta.faces.ViewState", state.group(1).replace("&#58;", ":"));
            return new FormPost(at.resolve(form.group(1).replace("&amp;", "&")), encode(body));
        }
    }

    private String receive(HttpResponse<String> response) {
        page = response.body();
        at = response.uri();
        if (observer != null) {
            observer.accept(response.headers().map() + "\n" + page);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + " for " + response.uri());
        }
        return page;
    }

    /** The page last received. */
    String page() {
        return page;
    }

    /** GETs {@code uri} as it is; no redirect followed, any status returned. */
    HttpResponse<String> fetch(URI uri) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri).GET());
    }

    /** Posts {@code fields} form-encoded (UTF-8), in their order; no redirect followed. */
    HttpResponse<String> post(URI uri, Map<String, String> fields) throws IOException, InterruptedException {
        return postRaw(uri, encode(fields));
    }

    /** Posts a form body as it is: for percent-encodings no browser would send. */
    HttpResponse<String> postRaw(URI uri, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.ISO_8859_1)));
    }

    /** Sends any request on this client's cookie jar; no redirect followed. */
    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return raw.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code fields} form-encoded in UTF-8, in their order. */
    static String encode(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /**
     * The fields a browser would send for the form {@code formId} of {@code html}: its hidden
     * inputs (the form's own marker and the view state) and its text inputs as they are; buttons,
     * menus and check boxes are left to the caller.
     */
    static Map<String, String> form(String html, String formId) {
        int start = html.indexOf("<form id=\"" + formId + "\"");
        if (start < 0) {
            throw new AssertionError("no form " + formId + " in the page:\n" + html);
        }
        int end = html.indexOf("</form>", start);
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher m = INPUT.matcher(html.substring(start, end));
        while (m.find()) {
            Map<String, String> a = attributes(m.group());
            String type = a.getOrDefault("type", "text");
            if (a.containsKey("name") && (type.equals("hidden") || type.equals("text") || type.equals("password") || type.equals("tel"))) {
                fields.put(a.get("name"), a.getOrDefault("value", "").replace("&#58;", ":"));
            }
        }
        return fields;
    }

    private static Map<String, String> attributes(String tag) {
        Map<String, String> a = new LinkedHashMap<>();
        Matcher m = ATTR.matcher(tag);
        while (m.find()) {
            a.put(m.group(1), m.group(2).replace("&amp;", "&"));
        }
        return a;
    }

    /** The last {@code Set-Cookie} header that sets {@code name}, or null. */
    static String setCookie(HttpResponse<?> r, String name) {
        List<String> all = r.headers().allValues("set-cookie");
        return all.stream().filter(c -> c.startsWith(name + "=")).reduce((a, b) -> b).orElse(null);
    }
}
