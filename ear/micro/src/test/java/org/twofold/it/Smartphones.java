package org.twofold.it;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.twofold.passcode.Base32;
import org.twofold.passcode.OtpAlgorithm;
import org.twofold.passcode.Totp;

/**
 * A smartphone as the help desk enrolls it ({@code enrollSmartphone}: pending until activated) and
 * as its owner activates it: the activation link opened in Chromium, a first code from the
 * authenticator app typed in. For the tests that need an active smartphone to push to.
 */
final class Smartphones {
    private static final Pattern LINK = Pattern.compile("(https?://\\S+/activate\\?code=\\S+)");
    private static final Pattern SECRET = Pattern.compile("[?&]secret=([A-Z2-7]+)");

    private Smartphones() {
    }

    /** Enrolls and activates; returns what {@code enrollSmartphone} answered (device id, otpauth URI, link). */
    static String enrollAndActivate(Jmx admin, String username, String number, String name) throws Exception {
        return activate((String) admin.invoke(Jmx.HELPDESK, "enrollSmartphone", username, number, name));
    }

    /** An activated app: its seed and the time step of the first code its owner typed to activate it. */
    record App(byte[] seed, long activatedStep) {
        /**
         * The app's code of the step after the one that activated it: one the server has not seen
         * and accepts while at most a minute passes, whichever step (current or next) the server
         * was in when it took the activation code.
         */
        String nextCode() {
            return Totp.generate(seed, activatedStep + 1, 6, OtpAlgorithm.SHA1);
        }
    }

    /** Enrolls and activates; returns the app, for a test that types its codes. */
    static App enrollActivatedApp(Jmx admin, String username, String number, String name) throws Exception {
        String enrolled = (String) admin.invoke(Jmx.HELPDESK, "enrollSmartphone", username, number, name);
        long step = typeFirstCode(enrolled);
        return new App(Fixtures.seedOf(enrolled), step);
    }

    /** Activates the smartphone {@code enrollSmartphone} answered {@code enrolled} for, as its owner does: opens the link, types the first code. */
    static String activate(String enrolled) throws Exception {
        typeFirstCode(enrolled);
        return enrolled;
    }

    /** Opens the activation link and types the app's current code; returns that code's time step. */
    private static long typeFirstCode(String enrolled) throws Exception {
        Matcher link = LINK.matcher(enrolled);
        Matcher secret = SECRET.matcher(enrolled);
        if (!link.find() || !secret.find()) {
            throw new AssertionError("enrollSmartphone gave no activation link or secret: " + enrolled);
        }
        byte[] seed = Base32.decode(secret.group(1));
        try (Browser browser = new Browser()) {
            browser.driver.get(link.group(1));
            long step = Totp.step(Instant.now());
            browser.type(By.id("activate:code"), Totp.generate(seed, step, 6, OtpAlgorithm.SHA1));
            browser.submit(By.id("activate:submit"));
            browser.waitFor(By.id("activated"));
            return step;
        }
    }
}
