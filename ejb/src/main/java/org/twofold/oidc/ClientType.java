package org.twofold.oidc;

import java.util.Locale;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;

/**
 * What kind of relying party a client is (RFC 6749 §2.1). A {@link #CONFIDENTIAL} client (a web
 * server such as Apache with {@code mod_auth_openidc}) keeps a secret and authenticates at the token
 * endpoint; a {@link #PUBLIC} client (a single-page or native application) cannot keep one, so it has
 * none and must prove its authorization request with PKCE S256 (RFC 7636) instead.
 */
public enum ClientType {
    PUBLIC,
    CONFIDENTIAL;

    /** What administrators type: {@code public} or {@code confidential}. */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The type named {@code text}, ignoring case and surrounding white space.
     *
     * @throws TwofoldException {@code MISSING_FIELD} if blank, {@code INVALID_VALUE} if it names no type
     */
    public static ClientType parse(String text) {
        if (text == null || text.isBlank()) {
            throw new TwofoldException(ErrorCode.MISSING_FIELD, "type is required: public or confidential");
        }
        for (ClientType t : values()) {
            if (t.keyword().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new TwofoldException(ErrorCode.INVALID_VALUE, "type must be public or confidential");
    }
}
