package org.twofold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.net.URISyntaxException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditTrail;
import org.twofold.auth.PhoneCalls;
import org.twofold.auth.PushPrompt;
import org.twofold.auth.TextedPasscodes;
import org.twofold.auth.Transactions;
import org.twofold.auth.TxState;
import org.twofold.auth.TxView;
import org.twofold.delivery.PhoneMessage;
import org.twofold.delivery.SimulatedCarrier;
import org.twofold.delivery.SimulatedMessage;
import org.twofold.device.DeviceKind;
import org.twofold.device.DeviceView;
import org.twofold.device.Devices;
import org.twofold.device.Enrollment;
import org.twofold.passcode.PasscodeVerifier;
import org.twofold.policy.Policies;
import org.twofold.policy.PolicySetting;
import org.twofold.policy.Policy;
import org.twofold.user.Users;
import org.twofold.webpush.ApprovalApps;
import org.twofold.webpush.P256;

/**
 * Push, phone call and SMS delivery end to end through the simulated carrier, on Payara Micro with
 * the real database: what the virtual phone receives, how its answers move the transaction, the
 * time-outs, the limits against push fatigue and SMS pumping, and their audit rows.
 */
@ExtendWith(ArquillianExtension.class)
class OutOfBandFactorsIT {
    private static final Actor PROMPT = Actor.user("test-prompt", "203.0.113.9");
    private static final Actor PHONE = new Actor(Actor.Kind.DEVICE, "test", null);
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    private Users users;
    @Inject
    private Enrollment enrollment;
    @Inject
    private Devices devices;
    @Inject
    private PushPrompt push;
    @Inject
    private org.twofold.auth.SecondFactor second;
    @Inject
    private PhoneCalls calls;
    @Inject
    private TextedPasscodes sms;
    @Inject
    private Transactions transactions;
    @Inject
    private SimulatedCarrier carrier;
    @Inject
    private PasscodeVerifier verifier;
    @Inject
    private Policies policies;
    @Inject
    private AuditTrail audit;
    @Inject
    private org.twofold.delivery.CarrierCallbacks callbacks;

    @Deployment
    static WebArchive domain() throws URISyntaxException {
        return DomainServicesIT.domain();
    }

    private String newUser() {
        String name = "o" + Long.toString(Math.abs(RANDOM.nextLong()) % 1_000_000_000L, 36);
        users.create(ACTOR_ADMIN, name, "Test", "Law");
        return name;
    }

    private static final Actor ACTOR_ADMIN = Actor.operator("test-admin", null);

    private long smartphone(String user) {
        return enrollment.enrollAuthenticatorApp(ACTOR_ADMIN, user, DeviceKind.SMARTPHONE, "+1 410 555 0105", "iPhone").deviceId();
    }

    private PhoneMessage latest(long deviceId, SimulatedMessage.Kind kind) {
        return carrier.messages(deviceId).stream().filter(m -> m.kind() == kind).findFirst().orElseThrow();
    }

    /** Waits (polling the status, never a fixed sleep) until the transaction is no longer pending. */
    private TxView awaitEnd(String txid, Duration limit) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        TxView v = transactions.status(txid);
        while (v.state().pending() && Instant.now().isBefore(deadline)) {
            Thread.sleep(250); // polling interval while waiting for the condition
            v = transactions.status(txid);
        }
        return v;
    }

    @Inject
    private ApprovalApps apps;

    @Test
    void anApprovalAppBegunForAUserIsRegisteredOnlyOnceItsPhoneUsedTheCodeAndOnlyForThatUser() {
        String user = newUser();
        String other = newUser();
        ApprovalApps.Invitation invitation = apps.begin(ACTOR_ADMIN, user, "Phone");
        assertTrue(invitation.link().endsWith("app/index.html#enroll=" + invitation.code()), invitation.link());
        assertFalse(apps.registered(user, invitation.deviceId()), "not before the phone registered");

        KeyPair subscriptionKey = P256.generate(RANDOM);
        KeyPair deviceKey = P256.generate(RANDOM);
        byte[] auth = new byte[16];
        RANDOM.nextBytes(auth);
        Actor phone = Actor.activationLink("203.0.113.10");
        String p256dh = P256.b64url(P256.encode((ECPublicKey) subscriptionKey.getPublic()));
        String spki = P256.b64url(deviceKey.getPublic().getEncoded());
        assertEquals(ErrorCode.ACTIVATION_INVALID, assertThrows(TwofoldException.class,
                () -> apps.register(phone, invitation.code() + "x", "https://push.example.net/p/1", p256dh, P256.b64url(auth), spki)).code());
        assertFalse(apps.registered(user, invitation.deviceId()), "a wrong code registers nothing");

        assertEquals(invitation.deviceId(), apps.register(phone, invitation.code(), "https://push.example.net/p/1", p256dh, P256.b64url(auth), spki));
        assertTrue(apps.registered(user, invitation.deviceId()));
        assertFalse(apps.registered(other, invitation.deviceId()), "another user's page cannot take it as theirs");
        assertFalse(apps.registered(user, smartphone(user)), "an authenticator app is no approval app");
    }

    @Test
    void aVerifiedPushIsApprovedWithTheNumberShownOnThePrompt() {
        String user = newUser();
        long device = smartphone(user);
        TxView sent = push.send(PROMPT, user, 1, "VPN");
        assertEquals(TxState.PUSHED, sent.state());
        assertTrue(sent.verifyNumber().matches("[0-9]{3}"), "verified push is on by default");
        assertTrue(carrier.messages(device).stream().noneMatch(m -> sent.txid().equals(m.txid())), "recording the push sends nothing: it is delivered once recorded");
        assertEquals(sent, second.delivered(PROMPT, sent));
        PhoneMessage onPhone = latest(device, SimulatedMessage.Kind.PUSH);
        assertEquals(sent.txid(), onPhone.txid());
        assertTrue(onPhone.body().contains("VPN") && onPhone.body().contains("203.0.113.9"), onPhone.body());
        assertTrue(!onPhone.body().contains(sent.verifyNumber() + " "), "the phone is not told the number");

        TxView approved = push.respond(PHONE, sent.txid(), true, sent.verifyNumber(), false);
        assertEquals(TxState.ALLOW, approved.state());
        assertEquals(TxState.ALLOW, transactions.status(sent.txid()).state());
        assertNull(approved.verifyNumber(), "the number is not shown once the request ended");
        assertTrue(audit.forUser(user, 10).stream().anyMatch(e -> e.getAction().equals("auth.push") && e.getResult().equals("allow")));
    }

    @Test
    void aPushApprovedWithTheWrongNumberIsDenied() {
        String user = newUser();
        smartphone(user);
        TxView sent = push.send(PROMPT, user, 1, "Portal");
        String wrong = sent.verifyNumber().equals("000") ? "111" : "000";
        TxView v = push.respond(PHONE, sent.txid(), true, wrong, false);
        assertEquals(TxState.DENY, v.state());
        assertEquals("wrong_verification_number", v.reason());
        assertEquals(ErrorCode.TRANSACTION_FINISHED, assertThrows(TwofoldException.class,
                () -> push.respond(PHONE, sent.txid(), true, sent.verifyNumber(), false)).code(), "an ended request cannot be approved");
    }

    @Test
    void aPushReportedAsFraudIsAuditedAndPausesFurtherPushesAndCalls() {
        String user = newUser();
        smartphone(user);
        assertEquals(TxState.DENY, push.respond(PHONE, push.send(PROMPT, user, 1, "VPN").txid(), false, null, false).state());
        TxView fraud = push.respond(PHONE, push.send(PROMPT, user, 1, "VPN").txid(), false, null, true);
        assertEquals(TxState.FRAUD, fraud.state());
        assertTrue(audit.forUser(user, 20).stream().anyMatch(e -> e.getAction().equals("push.fraud")));
        TxView paused = push.send(PROMPT, user, 1, "VPN");
        assertEquals(TxState.REFUSED, paused.state());
        assertNull(paused.txid(), "nothing was pushed");
        assertEquals("paused_after_fraud_report", paused.reason());
        TxView call = calls.call(PROMPT, user, 1, "VPN");
        assertEquals(TxState.REFUSED, call.state(), "the smartphone takes calls too: they pause as well");
        assertEquals(1, audit.forUser(user, 20).stream().filter(e -> e.getAction().equals("auth.phone") && "refused".equals(e.getResult())
                && "paused_after_fraud_report".equals(e.getReason())).count());
    }

    @Test
    void unansweredPushesAreBoundedPerUserByPolicyCancelledOnesToo() {
        String user = newUser();
        smartphone(user);
        for (int i = 0; i < policies.current().pushUnansweredMax(); i++) {
            TxView sent = push.send(PROMPT, user, 1, "VPN");
            assertEquals(TxState.PUSHED, sent.state());
            transactions.cancel(PROMPT, sent.txid());
        }
        TxView refused = push.send(PROMPT, user, 1, "VPN");
        assertEquals(TxState.REFUSED, refused.state(), "cancelled pushes were not answered: they count");
        assertEquals("too_many_unanswered_pushes", refused.reason());
        assertTrue(audit.forUser(user, 20).stream().anyMatch(e -> "too_many_unanswered_pushes".equals(e.getReason())));
        Policy before = policies.current();
        try {
            policies.change(ACTOR_ADMIN, p -> p.with(PolicySetting.PUSH_UNANSWERED_MAX, before.pushUnansweredMax() + 1));
            assertEquals(TxState.PUSHED, push.send(PROMPT, user, 1, "VPN").state(), "a higher bound lets one more through");
        } finally {
            policies.change(ACTOR_ADMIN, p -> before);
        }
    }

    @Test
    void everyPushAndCallStartedCountsEvenWhenAnswered() {
        String user = newUser();
        smartphone(user);
        Policy before = policies.current();
        try {
            policies.change(ACTOR_ADMIN, p -> p.with(PolicySetting.PUSHES_PER_WINDOW, 2).with(PolicySetting.CALLS_PER_WINDOW, 2));
            for (int i = 0; i < 2; i++) {
                TxView sent = push.send(PROMPT, user, 1, "VPN");
                assertEquals(TxState.ALLOW, push.respond(PHONE, sent.txid(), true, sent.verifyNumber(), false).state());
                TxView dialing = calls.call(PROMPT, user, 1, "VPN");
                calls.answered(PHONE, dialing.txid());
                assertEquals(TxState.ALLOW, calls.keyPressed(PHONE, dialing.txid()).state());
            }
            assertEquals(TxState.REFUSED, push.send(PROMPT, user, 1, "VPN").state());
            assertEquals(TxState.REFUSED, calls.call(PROMPT, user, 1, "VPN").state());
            List<String> reasons = audit.forUser(user, 30).stream().filter(e -> "refused".equals(e.getResult())).map(e -> e.getAction() + " " + e.getReason()).toList();
            assertTrue(reasons.contains("auth.push too_many_pushes") && reasons.contains("auth.phone too_many_calls"), reasons.toString());
            assertEquals(4, audit.forUser(user, 30).stream().filter(e -> "pushed".equals(e.getResult()) || "calling".equals(e.getResult())).count(),
                    "two pushes and two calls were sent, the refused ones were not");
        } finally {
            policies.change(ACTOR_ADMIN, p -> before);
        }
    }

    @Test
    void withoutAFraudPauseInPolicyPushesResumeAtOnce() {
        String user = newUser();
        smartphone(user);
        Policy before = policies.current();
        try {
            policies.change(ACTOR_ADMIN, p -> p.with(PolicySetting.PUSH_PAUSE_AFTER_FRAUD_MINUTES, 0).with(PolicySetting.CALL_PAUSE_AFTER_FRAUD_MINUTES, 0));
            push.respond(PHONE, push.send(PROMPT, user, 1, "VPN").txid(), false, null, true);
            assertEquals(TxState.PUSHED, push.send(PROMPT, user, 1, "VPN").state());
            assertEquals(TxState.CALLING, calls.call(PROMPT, user, 1, "VPN").state());
        } finally {
            policies.change(ACTOR_ADMIN, p -> before);
        }
    }

    @Test
    void aCallIsAnsweredAndAKeyPressDialingTheLandlineExtension() {
        String user = newUser();
        DeviceView desk = enrollment.enrollLandline(ACTOR_ADMIN, user, "+1 410 706 4357", "1234", "Desk");
        TxView dialing = calls.call(PROMPT, user, 1, "VPN");
        assertEquals(TxState.CALLING, dialing.state());
        assertEquals("4357", dialing.numberLastFour());
        PhoneMessage ringing = latest(desk.id(), SimulatedMessage.Kind.CALL);
        assertTrue(ringing.body().contains("extension 1234"), ringing.body());
        assertEquals(TxState.ANSWERED, calls.answered(PHONE, dialing.txid()).state());
        assertEquals(TxState.ALLOW, calls.keyPressed(PHONE, dialing.txid()).state());
    }

    @Test
    void aHungUpCallIsDenied() {
        String user = newUser();
        enrollment.enrollPhone(ACTOR_ADMIN, user, "+1 410 555 1311", "Mobile");
        TxView dialing = calls.call(PROMPT, user, 1, null);
        calls.answered(PHONE, dialing.txid());
        TxView v = calls.hungUp(PHONE, dialing.txid());
        assertEquals(TxState.DENY, v.state());
        assertEquals("hung_up", v.reason());
    }

    @Test
    void unansweredPushesAndCallsTimeOut() throws InterruptedException {
        Policy before = policies.current();
        try {
            policies.change(ACTOR_ADMIN, p -> p.with(PolicySetting.PUSH_TIMEOUT_SECONDS, 10).with(PolicySetting.CALL_TIMEOUT_SECONDS, 10));
            String pushed = newUser();
            smartphone(pushed);
            String called = newUser();
            enrollment.enrollPhone(ACTOR_ADMIN, called, "+1 410 555 2222", "Mobile");
            TxView p = push.send(PROMPT, pushed, 1, "VPN");
            TxView c = calls.call(PROMPT, called, 1, "VPN");
            assertEquals(TxState.TIMEOUT, awaitEnd(p.txid(), Duration.ofSeconds(30)).state());
            TxView callEnd = awaitEnd(c.txid(), Duration.ofSeconds(30));
            assertEquals(TxState.TIMEOUT, callEnd.state());
            assertEquals(TxState.TIMEOUT, callEnd.state());
            assertEquals("not_answered", callEnd.reason());
            assertEquals(ErrorCode.TRANSACTION_FINISHED, assertThrows(TwofoldException.class, () -> calls.answered(PHONE, c.txid())).code());
        } finally {
            policies.change(ACTOR_ADMIN, p -> before);
        }
    }

    @Test
    void smsPasscodesAreTextedAndOneOfThemLetsTheUserIn() {
        String user = newUser();
        DeviceView mobile = enrollment.enrollPhone(ACTOR_ADMIN, user, "+1 410 555 3333", "Mobile");
        TxView sent = sms.send(PROMPT, user, 1);
        assertEquals(TxState.SENT, sent.state());
        String text = latest(mobile.id(), SimulatedMessage.Kind.TEXT).body();
        List<String> codes = java.util.Arrays.stream(text.split(" ")).filter(w -> w.matches("[0-9]{7}")).toList();
        assertEquals(policies.current().smsBatchSize(), codes.size(), text);
        assertEquals(String.valueOf(codes.get(0).charAt(0)), sent.smsNextDigit());
        assertTrue(verifier.verify(PROMPT, user, codes.get(2)).allowed());
    }

    @Test
    void textsToOnePhoneAreLimitedAgainstSmsPumping() {
        String user = newUser();
        enrollment.enrollPhone(ACTOR_ADMIN, user, "+1 410 555 4444", "Mobile");
        for (int i = 0; i < policies.current().smsSendsPerNumber(); i++) {
            sms.send(PROMPT, user, 1);
        }
        TwofoldException limited = assertThrows(TwofoldException.class, () -> sms.send(PROMPT, user, 1));
        assertEquals(ErrorCode.TOO_MANY_REQUESTS, limited.code());
        assertTrue(audit.forUser(user, 30).stream().anyMatch(e -> "too_many_sms".equals(e.getReason())));
    }

    @Test
    void cancelStopsAPendingCallAndIsAudited() {
        String user = newUser();
        enrollment.enrollPhone(ACTOR_ADMIN, user, "+1 410 555 6666", "Mobile");
        TxView dialing = calls.call(PROMPT, user, 1, "VPN");
        TxView cancelled = transactions.cancel(PROMPT, dialing.txid());
        assertEquals(TxState.CANCELLED, cancelled.state());
        assertEquals(TxState.CANCELLED, cancelled.state());
        assertEquals(ErrorCode.TRANSACTION_FINISHED, assertThrows(TwofoldException.class, () -> calls.answered(PHONE, dialing.txid())).code());
        assertEquals(ErrorCode.TRANSACTION_FINISHED, assertThrows(TwofoldException.class, () -> transactions.cancel(PROMPT, dialing.txid())).code());
        assertTrue(audit.forUser(user, 10).stream().anyMatch(e -> e.getAction().equals("auth.phone") && "cancelled".equals(e.getReason())));
    }

    @Test
    void disablingTheDeviceCancelsItsPendingPush() {
        String user = newUser();
        long device = smartphone(user);
        TxView sent = push.send(PROMPT, user, 1, "VPN");
        devices.disable(ACTOR_ADMIN, user, device);
        assertEquals(TxState.CANCELLED, transactions.status(sent.txid()).state());
        assertEquals(ErrorCode.TRANSACTION_FINISHED, assertThrows(TwofoldException.class,
                () -> push.respond(PHONE, sent.txid(), true, sent.verifyNumber(), false)).code());
    }

    /** Twilio's request signature, computed here independently of the product's code. */
    private static String sign(String url, java.util.Map<String, String> body) throws Exception {
        StringBuilder data = new StringBuilder(url);
        new java.util.TreeMap<>(body).forEach((k, v) -> data.append(k).append(v));
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
        mac.init(new javax.crypto.spec.SecretKeySpec("test-carrier-token".getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA1"));
        return java.util.Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void signedCarrierCallbacksMoveTheCallOnAndForgedOnesAreRefused() throws Exception {
        String user = newUser();
        enrollment.enrollPhone(ACTOR_ADMIN, user, "+1 410 555 5555", "Mobile");
        String txid = calls.call(PROMPT, user, 1, "VPN").txid();
        String base = "https://mfa.example.org/carrier/callback";

        String answeredQuery = "txid=" + txid + "&event=status";
        java.util.Map<String, String> answered = java.util.Map.of("CallSid", "CA1", "CallStatus", "in-progress");
        java.util.Map<String, String> forgedBody = java.util.Map.of("CallSid", "CA1", "CallStatus", "in-progress", "Digits", "1");
        assertTrue(callbacks.accept(answeredQuery, java.util.Map.of("txid", txid, "event", "status"), forgedBody,
                sign(base + "?" + answeredQuery, answered), "198.51.100.1").isEmpty(), "a changed field breaks the signature");
        assertEquals(TxState.CALLING, transactions.status(txid).state());
        assertTrue(audit.recent(20).stream().anyMatch(e -> e.getAction().equals("carrier.callback") && "bad_signature".equals(e.getReason())));

        assertTrue(callbacks.accept(answeredQuery, java.util.Map.of("txid", txid, "event", "status"), answered,
                sign(base + "?" + answeredQuery, answered), "198.51.100.1").isPresent());
        assertEquals(TxState.ANSWERED, transactions.status(txid).state());

        String keyQuery = "txid=" + txid + "&event=key";
        java.util.Map<String, String> key = java.util.Map.of("CallSid", "CA1", "Digits", "5");
        callbacks.accept(keyQuery, java.util.Map.of("txid", txid, "event", "key"), key, sign(base + "?" + keyQuery, key), "198.51.100.1");
        assertEquals(TxState.ALLOW, transactions.status(txid).state());

        java.util.Map<String, String> completed = java.util.Map.of("CallSid", "CA1", "CallStatus", "completed");
        callbacks.accept(answeredQuery, java.util.Map.of("txid", txid, "event", "status"), completed, sign(base + "?" + answeredQuery, completed), "198.51.100.1");
        assertEquals(TxState.ALLOW, transactions.status(txid).state(), "the carrier's late 'completed' does not undo the login");
    }

    @Test
    void aLockedOutUserGetsNoPushAndAUserWithoutAPhoneGetsNoCall() {
        String locked = newUser();
        smartphone(locked);
        users.setStatus(ACTOR_ADMIN, locked, "locked_out");
        assertEquals(ErrorCode.USER_LOCKED_OUT, assertThrows(TwofoldException.class, () -> push.send(PROMPT, locked, 1, "VPN")).code());
        String tabletOnly = newUser();
        enrollment.enrollAuthenticatorApp(ACTOR_ADMIN, tabletOnly, DeviceKind.TABLET, null, "iPad");
        assertEquals(ErrorCode.NO_CAPABLE_DEVICE, assertThrows(TwofoldException.class, () -> calls.call(PROMPT, tabletOnly, 1, null)).code());
        assertNotNull(push.send(PROMPT, tabletOnly, 1, "VPN").txid(), "a tablet takes pushes");
    }
}
