package org.twofold.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.twofold.passcode.Base32;
import org.twofold.passcode.Hotp;
import org.twofold.passcode.OtpAlgorithm;
import org.twofold.passcode.Totp;

/**
 * What every whole-product test needs and once was written out in each: the deployment (the
 * assembled WAR), unique names, phone numbers of their own, OTP seeds and the codes a user's app or
 * token shows now — and codes it certainly does not show.
 */
final class Fixtures {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Fixtures() {
    }

    /** The assembled Payara Micro WAR the build made, as Arquillian deploys it. */
    static WebArchive war() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("it.war")));
    }

    /** {@code prefix} and a random suffix, so that tests sharing a server never share a user or integration. */
    static String unique(String prefix) {
        return prefix + Long.toString(Math.abs(RANDOM.nextLong()) % 1_000_000_000L, 36);
    }

    /** Four random digits, so each test's phones have their own masked numbers. */
    static String lastFour() {
        return String.format("%04d", 1000 + RANDOM.nextInt(9000));
    }

    /** The seed of the {@code otpauth://} URI that {@code enrollSmartphone} (or an enrollment) answers once. */
    static byte[] seedOf(String enrolled) {
        Matcher m = Pattern.compile("secret=([A-Z2-7]+)").matcher(enrolled);
        assertTrue(m.find(), enrolled);
        return Base32.decode(m.group(1));
    }

    /** The device id in an enrollment's answer ({@code Enrolled 12 ...}). */
    static long deviceIdOf(String enrolled) {
        Matcher m = Pattern.compile("Enrolled (?:device )?([0-9]+)").matcher(enrolled);
        assertTrue(m.find(), enrolled);
        return Long.parseLong(m.group(1));
    }

    /** Runs {@code call} on another thread (a request that waits while the test answers on a phone). */
    static <T> CompletableFuture<T> inBackground(Callable<T> call) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return call.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** A random 160-bit OTP seed. */
    static byte[] newSeed() {
        byte[] seed = new byte[20];
        RANDOM.nextBytes(seed);
        return seed;
    }

    /** The 6-digit TOTP code (RFC 6238, SHA-1, 30 s) an authenticator app with {@code seed} shows now. */
    static String codeNow(byte[] seed) {
        return Totp.generate(seed, Instant.now(), 6, OtpAlgorithm.SHA1);
    }

    /**
     * A 6-digit code that an app with {@code seed} does not show in the previous, current or next two
     * steps — wrong even if a step passes while the test runs.
     */
    static String wrongCode(byte[] seed) {
        long step = Totp.step(Instant.now());
        Set<String> valid = new HashSet<>();
        for (long s = step - 1; s <= step + 2; s++) {
            valid.add(Totp.generate(seed, s, 6, OtpAlgorithm.SHA1));
        }
        return notOneOf(valid);
    }

    /** A 6-digit code that none of a HOTP token's first {@code counters} counter values makes. */
    static String wrongHotpCode(byte[] seed, int counters) {
        Set<String> valid = new HashSet<>();
        for (long c = 0; c < counters; c++) {
            valid.add(Hotp.generate(seed, c, 6));
        }
        return notOneOf(valid);
    }

    private static String notOneOf(Set<String> valid) {
        String code;
        do {
            code = String.format("%06d", RANDOM.nextInt(1_000_000));
        } while (valid.contains(code));
        return code;
    }

    /**
     * Checks the audit trail of a user whose passcode an integration sent three times (right,
     * replayed, wrong): each decision recorded with the integration as actor, and the code itself
     * never written.
     */
    static void assertPasscodeDecisionsAudited(String[] trailLines, String integrationKey, String user, String code) {
        String trail = String.join("\n", trailLines);
        String by = "integration:" + integrationKey + " auth.passcode " + user;
        assertTrue(trail.contains(by + " → allow"), trail);
        assertTrue(trail.contains(by + " → deny (replayed_passcode)"), trail);
        assertTrue(trail.contains(by + " → deny (invalid_passcode)"), trail);
        assertTrue(!trail.contains(code), "codes are never written to the audit trail");
    }
}
