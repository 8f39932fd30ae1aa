package org.twofold.web.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AppWordsTest {
    private static final Path APP = Path.of("src/main/webapp/app");

    /** Every word the app's page, script and service worker name, and every result state it shows. */
    private static Set<String> used() throws IOException {
        Set<String> keys = new TreeSet<>();
        for (String file : List.of("index.html", "app.js", "sw.js", "device.js")) {
            Matcher m = Pattern.compile("data-word=\"([A-Za-z.]+)\"|word\\('([A-Za-z.]+)'").matcher(Files.readString(APP.resolve(file)));
            while (m.find()) {
                keys.add(m.group(1) != null ? m.group(1) : m.group(2));
            }
        }
        keys.remove("result."); // word('result.' + state): the states follow
        for (String state : List.of("allow", "deny", "fraud", "timeout", "cancelled")) {
            keys.add("result." + state);
        }
        return keys;
    }

    @Test
    void everyWordTheAppShowsIsInTheMessagesBundleOfEveryLanguageItHas() throws IOException {
        Set<String> used = used();
        assertTrue(used.contains("approve") && used.contains("notificationTitle") && used.contains("ready"), used.toString());
        for (Locale language : List.of(Locale.ROOT, Locale.ENGLISH, Locale.GERMAN, Locale.FRENCH, Locale.forLanguageTag("es"))) {
            ResourceBundle bundle = AppWords.bundleFor(List.of(language));
            for (String key : used) {
                assertTrue(bundle.containsKey("app." + key), "app." + key + " in " + bundle.getLocale());
            }
        }
    }

    @Test
    void theAppShowsNoWordsOfItsOwn() throws IOException {
        String page = Files.readString(APP.resolve("index.html")).replaceAll("(?s)<head>.*</head>", "").replaceAll("<[^>]*>", "");
        assertEquals("", page.strip(), "the page's text comes from words.js");
        for (String script : List.of("app.js", "sw.js", "device.js")) {
            String code = Files.readString(APP.resolve(script)).replaceAll("(?m)^\\s*//.*$", "");
            Matcher m = Pattern.compile("(?:textContent = |status\\(|Error\\(|showNotification\\()'[A-Z]").matcher(code);
            if (m.find()) {
                fail(script + " shows a word of its own: " + code.substring(m.start(), Math.min(code.length(), m.start() + 60)));
            }
        }
    }

    @Test
    void aLanguageTheBundleLacksGetsItsOwnWordsNotTheServersDefault() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.JAPANESE);
            ResourceBundle bundle = AppWords.bundleFor(List.of(Locale.forLanguageTag("xx")));
            assertEquals(Locale.ROOT, bundle.getLocale());
            assertEquals("Approve", bundle.getString("app.approve"));
        } finally {
            Locale.setDefault(before);
        }
    }
}
