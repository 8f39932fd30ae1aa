package org.twofold.webpush;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * NIST P-256 keys as Web Push writes them: a public key as the uncompressed point (65 bytes,
 * {@code 0x04 ‖ x ‖ y}, SEC 1 §2.3.3), the form of a subscription's {@code p256dh} (RFC 8291 §3.1)
 * and of VAPID's {@code k} (RFC 8292 §3.2); base64url without padding (RFC 7515 §2). The JDK's
 * SunEC provider does the arithmetic. Plain Java.
 */
public final class P256 {
    private static final ECParameterSpec PARAMS = params();
    private static final int COORDINATE = 32;

    private P256() {
    }

    private static ECParameterSpec params() {
        try {
            AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
            p.init(new ECGenParameterSpec("secp256r1"));
            return p.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 unavailable", e);
        }
    }

    public static KeyPair generate(SecureRandom random) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), random);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 unavailable", e);
        }
    }

    /** The uncompressed point of {@code key}: 65 bytes. */
    public static byte[] encode(ECPublicKey key) {
        byte[] out = new byte[1 + 2 * COORDINATE];
        out[0] = 0x04;
        unsigned(key.getW().getAffineX(), out, 1);
        unsigned(key.getW().getAffineY(), out, 1 + COORDINATE);
        return out;
    }

    private static void unsigned(BigInteger v, byte[] out, int at) {
        byte[] b = v.toByteArray();
        int skip = b.length > COORDINATE ? b.length - COORDINATE : 0;
        System.arraycopy(b, skip, out, at + COORDINATE - (b.length - skip), b.length - skip);
    }

    /**
     * The public key of an uncompressed point; the JDK checks that it lies on the curve when it is
     * used (an invalid point fails the key agreement or the signature check).
     *
     * @throws IllegalArgumentException if it is not 65 bytes starting with 0x04, or not on the curve
     */
    public static ECPublicKey publicKey(byte[] point) {
        if (point == null || point.length != 1 + 2 * COORDINATE || point[0] != 0x04) {
            throw new IllegalArgumentException("not an uncompressed P-256 point");
        }
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(point, 1, 1 + COORDINATE));
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(point, 1 + COORDINATE, point.length));
        if (!onCurve(x, y)) {
            throw new IllegalArgumentException("the point is not on P-256");
        }
        try {
            return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), PARAMS));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a P-256 public key", e);
        }
    }

    /** y² = x³ + ax + b (mod p), with both coordinates below p: no invalid-curve point gets in. */
    private static boolean onCurve(BigInteger x, BigInteger y) {
        BigInteger p = ((java.security.spec.ECFieldFp) PARAMS.getCurve().getField()).getP();
        if (x.signum() < 0 || y.signum() < 0 || x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            return false;
        }
        BigInteger right = x.pow(3).add(PARAMS.getCurve().getA().multiply(x)).add(PARAMS.getCurve().getB()).mod(p);
        return y.pow(2).mod(p).equals(right);
    }

    /** A public key from its X.509 SubjectPublicKeyInfo (WebCrypto's {@code exportKey("spki")}), checked to be P-256. */
    public static ECPublicKey spki(byte[] der) {
        try {
            ECPublicKey key = (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
            return publicKey(encode(key)); // re-read as a P-256 point: another curve fails here
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("not a P-256 public key", e);
        }
    }

    /** The private key with scalar {@code d} (32 bytes, big-endian), as RFC 8291's test vectors give it. */
    public static ECPrivateKey privateKey(byte[] d) {
        try {
            return (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(new BigInteger(1, d), PARAMS));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a P-256 private key", e);
        }
    }

    /** A private key from its PKCS #8 encoding (as sealed in the database). */
    public static ECPrivateKey pkcs8(byte[] der) {
        try {
            return (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a P-256 private key", e);
        }
    }

    public static String b64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Base64url with or without padding; standard Base64's {@code +/} are taken too (browsers differ). */
    public static byte[] unb64(String text) {
        if (text == null) {
            throw new IllegalArgumentException("missing base64url value");
        }
        return Base64.getUrlDecoder().decode(text.trim().replace('+', '-').replace('/', '_').replace("=", ""));
    }
}
