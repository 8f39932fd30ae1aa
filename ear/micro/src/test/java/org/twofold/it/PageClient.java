package org.twofold.it;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser without a browser: one session (cookies) that gets Twofold's Faces pages and posts their
 * forms as a browser would (the form's fields, the pressed button, the view state), without
 * JavaScript. For tests that post many forms (brute force), where Chromium would take too long.
 * Every page it receives is handed to an optional observer (the leak test reads them all).
 */
final class PageClient {
    private static final Pattern VIEW_STATE = Pattern.compile("name=\"jakarta\\.faces\\.ViewState\"[^>]*value=\"([^\"]*)\"");

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;
    private final Consumer<String> observer;
    private String page = "";
    private URI at;

    PageClient(URI base, Consumer<String> observer) {
        this.base = base;
        this.observer = observer;
    }

    /** GETs {@code path} (relative to the server's root); returns the page. */
    String get(String path) throws IOException, InterruptedException {
        at = base.resolve(path);
        return receive(http.send(HttpRequest.newBuilder(at).build(), HttpResponse.BodyHandlers.ofString()));
    }

    /** Posts the form {@code formId} of the current page with {@code fields} (ids within the form) and the button {@code button}. */
    String submit(String formId, Map<String, String> fields, String button) throws IOException, InterruptedException {
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
        StringBuilder encoded = new StringBuilder();
        body.forEach((k, v) -> encoded.append(encoded.length() == 0 ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        at = at.resolve(form.group(1).replace("&amp;", "&"));
        return receive(http.send(HttpRequest.newBuilder(at).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encoded.toString())).build(), HttpResponse.BodyHandlers.ofString()));
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
}
