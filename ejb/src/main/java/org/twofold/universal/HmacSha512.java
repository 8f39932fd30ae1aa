package org.twofold.universal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.impl.HMAC;
import com.nimbusds.jose.crypto.utils.ConstantTimeUtils;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;

/**
 * HS512 (RFC 7518 §3.2) with an integration's secret, for Nimbus JOSE+JWT to sign and verify Duo's
 * JWTs with. Nimbus's own {@code MACSigner}/{@code MACVerifier} refuse a key shorter than the hash
 * (512 bits for HS512), as RFC 7518 §3.2 asks; Duo's secrets — and so the client secrets of every
 * application on Duo's SDK — are 40 characters (320 bits), and Duo's SDKs sign with them as they
 * are. This is therefore Nimbus's {@code MACSigner} without that one length rule: the MAC is
 * Nimbus's {@link HMAC} over the JWS signing input, compared in constant time by Nimbus's {@link
 * ConstantTimeUtils}; parsing, serialising and every claim stay Nimbus's. Only HS512 is accepted.
 */
final class HmacSha512 implements JWSSigner, JWSVerifier {
    private static final String JCA_NAME = "HmacSHA512";
    private final SecretKeySpec key;
    private final JCAContext jca = new JCAContext();

    HmacSha512(byte[] secret) {
        this.key = new SecretKeySpec(secret, JCA_NAME);
    }

    @Override
    public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
        requireHs512(header);
        return Base64URL.encode(HMAC.compute(JCA_NAME, key, signingInput, jca.getProvider()));
    }

    @Override
    public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) throws JOSEException {
        if (!JWSAlgorithm.HS512.equals(header.getAlgorithm()) || header.getCriticalParams() != null) {
            return false;
        }
        return ConstantTimeUtils.areEqual(HMAC.compute(JCA_NAME, key, signingInput, jca.getProvider()), signature.decode());
    }

    private static void requireHs512(JWSHeader header) throws JOSEException {
        if (!JWSAlgorithm.HS512.equals(header.getAlgorithm())) {
            throw new JOSEException("only HS512");
        }
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return Set.of(JWSAlgorithm.HS512);
    }

    @Override
    public JCAContext getJCAContext() {
        return jca;
    }
}
