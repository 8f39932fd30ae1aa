package org.twofold.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The facade rule, checked on the sources: every boundary module (pages, SOAP, JMX and each door
 * added after them — every module but {@code ejb} with Java sources) reaches authentication only
 * through {@code org.twofold.auth.Authentication} (and a person's changes to their own factors
 * through its self-service use case, {@code SelfService}, which owns the step-up rule), never
 * through the services behind them, so that a rule cannot be decided, or skipped, by one door and
 * not by another (a directory user's password too: no door binds to the directory itself).
 */
class BoundariesTest {
    /** The services behind the facade. */
    private static final Pattern INTERNAL = Pattern.compile(
            "org\\.twofold\\.(auth\\.(PrimaryLogin|SecondFactor|Preauthentication|PushPrompt|PhoneCalls|TextedPasscodes|Transactions|StepUp)"
                    + "|passcode\\.(PasscodeVerifier|SmsPasscodes)|directory\\.(Directory|DirectoryClient)|webauthn\\.SecurityKeys)\\b");

    @Test
    void boundariesReachAuthenticationOnlyThroughTheFacade() throws IOException {
        Path root = Path.of(System.getProperty("user.dir")).resolve("../..").normalize();
        List<Path> modules = new ArrayList<>();
        try (Stream<Path> top = Files.list(root)) {
            top.filter(m -> !m.getFileName().toString().equals("ejb")).filter(m -> Files.isDirectory(m.resolve("src/main/java")))
                    .forEach(modules::add);
        }
        assertTrue(modules.stream().map(m -> m.getFileName().toString()).toList().containsAll(List.of("web", "ws", "admin")), modules.toString());
        List<String> offences = new ArrayList<>();
        int files = 0;
        for (Path module : modules) {
            try (Stream<Path> sources = Files.walk(module.resolve("src/main/java"))) {
                for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                    files++;
                    Matcher m = INTERNAL.matcher(read(source));
                    while (m.find()) {
                        offences.add(root.relativize(source) + " uses " + m.group());
                    }
                }
            }
        }
        assertTrue(files > 30, "the boundaries' sources were read: " + files);
        assertEquals(List.of(), offences);
    }

    private static String read(Path source) {
        try {
            return Files.readString(source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
