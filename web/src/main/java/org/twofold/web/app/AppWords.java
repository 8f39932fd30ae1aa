package org.twofold.web.app;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * {@code /app/words.js}: the approval app's words, from the pages' resource bundle
 * ({@code org.twofold.web.Messages}, keys {@code app.*} without the prefix), in the first language
 * of the phone's {@code Accept-Language} the bundle has, else the bundle's own (English). A script
 * ({@code self.TWOFOLD_WORDS}, {@code self.TWOFOLD_LANG}) rather than JSON, so that the page and
 * the service worker load it alike ({@code <script>}, {@code importScripts}) and the worker keeps
 * it with the app's shell for offline start.
 */
@WebServlet("/app/words.js")
public class AppWords extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final String BUNDLE = "org.twofold.web.Messages";
    private static final String PREFIX = "app.";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ResourceBundle bundle = bundleFor(Collections.list(request.getLocales()));
        JsonObjectBuilder words = Json.createObjectBuilder();
        for (String key : Collections.list(bundle.getKeys())) {
            if (key.startsWith(PREFIX)) {
                words.add(key.substring(PREFIX.length()), bundle.getString(key));
            }
        }
        String lang = bundle.getLocale().getLanguage().isEmpty() ? "en" : bundle.getLocale().toLanguageTag();
        response.setContentType("text/javascript");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Content-Language", lang);
        response.setHeader("Vary", "Accept-Language");
        response.setHeader("Cache-Control", "no-cache");
        response.getWriter().write("self.TWOFOLD_LANG = " + Json.createValue(lang) + ";\nself.TWOFOLD_WORDS = " + words.build() + ";\n");
    }

    /** The bundle of the first wanted language it has, else its base (English); never the server's default locale. */
    static ResourceBundle bundleFor(Iterable<Locale> wanted) {
        ResourceBundle.Control noFallback = ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
        ClassLoader loader = AppWords.class.getClassLoader();
        for (Locale locale : wanted) {
            ResourceBundle b = ResourceBundle.getBundle(BUNDLE, locale, loader, noFallback);
            if (!b.getLocale().getLanguage().isEmpty() && b.getLocale().getLanguage().equals(locale.getLanguage())) {
                return b;
            }
        }
        return ResourceBundle.getBundle(BUNDLE, Locale.ROOT, loader, noFallback);
    }
}
