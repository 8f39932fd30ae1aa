package org.twofold.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twofold.delivery.Channels;
import org.twofold.device.DeviceKind;
import org.twofold.device.DeviceState;
import org.twofold.device.DeviceView;
import org.twofold.policy.Factor;
import org.twofold.policy.Policy;
import org.twofold.policy.PolicySetting;

class PromptChoicesTest {
    private static DeviceView device(long id, DeviceKind k, String name, String masked, DeviceState state) {
        return new DeviceView(id, k, name, masked, null, state, k.canPush(), k.canCall(), k.canSms(), k.makesPasscodes(), Instant.EPOCH);
    }

    private static final DeviceView PHONE = device(1, DeviceKind.SMARTPHONE, "ios", "XXX-XXX-0105", DeviceState.ACTIVE);
    private static final DeviceView DESK = device(2, DeviceKind.LANDLINE, "Desk", "XXX-XXX-1311", DeviceState.ACTIVE);
    private static final DeviceView FOB = device(3, DeviceKind.HARDWARE_TOKEN, "Token", null, DeviceState.ACTIVE);
    private static final DeviceView LOST = device(4, DeviceKind.SMARTPHONE, "old", "XXX-XXX-0001", DeviceState.DISABLED);

    private static Policy allowing(Factor... factors) {
        return Policy.defaults().with(PolicySetting.ALLOWED_FACTORS, EnumSet.copyOf(List.of(factors)));
    }

    @Test
    void offersEachDeviceOnlyWhatItCanDo() {
        PromptChoices c = PromptChoices.of(List.of(PHONE, DESK, FOB, LOST), Policy.defaults(), Channels.ALL);
        assertEquals(List.of("ios (XXX-XXX-0105)", "Desk (XXX-XXX-1311)"), c.getDevices().stream().map(PromptChoices.Choice::getLabel).toList(),
                "a token has nothing to start and a disabled phone is not offered");
        PromptChoices.Choice desk = c.device(2L);
        assertFalse(desk.isPush());
        assertTrue(desk.isCall());
        assertFalse(desk.isSms());
        PromptChoices.Choice phone = c.device(1L);
        assertTrue(phone.isPush() && phone.isCall() && phone.isSms());
        assertTrue(c.isPasscode());
        assertEquals(8, c.getRememberMeHours());
    }

    @Test
    void offersOnlyFactorsThePolicyAllows() {
        PromptChoices c = PromptChoices.of(List.of(PHONE, DESK), allowing(Factor.PHONE), Channels.ALL);
        PromptChoices.Choice phone = c.device(1L);
        assertFalse(phone.isPush());
        assertTrue(phone.isCall());
        assertFalse(phone.isSms());
        assertFalse(c.isPasscode());
    }

    @Test
    void aDeviceWithNothingAllowedIsNotOffered() {
        PromptChoices c = PromptChoices.of(List.of(PHONE, DESK), allowing(Factor.PUSH, Factor.PASSCODE), Channels.ALL);
        assertEquals(List.of(1L), c.getDevices().stream().map(PromptChoices.Choice::getId).toList());
    }

    @Test
    void anUnknownDeviceIdFallsBackToTheFirstAndNoDevicesToNone() {
        assertEquals(1L, PromptChoices.of(List.of(PHONE, DESK), Policy.defaults(), Channels.ALL).device(99L).getId());
        assertNull(PromptChoices.of(List.of(FOB), Policy.defaults(), Channels.ALL).device(null));
    }

    @Test
    void offersNoPushWithoutAPushChannel() {
        PromptChoices c = PromptChoices.of(List.of(PHONE, DESK), Policy.defaults(), new Channels(false, true, true));
        PromptChoices.Choice phone = c.device(1L);
        assertFalse(phone.isPush(), "no \"Send me a Push\" where no push can arrive");
        assertTrue(phone.isCall() && phone.isSms());
        PromptChoices none = PromptChoices.of(List.of(PHONE, DESK), Policy.defaults(), new Channels(false, false, false));
        assertEquals(List.of(), none.getDevices(), "nothing to start without any channel");
        assertTrue(none.isPasscode(), "passcodes need no channel");
    }

    @Test
    void offersASecurityKeyOnlyToAUserWithAnActiveOneAndNeverInTheDeviceSelector() {
        DeviceView key = device(7, DeviceKind.SECURITY_KEY, "YubiKey", null, DeviceState.ACTIVE);
        DeviceView disabledKey = device(8, DeviceKind.SECURITY_KEY, "Old key", null, DeviceState.DISABLED);
        PromptChoices c = PromptChoices.of(List.of(PHONE, key), Policy.defaults(), Channels.ALL);
        assertTrue(c.isSecurityKey());
        assertEquals(List.of(1L), c.getDevices().stream().map(PromptChoices.Choice::getId).toList(), "a key takes no push, call or text");
        assertFalse(PromptChoices.of(List.of(PHONE, disabledKey), Policy.defaults(), Channels.ALL).isSecurityKey());
        assertFalse(PromptChoices.of(List.of(PHONE, DESK), Policy.defaults(), Channels.ALL).isSecurityKey());
    }
}
