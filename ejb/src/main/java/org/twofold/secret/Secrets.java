package org.twofold.secret;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.twofold.site.Settings;

/**
 * The application's secret-keeping services: one {@link SecureRandom}, and the {@link SecretBox}
 * under the data key — {@code TWOFOLD_SECRET_KEY} (Base64 of 32 bytes) if configured, else the file
 * {@code keys/twofold.key} in the data directory, created on first start readable by its owner only
 * ({@link #keyFile}).
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
        return keyFile(settings.dataDir().resolve("keys").resolve("twofold.key"), codes);
    }

    /**
     * The key in {@code file}, created with a new random key if there is none. Created owner-only
     * from its first moment: the directory {@code rwx------} and the key written to a temporary file
     * opened {@code rw-------} (the mode given to the system call that creates it; the umask can only
     * take bits away), then moved into place atomically — never a moment world-readable, never a
     * half-written key under the final name. (Not POSIX, e.g. Windows: the directory's ACL applies.)
     */
    static byte[] keyFile(Path file, RandomCodes codes) {
        try {
            if (Files.exists(file)) {
                return Base64.getDecoder().decode(Files.readString(file).trim());
            }
            Path dir = file.getParent();
            boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
            if (!Files.isDirectory(dir)) {
                if (posix) {
                    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectories(dir);
                }
            }
            byte[] key = codes.bytes(32);
            Path temp = posix
                    ? Files.createTempFile(dir, ".twofold.key-", ".new", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(dir, ".twofold.key-", ".new");
            try {
                try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                    out.write(ByteBuffer.wrap(Base64.getEncoder().encodeToString(key).getBytes(StandardCharsets.US_ASCII)));
                    out.force(true);
                }
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the data key " + file, e);
        }
    }
}
