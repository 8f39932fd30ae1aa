package org.twofold.secret;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {
    @Test
    void theKeyFileIsCreatedOwnerOnlyAndReadBack(@TempDir Path data) throws Exception {
        Path file = data.resolve("keys").resolve("twofold.key");
        byte[] key = Secrets.keyFile(file, new RandomCodes(new SecureRandom()));
        assertEquals(32, key.length);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        assertArrayEquals(key, Base64.getDecoder().decode(Files.readString(file)));
        try (Stream<Path> left = Files.list(file.getParent())) {
            assertEquals(1, left.count(), "no temporary file is left beside the key");
        }
        assertArrayEquals(key, Secrets.keyFile(file, new RandomCodes(new SecureRandom())), "the next start reads the same key");
    }
}
