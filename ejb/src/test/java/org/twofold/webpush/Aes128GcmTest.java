package org.twofold.webpush;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** RFC 8291 Appendix A: the one worked example of a Web Push message, byte for byte. */
class Aes128GcmTest {
    private static final String PLAINTEXT = "When I grow up, I want to be a watermelon";
    private static final String AS_PRIVATE = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
    private static final String AS_PUBLIC = "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
    private static final String UA_PUBLIC = "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
    private static final String AUTH = "BTBZMqHH6r4Tts7J_aSIgg";
    private static final String SALT = "DGv6ra1nlYgDCS1FRnbzlw";
    private static final String MESSAGE = "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN";

    @Test
    void encryptsTheRfc8291ExampleByteForByte() {
        KeyPair ephemeral = new KeyPair(P256.publicKey(P256.unb64(AS_PUBLIC)), P256.privateKey(P256.unb64(AS_PRIVATE)));
        byte[] message = Aes128Gcm.encrypt(PLAINTEXT.getBytes(StandardCharsets.UTF_8), P256.publicKey(P256.unb64(UA_PUBLIC)),
                P256.unb64(AUTH), ephemeral, P256.unb64(SALT));
        assertEquals(MESSAGE, P256.b64url(message));
    }

    @Test
    void eachMessageHasItsOwnKeyAndSalt() {
        SecureRandom random = new SecureRandom();
        byte[] plaintext = PLAINTEXT.getBytes(StandardCharsets.UTF_8);
        String one = P256.b64url(Aes128Gcm.encrypt(plaintext, P256.publicKey(P256.unb64(UA_PUBLIC)), P256.unb64(AUTH), random));
        String two = P256.b64url(Aes128Gcm.encrypt(plaintext, P256.publicKey(P256.unb64(UA_PUBLIC)), P256.unb64(AUTH), random));
        assertNotEquals(one.substring(0, 22), two.substring(0, 22), "salt");
        assertEquals(MESSAGE.length(), one.length(), "same size as the example: header 86, record 41 + 1 + 16");
    }

    @Test
    void refusesAPointOffTheCurveAndAShortAuthSecret() {
        byte[] point = P256.unb64(UA_PUBLIC);
        point[64] ^= 1;
        assertThrows(IllegalArgumentException.class, () -> P256.publicKey(point));
        assertThrows(IllegalArgumentException.class, () -> Aes128Gcm.encrypt(new byte[1], P256.publicKey(P256.unb64(UA_PUBLIC)), new byte[8], new SecureRandom()));
        assertThrows(IllegalArgumentException.class, () -> Aes128Gcm.encrypt(new byte[Aes128Gcm.MAX_PLAINTEXT + 1],
                P256.publicKey(P256.unb64(UA_PUBLIC)), P256.unb64(AUTH), new SecureRandom()));
    }
}
