package org.twofold.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;

class DevicesTest {
    private static DeviceView device(long id, DeviceState state) {
        return new DeviceView(id, DeviceKind.SMARTPHONE, "Phone " + id, null, null, state, true, true, true, true, Instant.EPOCH, false);
    }

    @Test
    void oneActiveDeviceCallsForAnother() {
        assertTrue(Devices.needsRedundancy(List.of(device(1, DeviceState.ACTIVE))));
        assertTrue(Devices.needsRedundancy(List.of()));
    }

    @Test
    void devicesNotYetActiveOrDisabledDoNotCountAsASecond() {
        assertTrue(Devices.needsRedundancy(List.of(device(1, DeviceState.ACTIVE), device(2, DeviceState.PENDING), device(3, DeviceState.DISABLED))));
    }

    @Test
    void twoActiveDevicesAreEnough() {
        assertFalse(Devices.needsRedundancy(List.of(device(1, DeviceState.ACTIVE), device(2, DeviceState.ACTIVE))));
    }

    @Test
    void aNameMayUseAnyScriptAndEmojiAndIsTrimmed() {
        assertEquals("Ǎlïçé's 📱", Devices.checkedName("  Ǎlïçé's 📱 "));
        assertEquals("x".repeat(100), Devices.checkedName("x".repeat(100)));
    }

    @Test
    void aNameWithControlCharactersOrBidiOverridesIsRefused() {
        for (String bad : new String[] {"desk\u0000phone", "desk\u001b[31m", "a\r\nb", "\u202Eenohp", "a\u2066b", "x\u007fy"}) {
            assertEquals(ErrorCode.INVALID_VALUE, assertThrows(TwofoldException.class, () -> Devices.checkedName(bad)).code(), bad);
        }
    }

    @Test
    void halfAnEmojiIsRefused() {
        for (String bad : new String[] {"phone \uD83D", "\uDCF1 phone", "a\uD83Db"}) {
            assertEquals(ErrorCode.INVALID_VALUE, assertThrows(TwofoldException.class, () -> Devices.checkedName(bad)).code(), bad);
        }
    }

    @Test
    void aLongNameIsShortenedNeverBetweenTheHalvesOfAnEmoji() {
        String emojiAcrossTheCut = "x".repeat(99) + "📱" + "y";
        assertEquals("x".repeat(99), Devices.shortened(emojiAcrossTheCut, 100));
        String emojiBeforeTheCut = "x".repeat(98) + "📱" + "y";
        assertEquals("x".repeat(98) + "📱", Devices.shortened(emojiBeforeTheCut, 100));
        assertEquals("short 📱", Devices.shortened("short 📱", 100));
        assertEquals("x".repeat(99), Devices.checkedName(Devices.shortened(emojiAcrossTheCut, 100)), "what enrollment stores passes the check");
    }

    @Test
    void aBlankOrOverlongNameIsRefused() {
        assertEquals(ErrorCode.MISSING_FIELD, assertThrows(TwofoldException.class, () -> Devices.checkedName(" \u0000 ")).code());
        assertEquals(ErrorCode.INVALID_VALUE, assertThrows(TwofoldException.class, () -> Devices.checkedName("x".repeat(101))).code());
    }
}
