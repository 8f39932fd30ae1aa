package org.twofold.universal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A code is redeemed only by its client, for its redirect URI, within its minute, once. */
class UniversalCodeTest {
    private static final Instant ISSUED = Instant.parse("2026-12-06T12:00:00Z");
    private static final UniversalLogin LOGIN = new UniversalLogin(DuoVectors.CLIENT, "Library", "alice", DuoVectors.REDIRECT, DuoVectors.STATE, null,
            true);

    private static UniversalCode code() {
        return new UniversalCode("h", LOGIN, "push", "198.51.100.7", ISSUED, ISSUED.plus(UniversalPrompt.CODE_LIFETIME));
    }

    @Test
    void redeemableByItsClientForItsRedirectUriWithinItsMinute() {
        assertNull(code().refusal(DuoVectors.CLIENT, DuoVectors.REDIRECT, ISSUED.plusSeconds(60)));
        assertEquals("code_expired", code().refusal(DuoVectors.CLIENT, DuoVectors.REDIRECT, ISSUED.plusSeconds(61)));
        assertEquals("redirect_uri_mismatch", code().refusal(DuoVectors.CLIENT, DuoVectors.REDIRECT + "/other", ISSUED));
        assertEquals("code_of_another_client", code().refusal("DIZZZZZZZZZZZZZZZZZZ", DuoVectors.REDIRECT, ISSUED));
    }
}
