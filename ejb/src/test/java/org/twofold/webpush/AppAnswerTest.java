package org.twofold.webpush;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import org.junit.jupiter.api.Test;

/** The device key's signatures: only the signed answer, by the enrolled key, for that purpose, verifies. */
class AppAnswerTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final KeyPair phone = P256.generate(RANDOM);

    private byte[] sign(KeyPair key, String text, String algorithm) throws Exception {
        Signature s = Signature.getInstance(algorithm);
        s.initSign(key.getPrivate());
        s.update(text.getBytes(StandardCharsets.UTF_8));
        return s.sign();
    }

    @Test
    void anAnswerSignedByTheDeviceKeyVerifiesInWebCryptosFormAndInDer() throws Exception {
        String text = AppAnswer.answerText("0011aabb", AppAnswer.Decision.APPROVE, " 123 ");
        assertEquals("twofold-push-answer\n0011aabb\napprove\n123", text);
        ECPublicKey key = P256.spki(phone.getPublic().getEncoded());
        byte[] raw = sign(phone, text, "SHA256withECDSAinP1363Format");
        assertEquals(64, raw.length);
        assertTrue(AppAnswer.verifies(key, text, raw));
        assertTrue(AppAnswer.verifies(key, text, sign(phone, text, "SHA256withECDSA")));
    }

    @Test
    void anotherDecisionAnotherNumberAnotherKeyOrAListSignatureDoNot() throws Exception {
        ECPublicKey key = P256.spki(phone.getPublic().getEncoded());
        byte[] deny = sign(phone, AppAnswer.answerText("0011aabb", AppAnswer.Decision.DENY, null), "SHA256withECDSAinP1363Format");
        assertFalse(AppAnswer.verifies(key, AppAnswer.answerText("0011aabb", AppAnswer.Decision.APPROVE, null), deny));
        byte[] approve = sign(phone, AppAnswer.answerText("0011aabb", AppAnswer.Decision.APPROVE, "123"), "SHA256withECDSAinP1363Format");
        assertFalse(AppAnswer.verifies(key, AppAnswer.answerText("0011aabb", AppAnswer.Decision.APPROVE, "124"), approve));
        assertFalse(AppAnswer.verifies(key, AppAnswer.answerText("0011aabc", AppAnswer.Decision.APPROVE, "123"), approve));
        KeyPair other = P256.generate(RANDOM);
        assertFalse(AppAnswer.verifies(key, AppAnswer.answerText("0011aabb", AppAnswer.Decision.APPROVE, "123"),
                sign(other, AppAnswer.answerText("0011aabb", AppAnswer.Decision.APPROVE, "123"), "SHA256withECDSAinP1363Format")));
        assertFalse(AppAnswer.verifies(key, "twofold-push-answer\n7\napprove\n", sign(phone, AppAnswer.listText(7, 1), "SHA256withECDSAinP1363Format")));
        assertFalse(AppAnswer.verifies(key, "x", new byte[64]));
        assertFalse(AppAnswer.verifies(key, "x", new byte[] {1, 2, 3}));
        assertFalse(AppAnswer.verifies(key, "x", null));
    }

    @Test
    void decisionsAreThreeWords() {
        assertEquals(AppAnswer.Decision.FRAUD, AppAnswer.Decision.parse("fraud"));
        assertThrows(IllegalArgumentException.class, () -> AppAnswer.Decision.parse("APPROVE"));
        assertThrows(IllegalArgumentException.class, () -> AppAnswer.Decision.parse(null));
    }

    @Test
    void aDeviceKeyMustBeP256() throws Exception {
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
        g.initialize(new java.security.spec.ECGenParameterSpec("secp384r1"));
        byte[] p384 = g.generateKeyPair().getPublic().getEncoded();
        assertThrows(IllegalArgumentException.class, () -> P256.spki(p384));
        assertThrows(IllegalArgumentException.class, () -> P256.spki(new byte[] {1, 2}));
    }
}
