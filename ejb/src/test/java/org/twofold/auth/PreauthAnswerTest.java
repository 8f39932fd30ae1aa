package org.twofold.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.twofold.delivery.Channels;
import org.twofold.device.DeviceKind;
import org.twofold.device.DeviceState;
import org.twofold.device.DeviceView;
import org.twofold.policy.Factor;
import org.twofold.policy.NewUserPolicy;
import org.twofold.user.UserStatus;

class PreauthAnswerTest {
    private static final Set<Factor> ALL = EnumSet.of(Factor.PUSH, Factor.PHONE, Factor.SMS, Factor.PASSCODE);

    private static DeviceView device(long id, DeviceKind kind, String masked, DeviceState state) {
        return new DeviceView(id, kind, kind.name(), masked, null, state, kind.canPush(), kind.canCall(), kind.canSms(),
                kind.makesPasscodes(), Instant.EPOCH, false);
    }

    private static final DeviceView IPHONE = device(1, DeviceKind.SMARTPHONE, "XXX-XXX-1311", DeviceState.ACTIVE);
    private static final DeviceView DESK = device(2, DeviceKind.LANDLINE, "XXX-XXX-4357", DeviceState.ACTIVE);
    private static final DeviceView LOST = device(3, DeviceKind.MOBILE_PHONE, "XXX-XXX-0000", DeviceState.DISABLED);

    @Test
    void anActiveUserWithDevicesMustAuthenticateAndSeesWhatEachDeviceCanDo() {
        PreauthAnswer a = PreauthAnswer.decide(UserStatus.ACTIVE, List.of(IPHONE, DESK, LOST), ALL, Channels.ALL, false, "4");
        assertEquals(PreauthAnswer.Result.AUTH, a.result());
        assertEquals(2, a.devices().size(), "the disabled phone is not offered");
        PreauthAnswer.Device phone = a.devices().get(0);
        assertEquals(List.of("push", "phone", "sms", "mobile_otp"), phone.capabilities());
        assertEquals("smartphone", phone.type());
        assertEquals("XXX-XXX-1311", phone.maskedNumber());
        assertEquals("4", phone.smsNextcode());
        assertEquals(List.of("phone"), a.devices().get(1).capabilities());
        assertNull(a.devices().get(1).smsNextcode(), "a landline takes no texts");
    }

    @Test
    void capabilitiesFollowTheAllowedFactors() {
        PreauthAnswer a = PreauthAnswer.decide(UserStatus.ACTIVE, List.of(IPHONE, DESK), EnumSet.of(Factor.PUSH, Factor.PASSCODE), Channels.ALL, false, "4");
        assertEquals(1, a.devices().size(), "the landline can do nothing allowed");
        assertEquals(List.of("push", "mobile_otp"), a.devices().get(0).capabilities());
        assertNull(a.devices().get(0).smsNextcode());
    }

    @Test
    void devicesThatCanDoNothingAllowedDeny() {
        PreauthAnswer a = PreauthAnswer.decide(UserStatus.ACTIVE, List.of(DESK), EnumSet.of(Factor.PUSH), Channels.ALL, false, null);
        assertEquals(PreauthAnswer.Result.DENY, a.result());
    }

    @Test
    void noActiveDeviceMeansEnrollUnlessACodeIsWaiting() {
        assertEquals(PreauthAnswer.Result.ENROLL, PreauthAnswer.decide(UserStatus.ACTIVE, List.of(LOST), ALL, Channels.ALL, false, null).result());
        PreauthAnswer withCode = PreauthAnswer.decide(UserStatus.ACTIVE, List.of(), ALL, Channels.ALL, true, null);
        assertEquals(PreauthAnswer.Result.AUTH, withCode.result(), "a help-desk temporary passcode lets the user in to enroll");
        assertEquals(List.of(), withCode.devices());
    }

    @Test
    void aNewUserIsAnsweredAsNewUserPolicySaysAndNobodyElseIs() {
        PreauthAnswer enroll = PreauthAnswer.decide(UserStatus.ACTIVE, List.of(LOST), ALL, Channels.ALL, false, null, NewUserPolicy.ENROLL);
        assertEquals(PreauthAnswer.Result.ENROLL, enroll.result());
        assertEquals(PreauthAnswer.Reason.NO_DEVICE, enroll.reason());
        PreauthAnswer deny = PreauthAnswer.decide(UserStatus.ACTIVE, List.of(), ALL, Channels.ALL, false, null, NewUserPolicy.DENY);
        assertEquals(PreauthAnswer.Result.DENY, deny.result());
        assertEquals(PreauthAnswer.Reason.NEW_USER_DENIED, deny.reason());
        PreauthAnswer allow = PreauthAnswer.decide(UserStatus.ACTIVE, List.of(LOST), ALL, Channels.ALL, false, null, NewUserPolicy.ALLOW);
        assertEquals(PreauthAnswer.Result.ALLOW, allow.result());
        assertEquals(PreauthAnswer.Reason.NEW_USER_ALLOWED, allow.reason());
        for (NewUserPolicy policy : NewUserPolicy.values()) {
            // a user with a device, with a code waiting, or whose status decides is no new user, whatever the policy
            assertEquals(PreauthAnswer.Result.AUTH, PreauthAnswer.decide(UserStatus.ACTIVE, List.of(IPHONE), ALL, Channels.ALL, false, null, policy).result());
            assertEquals(PreauthAnswer.Result.AUTH, PreauthAnswer.decide(UserStatus.ACTIVE, List.of(), ALL, Channels.ALL, true, null, policy).result());
            assertEquals(PreauthAnswer.Reason.LOCKED_OUT, PreauthAnswer.decide(UserStatus.LOCKED_OUT, List.of(), ALL, Channels.ALL, false, null, policy).reason());
            assertEquals(PreauthAnswer.Reason.DISABLED, PreauthAnswer.decide(UserStatus.DISABLED, List.of(), ALL, Channels.ALL, false, null, policy).reason());
            assertEquals(PreauthAnswer.Reason.NOTHING_ALLOWED,
                    PreauthAnswer.decide(UserStatus.ACTIVE, List.of(DESK), EnumSet.of(Factor.PUSH), Channels.ALL, false, null, policy).reason());
        }
    }

    @Test
    void statusDecidesBeforeDevices() {
        assertEquals(PreauthAnswer.Result.ALLOW, PreauthAnswer.decide(UserStatus.BYPASS, List.of(), ALL, Channels.ALL, false, null).result());
        PreauthAnswer locked = PreauthAnswer.decide(UserStatus.LOCKED_OUT, List.of(IPHONE), ALL, Channels.ALL, false, null);
        assertEquals(PreauthAnswer.Result.DENY, locked.result());
        assertEquals(PreauthAnswer.Reason.LOCKED_OUT, locked.reason());
        assertEquals(PreauthAnswer.Result.DENY, PreauthAnswer.decide(UserStatus.DISABLED, List.of(IPHONE), ALL, Channels.ALL, false, null).result());
    }

    @Test
    void aFactorNoChannelDeliversIsNotListed() {
        // a production server without the simulator: no push channel; a carrier for calls and texts
        PreauthAnswer a = PreauthAnswer.decide(UserStatus.ACTIVE, List.of(IPHONE, DESK), ALL, new Channels(false, true, true), false, "4");
        assertEquals(List.of("phone", "sms", "mobile_otp"), a.devices().get(0).capabilities());
        assertEquals("4", a.devices().get(0).smsNextcode());
        // no carrier either: the landline can do nothing, the smartphone only its passcodes
        PreauthAnswer none = PreauthAnswer.decide(UserStatus.ACTIVE, List.of(IPHONE, DESK), ALL, new Channels(false, false, false), false, "4");
        assertEquals(1, none.devices().size());
        assertEquals(List.of("mobile_otp"), none.devices().get(0).capabilities());
        assertNull(none.devices().get(0).smsNextcode(), "no texts: no hint of one");
        assertEquals(PreauthAnswer.Result.DENY,
                PreauthAnswer.decide(UserStatus.ACTIVE, List.of(DESK), ALL, new Channels(false, false, false), false, null).result(),
                "a landline without a carrier can do nothing");
    }

    @Test
    void withWebPushOnlyTheApprovalAppIsOfferedPushAndAStaleOneNothing() {
        Channels webPush = new Channels(true, true, true, true);
        DeviceView app = new DeviceView(4, DeviceKind.SMARTPHONE, "Approval app", null, null, DeviceState.ACTIVE, true, false, false, false, Instant.EPOCH, true);
        DeviceView stale = new DeviceView(5, DeviceKind.SMARTPHONE, "Old app", null, null, DeviceState.STALE, true, false, false, false, Instant.EPOCH, true);
        PreauthAnswer a = PreauthAnswer.decide(UserStatus.ACTIVE, List.of(IPHONE, app), ALL, webPush, false, null);
        assertEquals(List.of("phone", "sms", "mobile_otp"), a.devices().get(0).capabilities(), "an authenticator app from a store gets no Web Push");
        assertEquals(List.of("push"), a.devices().get(1).capabilities());
        PreauthAnswer onlyStale = PreauthAnswer.decide(UserStatus.ACTIVE, List.of(stale), ALL, webPush, false, null);
        assertTrue(onlyStale.devices().isEmpty(), "a stale app is not offered: " + onlyStale.devices());
    }

    @Test
    void aSecurityKeyIsACapabilityOnlyWhereTheDoorCanRunItAndAKeyOnlyUserIsDeniedByApiDoors() {
        DeviceView key = device(6, DeviceKind.SECURITY_KEY, null, DeviceState.ACTIVE);
        PreauthAnswer pages = PreauthAnswer.decide(UserStatus.ACTIVE, List.of(key), ALL, Channels.ALL, false, null, NewUserPolicy.ENROLL, Door.PAGES);
        assertEquals(PreauthAnswer.Result.AUTH, pages.result());
        assertEquals(List.of(PreauthAnswer.Device.WEBAUTHN), pages.devices().get(0).capabilities());
        assertEquals("security_key", pages.devices().get(0).type());

        PreauthAnswer api = PreauthAnswer.decide(UserStatus.ACTIVE, List.of(key), ALL, Channels.ALL, false, null, NewUserPolicy.ENROLL, Door.API);
        assertEquals(PreauthAnswer.Result.DENY, api.result(), "nothing an API door can complete: not auth");
        assertEquals(PreauthAnswer.Reason.BROWSER_ONLY, api.reason(), "and not enroll: the user has a device");
        assertEquals(PreauthAnswer.Result.DENY, PreauthAnswer.decide(UserStatus.ACTIVE, List.of(key), ALL, Channels.ALL, false, null).result(),
                "the door-less form is an API door's");

        PreauthAnswer both = PreauthAnswer.decide(UserStatus.ACTIVE, List.of(IPHONE, key), ALL, Channels.ALL, false, null, NewUserPolicy.ENROLL, Door.API);
        assertEquals(List.of(1L), both.devices().stream().map(PreauthAnswer.Device::id).toList(), "the key is not listed to an API door");
        PreauthAnswer withCode = PreauthAnswer.decide(UserStatus.ACTIVE, List.of(key), ALL, Channels.ALL, true, null, NewUserPolicy.ENROLL, Door.API);
        assertEquals(PreauthAnswer.Result.AUTH, withCode.result(), "a live bypass code still works over an API door");
        assertTrue(withCode.devices().isEmpty());
        assertEquals(PreauthAnswer.Reason.NOTHING_ALLOWED,
                PreauthAnswer.decide(UserStatus.ACTIVE, List.of(DESK), EnumSet.of(Factor.PUSH), Channels.ALL, false, null, NewUserPolicy.ENROLL, Door.API).reason(),
                "without a key, a policy that allows nothing the devices do is still that");
    }
}
