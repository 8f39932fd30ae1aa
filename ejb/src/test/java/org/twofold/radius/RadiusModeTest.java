package org.twofold.radius;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;

class RadiusModeTest {

    @Test
    void parsesTheKeywordsAdministratorsType() {
        assertEquals(RadiusMode.PASSWORD_MFA, RadiusMode.parse(" Password+MFA "));
        assertEquals(RadiusMode.MFA_ONLY, RadiusMode.parse("mfa-only"));
        assertEquals(RadiusMode.PASSWORD_CHALLENGE, RadiusMode.parse("password+challenge"));
    }

    @Test
    void refusesBlankAndUnknownModes() {
        assertEquals(ErrorCode.MISSING_FIELD, assertThrows(TwofoldException.class, () -> RadiusMode.parse(" ")).code());
        assertEquals(ErrorCode.INVALID_VALUE, assertThrows(TwofoldException.class, () -> RadiusMode.parse("password")).code());
    }
}
