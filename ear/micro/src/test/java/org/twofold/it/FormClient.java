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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;

/**
 * A plain HTTP client that posts Twofold's Faces forms as a browser would (a cookie jar, the
 * form's hidden fields and view state taken from the page it got), and can also post what no
 * browser would: a garbled or missing view state, raw bytes, other field names. Redirects are not
 * followed, so a test sees every status code. It counts the requests it made and the statuses it got.
 */
final class FormClient {
    private static final Pattern INPUT = Pattern.compile("<input\\b[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTR = Pattern.compile("(\\w[\\w:.-]*)=\"([^\"]*)\"");

    final HttpClient http;
    final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    final Map<String, Integer> statusCounts = new LinkedHashMap<>();
    int requests;

    FormClient() {
        this(null);
    }

    FormClient(SSLContext tls) {
        HttpClient.Builder b = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10));
        if (tls != null) {
            b.sslContext(tls);
        }
        http = b.build();
    }

    HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri).GET());
    }

    /** Posts {@code fields} form-encoded (UTF-8), in their order. */
    HttpResponse<String> post(URI uri, Map<String, String> fields) throws IOException, InterruptedException {
        return postRaw(uri, encode(fields));
    }

    /** Posts a body as it is: for percent-encodings no browser would send. */
    HttpResponse<String> postRaw(URI uri, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.ISO_8859_1)));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        requests++;
        statusCounts.merge(Integer.toString(r.statusCode()), 1, Integer::sum);
        return r;
    }

    static String encode(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /**
     * The fields a browser would send for the form {@code formId} of {@code html}: its hidden
     * inputs (the form's own marker and the view state) and its text inputs as they are; buttons
     * and check boxes are left to the caller.
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
            if (a.containsKey("name") && (type.equals("hidden") || type.equals("text") || type.equals("password"))) {
                fields.put(a.get("name"), a.getOrDefault("value", ""));
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

    /** The {@code Set-Cookie} header that sets {@code name}, or null. */
    static String setCookie(HttpResponse<?> r, String name) {
        List<String> all = r.headers().allValues("set-cookie");
        return all.stream().filter(c -> c.startsWith(name + "=")).reduce((a, b) -> b).orElse(null);
    }
}
