package org.twofold.secret;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.twofold.site.Settings;

/**
 * The application's secret-keeping services: one {@link SecureRandom}, and the {@link SecretBox}
 * under the data key — {@code TWOFOLD_SECRET_KEY} (Base64 of 32 bytes) if configured, else the file
 * {@code keys/twofold.key} in the data directory, created on first start readable by its owner only.
 * Losing that file makes every stored OTP seed unreadable: back it up with the database.
 */
@ApplicationScoped
public class Secrets {
    private RandomCodes codes;
    private SecretBox box;
    private CodeHasher hasher;

    @PostConstruct
    void load() {
        SecureRandom random = new SecureRandom();
        codes = new RandomCodes(random);
        byte[] key = dataKey(Settings.current(), codes);
        box = new SecretBox(key, random);
        hasher = new CodeHasher(key);
        java.util.Arrays.fill(key, (byte) 0);
    }

    public CodeHasher hasher() {
        return hasher;
    }

    public RandomCodes codes() {
        return codes;
    }

    public SecretBox box() {
        return box;
    }

    static byte[] dataKey(Settings settings, RandomCodes codes) {
        var configured = settings.find(Settings.SECRET_KEY);
        if (configured.isPresent()) {
            return Base64.getDecoder().decode(configured.get());
        }
        Path file = settings.dataDir().resolve("keys").resolve("twofold.key");
        try {
            if (Files.exists(file)) {
                return Base64.getDecoder().decode(Files.readString(file).trim());
            }
            Files.createDirectories(file.getParent());
            byte[] key = codes.bytes(32);
            Files.writeString(file, Base64.getEncoder().encodeToString(key), StandardOpenOption.CREATE_NEW);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the directory's ACL applies.
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the data key " + file, e);
        }
    }
}
