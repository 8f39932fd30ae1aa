package org.twofold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DisplayNameTest {
    @Test
    void aNameMayUseAnyScriptAndEmojiAndIsTrimmed() {
        assertEquals("Ǎlïçé's 📱", DisplayName.checked("  Ǎlïçé's 📱 ", "device"));
        assertEquals("x".repeat(100), DisplayName.checked("x".repeat(100), "device"));
    }

    @Test
    void aNameWithControlCharactersOrBidiOverridesIsRefused() {
        for (String bad : new String[] {"desk\u0000phone", "desk\u001b[31m", "a\r\nb", "\u202Eenohp", "a\u2066b", "x\u007fy"}) {
            assertEquals(ErrorCode.INVALID_VALUE, assertThrows(TwofoldException.class, () -> DisplayName.checked(bad, "device")).code(), bad);
        }
    }

    @Test
    void halfAnEmojiIsRefused() {
        for (String bad : new String[] {"phone \uD83D", "\uDCF1 phone", "a\uD83Db"}) {
            assertEquals(ErrorCode.INVALID_VALUE, assertThrows(TwofoldException.class, () -> DisplayName.checked(bad, "device")).code(), bad);
        }
    }

    @Test
    void aLongNameIsShortenedNeverBetweenTheHalvesOfAnEmoji() {
        String emojiAcrossTheCut = "x".repeat(99) + "📱" + "y";
        assertEquals("x".repeat(99), DisplayName.shortened(emojiAcrossTheCut));
        String emojiBeforeTheCut = "x".repeat(98) + "📱" + "y";
        assertEquals("x".repeat(98) + "📱", DisplayName.shortened(emojiBeforeTheCut));
        assertEquals("short 📱", DisplayName.shortened("short 📱"));
        assertEquals("x".repeat(99), DisplayName.checked(DisplayName.shortened(emojiAcrossTheCut), "device"), "what enrollment stores passes the check");
    }

    @Test
    void aBlankOrOverlongNameIsRefused() {
        assertEquals(ErrorCode.MISSING_FIELD, assertThrows(TwofoldException.class, () -> DisplayName.checked(" \u0000 ", "device")).code());
        assertEquals(ErrorCode.INVALID_VALUE, assertThrows(TwofoldException.class, () -> DisplayName.checked("x".repeat(101), "device")).code());
    }

    @Test
    void theMessageNamesWhatIsNamed() {
        assertEquals("a name is required for the RADIUS client", assertThrows(TwofoldException.class, () -> DisplayName.checked(" ", "RADIUS client")).getMessage());
    }
}
