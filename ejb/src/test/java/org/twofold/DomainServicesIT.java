package org.twofold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.io.File;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Filters;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditAction;
import org.twofold.audit.AuditEvent;
import org.twofold.audit.AuditTrail;
import org.twofold.auth.RememberedBrowsers;
import org.twofold.auth.Verdict;
import org.twofold.bypass.BypassCodes;
import org.twofold.bypass.BypassRefusal;
import org.twofold.bypass.IssuedBypass;
import org.twofold.device.DeviceKind;
import org.twofold.device.DeviceView;
import org.twofold.device.Devices;
import org.twofold.device.Enrollment;
import org.twofold.device.TokenInventory;
import org.twofold.passcode.Base32;
import org.twofold.passcode.Hotp;
import org.twofold.passcode.OtpAlgorithm;
import org.twofold.passcode.PasscodeVerifier;
import org.twofold.passcode.SmsBatch;
import org.twofold.passcode.SmsPasscodes;
import org.twofold.passcode.Totp;
import org.twofold.policy.Factor;
import org.twofold.policy.Policies;
import org.twofold.policy.Policy;
import org.twofold.policy.PolicySetting;
import org.twofold.site.PinnedClock;
import org.twofold.site.Schema;
import org.twofold.user.IdentityProof;
import org.twofold.user.UserStatus;
import org.twofold.user.Users;

/**
 * The domain rules through the real EJBs on Payara Micro with the real (Derby) database: single
 * use under concurrency, drift, HOTP window and resynchronisation, SMS batches, bypass and
 * temporary passcodes, lockout, the hourly cap, disabled devices, device index order, policy and
 * remembered browsers. One deployment; each test makes its own users.
 */
@ExtendWith(ArquillianExtension.class)
class DomainServicesIT {
    private static final Actor ACTOR = Actor.operator("test-domain", "127.0.0.1");
    private static final SecureRandom RANDOM = new SecureRandom();
    /** RFC 4226 Appendix D seed. */
    private static final byte[] RFC_SEED = "12345678901234567890".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    @Inject
    private Users users;
    @Inject
    private Enrollment enrollment;
    @Inject
    private Devices devices;
    @Inject
    private TokenInventory tokens;
    @Inject
    private PasscodeVerifier verifier;
    @Inject
    private SmsPasscodes sms;
    @Inject
    private BypassCodes bypass;
    @Inject
    private Policies policies;
    @Inject
    private RememberedBrowsers browsers;
    @Inject
    private AuditTrail audit;
    @Inject
    private org.twofold.auth.PrimaryLogin primaryLogin;
    @Inject
    private org.twofold.auth.StepUp stepUp;
    @Inject
    private org.twofold.auth.SelfService self;
    @Inject
    private org.twofold.auth.Authentication authentication;
    @Inject
    private org.twofold.auth.FirstLogin firstLogin;
    @Inject
    private org.twofold.auth.PasscodeDecisions decisions;
    @Resource
    private ManagedExecutorService executor;

    @Deployment
    static WebArchive domain() throws URISyntaxException {
        WebArchive war = ShrinkWrap.create(WebArchive.class, "domain.war")
                .addPackages(true, Filters.exclude(".*(Test|IT)(\\$[^/]*)?\\.class$"), "org.twofold")
                .addAsResource("META-INF/persistence.xml")
                .addAsResource("org/twofold/site/twofold-defaults.properties")
                .addAsWebInfResource(new File("src/main/resources/META-INF/beans.xml"), "beans.xml")
                .addAsLibraries(jarOf("org.apache.derby.impl.jdbc.EmbedConnection"),
                        jarOf("org.apache.derby.jdbc.EmbeddedDataSource"),
                        jarOf("org.apache.derby.shared.common.error.StandardException"),
                        jarOf("org.postgresql.Driver"),
                        // the directory (LDAP): the UnboundID SDK, as in the product's WAR
                        jarOf("com.unboundid.ldap.sdk.LDAPException"),
                        // WebAuthn (security keys): webauthn4j and its Jackson 3, loaded before the
                        // server's own Jackson as in the product's WAR (its payara-web.xml)
                        jarOf("com.webauthn4j.WebAuthnManager"), jarOf("tools.jackson.databind.ObjectMapper"),
                        jarOf("tools.jackson.core.JsonParser"), jarOf("tools.jackson.dataformat.cbor.CBORMapper"),
                        jarOf("com.fasterxml.jackson.annotation.JsonProperty"), jarOf("org.slf4j.LoggerFactory"),
                        // JOSE (the Duo Universal Prompt's JWTs, the OpenID Connect provider's keys and tokens): Nimbus, as in the product's WAR
                        jarOf("com.nimbusds.jwt.SignedJWT"))
                .addAsWebInfResource(new StringAsset("<payara-web-app><class-loader delegate=\"false\"/></payara-web-app>"), "payara-web.xml");
        for (String script : Schema.scripts()) {
            war.addAsResource("org/twofold/site/schema/" + script);
        }
        return war;
    }

    private static File jarOf(String className) throws URISyntaxException {
        try {
            return new File(Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(className, e);
        }
    }

    private String newUser() {
        String name = "u" + Long.toString(Math.abs(RANDOM.nextLong()) % 1_000_000_000L, 36);
        users.create(ACTOR, name, "Test", "Law");
        return name;
    }

    /** Enrolls a smartphone with the app; returns its seed, read from the otpauth URI as an app would. */
    private byte[] enrollApp(String user) {
        String uri = enrollment.enrollAuthenticatorApp(ACTOR, user, DeviceKind.SMARTPHONE, "+1 410 555 0105", "Phone").otpauthUri();
        return Base32.decode(uri.replaceAll(".*[?&]secret=([A-Z2-7]+).*", "$1"));
    }

    /** Imports a 6-digit HOTP token with the RFC 4226 seed (at counter 0) and assigns it to {@code user}; its serial. */
    private String assignRfcToken(String user) {
        String serial = "HOTP-" + user;
        tokens.importToken(ACTOR, serial, "hotp", Base32.encode(RFC_SEED), 6);
        tokens.assign(ACTOR, user, serial);
        return serial;
    }

    private static String totp(byte[] seed, long stepOffset) {
        return Totp.generate(seed, Totp.step(PinnedClock.now()) + stepOffset, 6, OtpAlgorithm.SHA1);
    }

    private Verdict verify(String user, String code) {
        return verifier.verify(ACTOR, user, code);
    }

    private List<Verdict> concurrently(int n, Callable<Verdict> call) throws Exception {
        List<Callable<Verdict>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            calls.add(call);
        }
        List<Verdict> out = new ArrayList<>();
        for (Future<Verdict> f : executor.invokeAll(calls)) {
            out.add(f.get());
        }
        return out;
    }

    @Test
    void concurrentRequestsWithOneTotpCodeLetExactlyOneIn() throws Exception {
        String user = newUser();
        byte[] seed = enrollApp(user);
        String code = totp(seed, 0);
        List<Verdict> verdicts = concurrently(8, () -> verify(user, code));
        assertEquals(1, verdicts.stream().filter(Verdict::allowed).count(), verdicts.toString());
        assertTrue(verdicts.stream().filter(v -> !v.allowed()).allMatch(v -> v.reason() == Verdict.Reason.REPLAYED_PASSCODE), verdicts.toString());
    }

    @Test
    void concurrentRequestsWithOneSmsCodeLetExactlyOneIn() throws Exception {
        String user = newUser();
        String code = sms.issueBatch(ACTOR, user).codes().get(0);
        List<Verdict> verdicts = concurrently(8, () -> verify(user, code));
        assertEquals(1, verdicts.stream().filter(Verdict::allowed).count(), verdicts.toString());
    }

    @Test
    void concurrentRequestsWithOneTotpCodeThroughTheFacadeLetExactlyOneIn() throws Exception {
        // the facade's way: the attempts that arrive together are decided in one transaction (group commit)
        String user = newUser();
        byte[] seed = enrollApp(user);
        String code = totp(seed, 0);
        List<Verdict> verdicts = concurrently(8, () -> authentication.passcode(ACTOR, user, code).verdict());
        assertEquals(1, verdicts.stream().filter(Verdict::allowed).count(), verdicts.toString());
        assertTrue(verdicts.stream().filter(v -> !v.allowed()).allMatch(v -> v.reason() == Verdict.Reason.REPLAYED_PASSCODE), verdicts.toString());
    }

    @Test
    void concurrentRequestsOfManyUsersThroughTheFacadeEachGetTheirOwnVerdict() throws Exception {
        List<String> names = new ArrayList<>();
        List<byte[]> seeds = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            names.add(newUser());
            seeds.add(enrollApp(names.get(i)));
        }
        List<Callable<Verdict>> calls = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            int u = i % 6;
            boolean right = i < 6; // each user's own code once, then a code that is no code of theirs
            String code = right ? totp(seeds.get(u), 0) : "000000".equals(totp(seeds.get(u), 0)) ? "111111" : "000000";
            calls.add(() -> authentication.passcode(ACTOR, names.get(u), code).verdict());
        }
        List<Verdict> verdicts = new ArrayList<>();
        for (Future<Verdict> f : executor.invokeAll(calls)) {
            verdicts.add(f.get());
        }
        for (int i = 0; i < 12; i++) {
            assertEquals(i < 6, verdicts.get(i).allowed(), i + ": " + verdicts);
        }
        for (String name : names) {
            List<String> results = audit.forUser(name, 10).stream().filter(e -> e.getAction().equals("auth.passcode")).map(e -> e.getResult()).sorted().toList();
            assertEquals(List.of("allow", "deny"), results, name + ": each verdict committed with its audit row");
        }
    }

    @Test
    void aBatchOfPasscodesIsDecidedInOneTransactionAsEachWouldBeAlone() {
        String user = newUser();
        assignRfcToken(user);
        String other = newUser();
        List<Object> outcomes = decisions.decide(List.of(
                new org.twofold.auth.PasscodeDecisions.Attempt(ACTOR, user, Hotp.generate(RFC_SEED, 0, 6)),
                // the next code of the same token: the decision sees the counter the first one moved
                new org.twofold.auth.PasscodeDecisions.Attempt(ACTOR, user, Hotp.generate(RFC_SEED, 1, 6)),
                new org.twofold.auth.PasscodeDecisions.Attempt(ACTOR, user, Hotp.generate(RFC_SEED, 1, 6)),
                new org.twofold.auth.PasscodeDecisions.Attempt(ACTOR, "nobody-" + user, "123456"),
                new org.twofold.auth.PasscodeDecisions.Attempt(ACTOR, other, "123456")));
        assertTrue(((Verdict) outcomes.get(0)).allowed(), outcomes.toString());
        assertTrue(((Verdict) outcomes.get(1)).allowed(), "the token's next code, in the same transaction: " + outcomes);
        assertEquals(Verdict.Reason.INVALID_PASSCODE, ((Verdict) outcomes.get(2)).reason(), "spent, behind the token's counter: " + outcomes);
        assertEquals(ErrorCode.UNKNOWN_USER, ((TwofoldException) outcomes.get(3)).code(), outcomes.toString());
        assertEquals(Verdict.Reason.NO_DEVICE, ((Verdict) outcomes.get(4)).reason(), outcomes.toString());
        // all committed: the audit rows are there, and the counter stays where the batch moved it
        assertEquals(3, audit.forUser(user, 10).stream().filter(e -> e.getAction().equals("auth.passcode")).count());
        assertEquals(1, audit.forUser("nobody-" + user, 10).size(), "the unknown user's refusal committed with the batch");
        assertFalse(verify(user, Hotp.generate(RFC_SEED, 1, 6)).allowed());
        assertTrue(verify(user, Hotp.generate(RFC_SEED, 2, 6)).allowed());
    }

    @Test
    void aTotpCodeIsNotAcceptedTwiceNorOneOlderThanTheLastAccepted() {
        String user = newUser();
        byte[] seed = enrollApp(user);
        // in the middle of a 30 s step, and held there: each code below is judged at that instant
        Instant mid = Instant.ofEpochSecond((Totp.step(Instant.now()) + 1) * Totp.STEP_SECONDS + Totp.STEP_SECONDS / 2);
        PinnedClock.pin(mid);
        try {
            String ahead = totp(seed, 1);
            assertTrue(verify(user, ahead).allowed(), "the next step's code (device clock ahead) is in the window");
            assertEquals(Verdict.Reason.REPLAYED_PASSCODE, verify(user, ahead).reason());
            Verdict older = verify(user, totp(seed, 0));
            assertEquals(Verdict.Reason.REPLAYED_PASSCODE, older.reason(), "a step before the last accepted one");
            assertEquals(Verdict.Reason.INVALID_PASSCODE, verify(user, totp(seed, 5)).reason(), "outside the window");
            assertTrue(verify(user, totp(seed, 2)).allowed(), "two steps ahead: the recorded drift of +1 recentres the ±1 window");
            assertEquals(Verdict.Reason.INVALID_PASSCODE, verify(user, totp(seed, -1)).reason(),
                    "one step behind the clock is outside the window recentred on +1");
        } finally {
            PinnedClock.release();
        }
    }

    @Test
    void hotpTokenAcceptsCodesAheadWithinTheWindowAndResynchronises() {
        String user = newUser();
        String serial = assignRfcToken(user);
        assertTrue(verify(user, "755224").allowed(), "RFC 4226 counter 0");
        assertTrue(verify(user, Hotp.generate(RFC_SEED, 5, 6)).allowed(), "counter 5, within the look-ahead window");
        assertFalse(verify(user, Hotp.generate(RFC_SEED, 3, 6)).allowed(), "a counter behind the last accepted one");
        String far = Hotp.generate(RFC_SEED, 60, 6);
        assertEquals(Verdict.Reason.INVALID_PASSCODE, verify(user, far).reason(), "beyond the window");
        assertFalse(tokens.resynchronize(ACTOR, user, serial, far, Hotp.generate(RFC_SEED, 62, 6)), "not consecutive");
        assertTrue(tokens.resynchronize(ACTOR, user, serial, far, Hotp.generate(RFC_SEED, 61, 6)));
        assertTrue(verify(user, Hotp.generate(RFC_SEED, 62, 6)).allowed(), "the counter after the two resync codes");
        assertFalse(verify(user, Hotp.generate(RFC_SEED, 61, 6)).allowed(), "the resync codes themselves are spent");
    }

    @Test
    void smsBatchCodesAreSingleUseTheHintFollowsAndANewBatchRevokesTheOld() {
        String user = newUser();
        SmsBatch first = sms.issueBatch(ACTOR, user);
        assertEquals(policies.current().smsBatchSize(), first.codes().size());
        assertTrue(first.codes().stream().allMatch(c -> c.matches("[0-9]{7}")));
        assertEquals(String.valueOf(first.codes().get(0).charAt(0)), sms.nextCodeHint(user).orElseThrow());
        assertTrue(verify(user, first.codes().get(0)).allowed());
        assertEquals(Verdict.Reason.REPLAYED_PASSCODE, verify(user, first.codes().get(0)).reason());
        assertEquals(String.valueOf(first.codes().get(1).charAt(0)), sms.nextCodeHint(user).orElseThrow(), "the hint moves on");
        SmsBatch second = sms.issueBatch(ACTOR, user);
        assertEquals(Verdict.Reason.REVOKED_PASSCODE, verify(user, first.codes().get(1)).reason(), "a new batch invalidates the old");
        assertTrue(verify(user, second.codes().get(3)).allowed(), "any unused code of the current batch");
    }

    @Test
    void smsBatchSizeComesFromPolicy() {
        Policy before = policies.current();
        try {
            policies.change(ACTOR, p -> p.with(PolicySetting.SMS_BATCH_SIZE, 3));
            assertEquals(3, sms.issueBatch(ACTOR, newUser()).codes().size());
        } finally {
            policies.change(ACTOR, p -> before);
        }
    }

    @Test
    void selfServiceBypassNeedsTheIdentityProofAndWorksOnce() {
        String user = newUser();
        LocalDate dob = LocalDate.of(1990, 4, 1);
        assertEquals(BypassRefusal.NO_IDENTITY_PROOF, bypass.issueSelfService(ACTOR, user, dob.toString(), IdentityProof.Kind.PIN, "4321").refusal());
        users.setIdentityProof(ACTOR, user, dob, "1234", "4321");
        assertEquals(BypassRefusal.PROOF_MISMATCH, bypass.issueSelfService(ACTOR, user, dob.toString(), IdentityProof.Kind.PIN, "9999").refusal());
        assertEquals(BypassRefusal.PROOF_MISMATCH, bypass.issueSelfService(ACTOR, user, dob.plusDays(1).toString(), IdentityProof.Kind.PIN, "4321").refusal());
        assertEquals(2, users.find(user).orElseThrow().getConsecutiveFailures(), "wrong proofs count toward lockout");

        IssuedBypass first = bypass.issueSelfService(ACTOR, user, dob.toString(), IdentityProof.Kind.PIN, "4321").issued();
        IssuedBypass code = bypass.issueSelfService(ACTOR, user, dob.toString(), IdentityProof.Kind.PIN, "4321").issued();
        assertTrue(code.code().matches("[0-9]{9}"));
        long minutes = java.time.Duration.between(Instant.now(), code.expiresAt()).toMinutes();
        assertTrue(minutes >= policies.current().bypassCodeMinutes() - 1 && minutes <= policies.current().bypassCodeMinutes(), "valid for the policy's minutes");
        assertEquals(Verdict.Reason.REVOKED_PASSCODE, verify(user, first.code()).reason(), "a newer self-service code replaces the older");
        assertTrue(verify(user, code.code()).allowed());
        assertEquals(Verdict.Reason.REPLAYED_PASSCODE, verify(user, code.code()).reason(), "single use");
    }

    @Test
    void aPortalChangeNeedsAFactorProvenWithinPortalStepUpMinutesAndEachRefusalIsAudited() {
        String user = newUser();
        Instant now = Instant.now();
        org.twofold.auth.LoginProof fresh = stepUp.completed(user, "passcode", false);
        stepUp.require(ACTOR, fresh, AuditAction.DEVICE_ENROLL);
        org.twofold.auth.LoginProof remembered = stepUp.completed(user, org.twofold.auth.LoginProof.REMEMBERED_FACTOR, false);
        org.twofold.auth.LoginProof hosted = stepUp.completed(user, "push", true);
        // a factor proven 11 minutes ago (a session that stayed open): older than the default 10
        org.twofold.auth.LoginProof stale = new org.twofold.auth.LoginProof(user, org.twofold.auth.LoginProof.How.FACTOR, now.minusSeconds(11 * 60));
        for (org.twofold.auth.LoginProof proof : List.of(remembered, hosted, stale)) {
            assertEquals(ErrorCode.STEP_UP_REQUIRED, assertThrows(TwofoldException.class, () -> stepUp.require(ACTOR, proof, AuditAction.DEVICE_ENROLL)).code(),
                    proof.toString());
        }
        assertTrue(stepUp.fresh(stepUp.steppedUp(remembered)), "a factor proven again counts");
        org.twofold.auth.LoginProof twoMinutesOld = new org.twofold.auth.LoginProof(user, org.twofold.auth.LoginProof.How.FACTOR, now.minusSeconds(120));
        assertTrue(stepUp.fresh(twoMinutesOld));
        Policy before = policies.current();
        try {
            policies.change(ACTOR, p -> p.with(PolicySetting.PORTAL_STEP_UP_MINUTES, 1));
            assertEquals(ErrorCode.STEP_UP_REQUIRED, assertThrows(TwofoldException.class, () -> stepUp.require(ACTOR, twoMinutesOld, AuditAction.USER_IDENTITY_PROOF)).code(),
                    "at the policy's minimum a two-minute-old factor is stale");
        } finally {
            policies.change(ACTOR, p -> before);
        }
        List<String> refusals = audit.forUser(user, 20).stream().filter(e -> "refused".equals(e.getResult()))
                .map(e -> e.getAction() + " " + e.getReason() + " " + e.getDetail()).toList();
        assertEquals(4, refusals.size(), refusals.toString());
        assertTrue(refusals.stream().allMatch(r -> r.contains("step_up_required")), refusals.toString());
        assertTrue(refusals.stream().anyMatch(r -> r.contains("remembered login, no factor proven in this session")), refusals.toString());
        assertTrue(refusals.stream().anyMatch(r -> r.contains("hosted login")), refusals.toString());
    }

    @Test
    void selfServiceChangesNeedTheirOwnFreshProofAndAPendingDeviceIsAllThatIsAbandonedWithout() {
        String user = newUser();
        String other = newUser();
        Actor person = Actor.user(user, "198.51.100.40");
        enrollApp(user);
        long phone = devices.list(user).get(0).id();
        org.twofold.auth.LoginProof othersFresh = stepUp.completed(other, "passcode", false);
        org.twofold.auth.LoginProof remembered = stepUp.completed(user, org.twofold.auth.LoginProof.REMEMBERED_FACTOR, false);
        for (org.twofold.auth.LoginProof proof : java.util.Arrays.asList(null, othersFresh, remembered)) {
            assertEquals(ErrorCode.STEP_UP_REQUIRED, assertThrows(TwofoldException.class, () -> self.remove(person, proof, phone)).code(), String.valueOf(proof));
            assertFalse(self.mayChange(person, proof), String.valueOf(proof));
        }
        assertEquals(ErrorCode.DEVICE_NOT_FOUND, assertThrows(TwofoldException.class, () -> self.abandon(person, phone)).code(),
                "an active device is not abandoned without the step-up");
        assertEquals(1, devices.list(user).size(), "nothing was removed");
        assertTrue(audit.forUser(user, 20).stream().anyMatch(e -> e.getAction().equals("device.remove") && "step_up_required".equals(e.getReason())),
                "each refusal is audited");

        org.twofold.auth.LoginProof fresh = stepUp.completed(user, "passcode", false);
        assertTrue(self.mayChange(person, fresh));
        self.rename(person, fresh, phone, "Work phone");
        assertEquals("Work phone", devices.list(user).get(0).name());
        DeviceView pending = self.addMobilePhone(person, fresh, "+1 410 555 0177", "Spare");
        self.abandon(Actor.user(user, "198.51.100.40"), pending.id());
        assertEquals(1, devices.list(user).size(), "the device being added was abandoned");
    }

    @Test
    void policyDecidesWhichIdentityProofIsAccepted() {
        String user = newUser();
        LocalDate dob = LocalDate.of(1985, 12, 24);
        users.setIdentityProof(ACTOR, user, dob, "1234", "4321");
        Policy before = policies.current();
        try {
            assertFalse(before.identityProofSsn(), "the SSN's last 4 digits are off by default");
            assertEquals(BypassRefusal.PROOF_NOT_ACCEPTED, bypass.issueSelfService(ACTOR, user, dob.toString(), IdentityProof.Kind.SSN_LAST4, "1234").refusal());
            assertTrue(bypass.issueSelfService(ACTOR, user, dob.toString(), IdentityProof.Kind.PIN, "4321").succeeded());
            policies.change(ACTOR, p -> p.with(PolicySetting.IDENTITY_PROOF_SSN, true));
            assertTrue(bypass.issueSelfService(ACTOR, user, dob.toString(), IdentityProof.Kind.SSN_LAST4, "1234").succeeded(), "an administrator may turn it on");
        } finally {
            policies.change(ACTOR, p -> before);
        }
    }

    @Test
    void aDateOfBirthThatIsNoDateIsRefusedAndAuditedAndCountsNoFailure() {
        String user = newUser();
        users.setIdentityProof(ACTOR, user, LocalDate.of(1990, 4, 1), "1234", "4321");
        for (String typed : List.of("01/04/1990", "1990-13-01", " ", "1990-04-01\u0000")) {
            assertEquals(ErrorCode.INVALID_DATE, assertThrows(TwofoldException.class,
                    () -> bypass.issueSelfService(ACTOR, user, typed, IdentityProof.Kind.PIN, "4321")).code(), typed);
            assertEquals(ErrorCode.INVALID_DATE, assertThrows(TwofoldException.class,
                    () -> users.setPin(ACTOR, user, typed, "5555")).code(), typed);
        }
        assertEquals(0, users.find(user).orElseThrow().getConsecutiveFailures(), "a malformed date proves nothing and is no failure");
        List<AuditEvent> refused = audit.forUser(user, 100).stream().filter(e -> "invalid_date".equals(e.getReason())).toList();
        assertEquals(4, refused.stream().filter(e -> e.getAction().equals("bypass.selfService") && e.getResult().equals("refused")).count(), refused.toString());
        assertEquals(4, refused.stream().filter(e -> e.getAction().equals("user.identityProof") && e.getResult().equals("refused")).count(), refused.toString());
        assertTrue(bypass.issueSelfService(ACTOR, user, " 1990-04-01 ", IdentityProof.Kind.PIN, "4321").succeeded(), "blanks around a date are ignored");
    }

    @Test
    void temporaryPasscodeWorksForItsUsesWithinPolicyLimits() {
        String user = newUser();
        IssuedBypass temp = bypass.issueTemporary(ACTOR, user, 4, 2);
        assertTrue(verify(user, temp.code()).allowed());
        assertTrue(verify(user, temp.code()).allowed());
        assertEquals(Verdict.Reason.REPLAYED_PASSCODE, verify(user, temp.code()).reason());
        int maxUses = policies.current().temporaryPasscodeMaxUses();
        TwofoldException tooMany = assertThrows(TwofoldException.class, () -> bypass.issueTemporary(ACTOR, user, 4, maxUses + 1));
        assertEquals(ErrorCode.INVALID_VALUE, tooMany.code());
        int maxHours = policies.current().temporaryPasscodeMaxHours();
        assertEquals(ErrorCode.INVALID_VALUE, assertThrows(TwofoldException.class, () -> bypass.issueTemporary(ACTOR, user, maxHours + 1, 1)).code());
    }

    @Test
    void consecutiveFailuresLockTheUserAtTheThresholdUntilUnlocked() {
        String user = newUser();
        byte[] seed = enrollApp(user);
        int threshold = policies.current().lockoutThreshold();
        for (int i = 0; i < threshold; i++) {
            assertFalse(verify(user, "000000".equals(totp(seed, 0)) ? "111111" : "000000").allowed());
        }
        assertEquals(UserStatus.LOCKED_OUT, users.find(user).orElseThrow().getStatus());
        assertEquals(Verdict.Reason.LOCKED_OUT, verify(user, totp(seed, 0)).reason(), "even the right code");
        sms.issueBatch(ACTOR, user);
        assertEquals(UserStatus.LOCKED_OUT, users.find(user).orElseThrow().getStatus(), "new codes do not unlock");
        users.unlock(ACTOR, user);
        assertTrue(verify(user, totp(seed, 0)).allowed());
        assertTrue(audit.forUser(user, 100).stream().anyMatch(e -> e.getAction().equals("user.lockout")));
    }

    @Test
    void noMoreThanAHundredFailuresAnHourAreEvaluated() {
        String user = newUser();
        byte[] seed = enrollApp(user);
        Policy before = policies.current();
        try {
            policies.change(ACTOR, p -> p.with(PolicySetting.LOCKOUT_THRESHOLD, 1000));
            String wrong = "000000".equals(totp(seed, 0)) ? "111111" : "000000";
            for (int i = 0; i < 100; i++) {
                assertEquals(Verdict.Reason.INVALID_PASSCODE, verify(user, wrong).reason(), "failure " + (i + 1));
            }
            assertEquals(Verdict.Reason.THROTTLED, verify(user, totp(seed, 0)).reason(), "the 101st attempt is not evaluated");
        } finally {
            policies.change(ACTOR, p -> before);
        }
    }

    @Test
    void aDisabledDeviceIsRefusedAtOnce() {
        String user = newUser();
        byte[] seed = enrollApp(user);
        long id = devices.list(user).get(0).id();
        devices.disable(ACTOR, user, id);
        Verdict v = verify(user, totp(seed, 0));
        assertFalse(v.allowed());
        assertEquals(Verdict.Reason.NO_DEVICE, v.reason());
        assertEquals(ErrorCode.DEVICE_NOT_FOUND, assertThrows(TwofoldException.class, () -> devices.disable(ACTOR, user, 999_999_999L)).code());
    }

    /** A PSKC file (RFC 6030 §4 layout) with one HOTP key at {@code counter} and one of an unknown algorithm. */
    static String pskc(String serial, long counter) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <KeyContainer Version="1.0" xmlns="urn:ietf:params:xml:ns:keyprov:pskc">
                  <KeyPackage>
                    <DeviceInfo><Manufacturer>Acme</Manufacturer><SerialNo>%s</SerialNo></DeviceInfo>
                    <Key Id="k1" Algorithm="urn:ietf:params:xml:ns:keyprov:pskc:hotp">
                      <AlgorithmParameters><ResponseFormat Length="6" Encoding="DECIMAL"/></AlgorithmParameters>
                      <Data>
                        <Secret><PlainValue>MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=</PlainValue></Secret>
                        <Counter><PlainValue>%d</PlainValue></Counter>
                      </Data>
                    </Key>
                  </KeyPackage>
                  <KeyPackage>
                    <DeviceInfo><SerialNo>%s-odd</SerialNo></DeviceInfo>
                    <Key Id="k2" Algorithm="urn:example:not-an-otp">
                      <Data><Secret><PlainValue>MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=</PlainValue></Secret></Data>
                    </Key>
                  </KeyPackage>
                </KeyContainer>
                """.formatted(serial, counter, serial);
    }

    @Test
    void pskcImportTakesEachGoodKeyWithItsCounterAndReportsTheRest() {
        String user = newUser();
        String serial = "PSKC-" + user;
        List<String> report = tokens.importPskc(ACTOR, pskc(serial, 5), null);
        assertTrue(report.contains("imported " + serial + " (hotp, 6 digits)"), report.toString());
        assertTrue(report.stream().anyMatch(l -> l.startsWith("refused k2")), report.toString());
        assertTrue(tokens.importPskc(ACTOR, pskc(serial, 5), null).contains("refused " + serial + ": already imported"));
        tokens.assign(ACTOR, user, serial);
        assertFalse(verify(user, Hotp.generate(RFC_SEED, 2, 6)).allowed(), "the token arrived at counter 5");
        assertTrue(verify(user, Hotp.generate(RFC_SEED, 5, 6)).allowed());
    }

    @Test
    void disablingALostPhoneRevokesTheSmsPasscodesAlreadyTextedToIt() {
        String user = newUser();
        DeviceView phone = enrollment.enrollPhone(ACTOR, user, "+44 20 7946 0958", "Mobile");
        String texted = sms.issueBatch(ACTOR, user).codes().get(0);
        devices.disable(ACTOR, user, phone.id());
        assertEquals(Verdict.Reason.REVOKED_PASSCODE, verify(user, texted).reason());
    }

    @Test
    void turningSmsOffStopsBatchesAndTheCodesAlreadySent() {
        String user = newUser();
        String texted = sms.issueBatch(ACTOR, user).codes().get(0);
        Policy before = policies.current();
        try {
            policies.change(ACTOR, p -> p.with(PolicySetting.ALLOWED_FACTORS, java.util.EnumSet.of(Factor.PUSH, Factor.PHONE, Factor.PASSCODE)));
            assertEquals(ErrorCode.FACTOR_NOT_ALLOWED, assertThrows(TwofoldException.class, () -> sms.issueBatch(ACTOR, user)).code());
            assertFalse(verify(user, texted).allowed());
        } finally {
            policies.change(ACTOR, p -> before);
        }
        assertTrue(verify(user, texted).allowed(), "and work again when SMS is allowed again");
    }

    @Test
    void aTokenIsAssignedToOneUserOnly() {
        String first = newUser();
        String second = newUser();
        String serial = "ONE-" + first;
        tokens.importToken(ACTOR, serial, "totp", Base32.encode(RFC_SEED), 6);
        tokens.assign(ACTOR, first, serial);
        assertEquals(ErrorCode.TOKEN_ASSIGNED, assertThrows(TwofoldException.class, () -> tokens.assign(ACTOR, second, serial)).code());
    }

    @Test
    void wrongResyncCodesCountAsFailuresAndALockedUserCannotResync() {
        String user = newUser();
        String serial = "RS-" + user;
        tokens.importToken(ACTOR, serial, "hotp", Base32.encode(RFC_SEED), 6);
        tokens.assign(ACTOR, user, serial);
        assertFalse(tokens.resynchronize(ACTOR, user, serial, "000000", "111111"));
        assertEquals(1, users.find(user).orElseThrow().getConsecutiveFailures());
        users.setStatus(ACTOR, user, "locked_out");
        assertFalse(tokens.resynchronize(ACTOR, user, serial, Hotp.generate(RFC_SEED, 40, 6), Hotp.generate(RFC_SEED, 41, 6)));
    }

    @Test
    void aLockedUserGetsTheSameAnswerWhateverThePassword() {
        String user = newUser();
        users.setPassword(ACTOR, user, "right-password".toCharArray());
        users.setStatus(ACTOR, user, "locked_out");
        assertEquals(Verdict.Reason.LOCKED_OUT, primaryLogin.verify(user, "right-password".toCharArray(), "127.0.0.1").reason());
        assertEquals(Verdict.Reason.LOCKED_OUT, primaryLogin.verify(user, "wrong-password".toCharArray(), "127.0.0.1").reason());
    }

    @Test
    void aSelfServiceRequestMustSayWhichProofItBrings() {
        String user = newUser();
        assertEquals(ErrorCode.MISSING_FIELD, assertThrows(TwofoldException.class,
                () -> bypass.issueSelfService(ACTOR, user, "1990-01-01", null, "1234")).code());
    }

    @Test
    void devicesAreIndexedPerFactorInEnrollmentOrderAndShownMasked() {
        String user = newUser();
        enrollApp(user);
        enrollment.enrollAuthenticatorApp(ACTOR, user, DeviceKind.TABLET, null, "iPad");
        DeviceView mobile = enrollment.enrollPhone(ACTOR, user, "(410) 555-1311", "Mobile");
        DeviceView desk = enrollment.enrollLandline(ACTOR, user, "410.555.7788", "1234", "Desk");
        assertEquals("XXX-XXX-1311", mobile.maskedNumber());
        assertEquals("Desk (XXX-XXX-7788)", desk.label());
        assertEquals("1234", desk.extension());
        assertEquals("iPad", devices.select(user, Factor.PUSH, 2).orElseThrow().name(), "push2 = second push-capable device");
        assertEquals("Mobile", devices.select(user, Factor.PHONE, 2).orElseThrow().name(), "phone2");
        assertEquals("Desk", devices.select(user, Factor.PHONE, 3).orElseThrow().name(), "phone3");
        assertTrue(devices.select(user, Factor.SMS, 3).isEmpty(), "a landline takes no texts");
        devices.disable(ACTOR, user, devices.select(user, Factor.PUSH, 2).orElseThrow().id());
        assertTrue(devices.select(user, Factor.PUSH, 2).isEmpty(), "a disabled device is skipped");
        assertEquals(4, devices.list(user).size());
    }

    @Test
    void bypassStatusSkipsTheSecondFactorAndIsAudited() {
        String user = newUser();
        users.setStatus(ACTOR, user, "bypass");
        Verdict v = verify(user, "123456");
        assertTrue(v.allowed());
        assertEquals(Verdict.Reason.BYPASS_USER, v.reason());
        assertTrue(audit.forUser(user, 10).stream().anyMatch(e -> e.getAction().equals("user.status") && e.getDetail().contains("active → bypass")));
    }

    /**
     * Duo's {@code /auth/v2/enroll} in the domain: refused while ApiEnrollment is off (the default),
     * a validity beyond a day or of nothing refused, nothing created by a refusal; then a new user
     * with a smartphone whose number is unknown (push and passcodes, no calls or texts), pending
     * until the link's first code; the link's state follows, for that user only.
     */
    @Test
    void anIntegrationEnrollsANewUserOnlyWhilePolicyAllowsAndTheLinkTellsWhereItStands() {
        String name = "n" + Long.toString(Math.abs(RANDOM.nextLong()) % 1_000_000_000L, 36);
        assertEquals(false, policies.current().apiEnrollment(), "off by default");
        assertEquals(ErrorCode.NOT_PERMITTED, assertThrows(TwofoldException.class,
                () -> enrollment.inviteNewUser(ACTOR, name, java.time.Duration.ofHours(1))).code());
        Policy before = policies.current();
        try {
            policies.change(ACTOR, p -> p.with(PolicySetting.API_ENROLLMENT, true));
            assertEquals(ErrorCode.INVALID_VALUE, assertThrows(TwofoldException.class,
                    () -> enrollment.inviteNewUser(ACTOR, name, java.time.Duration.ofSeconds(86_401))).code());
            assertEquals(ErrorCode.INVALID_VALUE, assertThrows(TwofoldException.class,
                    () -> enrollment.inviteNewUser(ACTOR, name, java.time.Duration.ZERO)).code());
            assertTrue(users.find(name).isEmpty(), "a refusal creates no user");

            Enrollment.UserInvitation invited = enrollment.inviteNewUser(ACTOR, name, java.time.Duration.ofMinutes(10));
            assertEquals(name, invited.username());
            assertTrue(invited.link().endsWith("activate?code=" + invited.code()), invited.link());
            assertEquals(Enrollment.LinkState.WAITING, enrollment.linkState(name, invited.code()));
            assertEquals(Enrollment.LinkState.INVALID, enrollment.linkState(newUser(), invited.code()), "another user's");
            DeviceView phone = devices.list(name).get(0);
            assertEquals(org.twofold.device.DeviceState.PENDING, phone.state());
            assertEquals(null, phone.maskedNumber());
            assertTrue(phone.push() && phone.passcodes(), phone.toString());
            assertFalse(phone.phoneCall() || phone.sms(), "nothing to call or text: " + phone);
            assertEquals(ErrorCode.USER_EXISTS, assertThrows(TwofoldException.class,
                    () -> enrollment.inviteNewUser(ACTOR, name, java.time.Duration.ofMinutes(10))).code());

            byte[] seed = Base32.decode(enrollment.openLink(invited.code()).orElseThrow().secret());
            assertTrue(enrollment.activateByLink(ACTOR, invited.code(), totp(seed, 0)));
            assertEquals(Enrollment.LinkState.ACTIVATED, enrollment.linkState(name, invited.code()));
            assertEquals(Enrollment.LinkState.INVALID, enrollment.linkState(name, invited.code().substring(1) + "A"));
        } finally {
            policies.change(ACTOR, p -> before);
        }
    }

    @Test
    void anInvalidPolicyChangeIsRefusedAndChangesNothing() {
        Policy before = policies.current();
        TwofoldException e = assertThrows(TwofoldException.class, () -> policies.change(ACTOR, p -> p.with(PolicySetting.SMS_BATCH_SIZE, 11)));
        assertTrue(e.getMessage().contains("SmsBatchSize"), e.getMessage());
        assertEquals(before, policies.current());
    }

    @Test
    void aRememberedBrowserIsTrustedForItsUserAndApplicationUntilForgotten() {
        String user = newUser();
        String token = browsers.remember(ACTOR, user, "portal").orElseThrow();
        assertTrue(browsers.isRemembered(user, "portal", token));
        assertFalse(browsers.isRemembered(user, "vpn", token), "another application");
        assertFalse(browsers.isRemembered(user, "portal", token + "x"), "another token");
        assertEquals(1, browsers.forgetAll(ACTOR, user));
        assertFalse(browsers.isRemembered(user, "portal", token));
    }

    @Test
    void aSecurityKeyCeremonyIsAnsweredOnlyByItsUserWhileLiveAndAForgedAnswerCountsAsAFailure() {
        String user = newUser();
        String other = newUser();
        org.twofold.TwofoldException none = assertThrows(org.twofold.TwofoldException.class, () -> authentication.securityKeyOptions(ACTOR, user));
        assertEquals(org.twofold.ErrorCode.NO_CAPABLE_DEVICE, none.code(), "no key, nothing to start");

        Instant now = Instant.now();
        org.twofold.webauthn.Ceremony foreign = new org.twofold.webauthn.Ceremony(org.twofold.webauthn.Ceremony.Purpose.AUTHENTICATION, other,
                new byte[32], null, now, "{}");
        org.twofold.webauthn.Ceremony expired = new org.twofold.webauthn.Ceremony(org.twofold.webauthn.Ceremony.Purpose.AUTHENTICATION, user,
                new byte[32], null, now.minus(java.time.Duration.ofMinutes(3)), "{}");
        org.twofold.webauthn.Ceremony registration = new org.twofold.webauthn.Ceremony(org.twofold.webauthn.Ceremony.Purpose.REGISTRATION, user,
                new byte[32], new byte[32], now, "{}");
        String forged = "{\"id\":\"AAAA\",\"rawId\":\"AAAA\",\"type\":\"public-key\"}";
        assertFalse(authentication.securityKey(ACTOR, user, foreign, forged).allowed(), "another user's ceremony");
        assertFalse(authentication.securityKey(ACTOR, user, expired, forged).allowed(), "an expired ceremony");
        assertFalse(authentication.securityKey(ACTOR, user, registration, forged).allowed(), "a registration answers no login");
        assertEquals(0, users.find(user).orElseThrow().getConsecutiveFailures(), "the person's key did not fail: nothing counted");

        org.twofold.webauthn.Ceremony live = new org.twofold.webauthn.Ceremony(org.twofold.webauthn.Ceremony.Purpose.AUTHENTICATION, user,
                new byte[32], null, now, "{}");
        assertFalse(authentication.securityKey(ACTOR, user, live, forged).allowed());
        assertEquals(1, users.find(user).orElseThrow().getConsecutiveFailures(), "a forged answer counts toward lockout");
        List<String> reasons = audit.forUser(user, 20).stream().filter(e -> e.getAction().equals("auth.securityKey")).map(AuditEvent::getReason).toList();
        assertTrue(reasons.containsAll(List.of("foreign_ceremony", "expired_ceremony", "malformed")), reasons.toString());

        // registering: only with the step-up, and an expired ceremony is refused and audited
        org.twofold.auth.LoginProof proof = stepUp.completed(user, "passcode", false);
        org.twofold.webauthn.Ceremony oldRegistration = new org.twofold.webauthn.Ceremony(org.twofold.webauthn.Ceremony.Purpose.REGISTRATION, user,
                new byte[32], new byte[32], now.minus(java.time.Duration.ofMinutes(3)), "{}");
        org.twofold.TwofoldException refused = assertThrows(org.twofold.TwofoldException.class,
                () -> self.addSecurityKey(Actor.user(user, "127.0.0.1"), proof, oldRegistration, forged, "Key"));
        assertEquals(org.twofold.ErrorCode.SECURITY_KEY_REFUSED, refused.code());
        assertTrue(audit.forUser(user, 20).stream().anyMatch(e -> e.getAction().equals("device.securityKey") && "expired_ceremony".equals(e.getReason())));
        assertTrue(devices.list(user).isEmpty(), "nothing added");
    }

    @Test
    void onlyANewUserUnderEnrollAddsAFirstDeviceWithoutAFactorAndIsLetInOnlyOnceItIsConfirmed() {
        String user = newUser();
        Actor person = Actor.user(user, "127.0.0.1");
        assertEquals(org.twofold.auth.FirstLogin.Next.ENROLL, firstLogin.afterPassword(person));
        org.twofold.auth.FirstLogin.Started app = firstLogin.begin(org.twofold.auth.EnrollmentPass.password(person), org.twofold.auth.FirstDeviceKind.APP, null, null);
        byte[] seed = Base32.decode(app.secret());
        assertFalse(firstLogin.confirm(person, app.deviceId(), totp(seed, 5)).allowed(), "a code the app does not show now");
        assertEquals(1, users.find(user).orElseThrow().getConsecutiveFailures(), "counted toward lockout");
        Verdict in = firstLogin.confirm(person, app.deviceId(), totp(seed, 0));
        assertTrue(in.allowed());
        assertEquals(org.twofold.auth.FirstLogin.FACTOR, in.factor());

        // now a user with a device: the first-login way is closed, whatever a page asks
        assertEquals(org.twofold.auth.FirstLogin.Next.SECOND_FACTOR, firstLogin.afterPassword(person));
        org.twofold.auth.EnrollmentPass again = org.twofold.auth.EnrollmentPass.password(person);
        for (Runnable attempt : List.<Runnable>of(() -> firstLogin.begin(again, org.twofold.auth.FirstDeviceKind.APP, null, null),
                () -> firstLogin.begin(again, org.twofold.auth.FirstDeviceKind.MOBILE_PHONE, "+1 410 555 0166", null),
                () -> firstLogin.begin(again, org.twofold.auth.FirstDeviceKind.LANDLINE, "+1 410 555 0167", null),
                () -> firstLogin.beginSecurityKey(person))) {
            assertEquals(org.twofold.ErrorCode.NOT_PERMITTED, assertThrows(org.twofold.TwofoldException.class, attempt::run).code());
        }
        assertEquals(1, devices.list(user).size(), "nothing added");
        assertTrue(audit.forUser(user, 30).stream().anyMatch(e -> "not_a_new_user".equals(e.getReason())), "refusals audited");

        // deny: refused, and nothing may be added; allow: let in, and still nothing may be added here
        String other = newUser();
        Actor newcomer = Actor.user(other, "127.0.0.1");
        Policy before = policies.current();
        try {
            policies.change(ACTOR, p -> p.with(PolicySetting.NEW_USER_POLICY, org.twofold.policy.NewUserPolicy.DENY));
            assertEquals(org.twofold.auth.FirstLogin.Next.DENIED, firstLogin.afterPassword(newcomer));
            assertEquals(org.twofold.ErrorCode.NOT_PERMITTED,
                    assertThrows(org.twofold.TwofoldException.class,
                            () -> firstLogin.begin(org.twofold.auth.EnrollmentPass.password(newcomer), org.twofold.auth.FirstDeviceKind.APP, null, null)).code());
            assertEquals(org.twofold.auth.PreauthAnswer.Result.DENY, authentication.preauth(ACTOR, other).result());
            policies.change(ACTOR, p -> p.with(PolicySetting.NEW_USER_POLICY, org.twofold.policy.NewUserPolicy.ALLOW));
            assertEquals(org.twofold.auth.FirstLogin.Next.ALLOWED, firstLogin.afterPassword(newcomer));
            assertEquals(org.twofold.auth.PreauthAnswer.Result.ALLOW, authentication.preauth(ACTOR, other).result());
            assertEquals(org.twofold.ErrorCode.NOT_PERMITTED,
                    assertThrows(org.twofold.TwofoldException.class,
                            () -> firstLogin.begin(org.twofold.auth.EnrollmentPass.password(newcomer), org.twofold.auth.FirstDeviceKind.APP, null, null)).code());
            assertTrue(devices.list(other).isEmpty());
        } finally {
            policies.change(ACTOR, p -> before);
        }
    }

    @Test
    void anActivationLinkAddsAFirstLoginKindOnlyOnceVerifiedAndWrongCodesUseItsAttemptsUp() {
        String user = newUser();
        Enrollment.SmartphoneInvitation invitation = enrollment.inviteSmartphone(ACTOR, user, "+1 410 555 0168", "iPhone");
        String code = invitation.link().substring(invitation.link().indexOf("code=") + 5);
        // an address of its own: these failures count toward no other test's source
        org.twofold.auth.EnrollmentPass pass = org.twofold.auth.EnrollmentPass.link(code, "198.51.100.71");
        assertEquals(List.of(org.twofold.auth.FirstDeviceKind.values()), firstLogin.kinds(pass), "every first-login kind");
        org.twofold.auth.FirstLogin.Started app = firstLogin.begin(pass, org.twofold.auth.FirstDeviceKind.APP, null, null);
        byte[] seed = Base32.decode(app.secret());
        for (int i = 0; i < 4; i++) {
            assertFalse(firstLogin.confirm(pass, app.deviceId(), totp(seed, 5)).allowed(), "a code the app does not show now");
        }
        assertEquals(4, users.find(user).orElseThrow().getConsecutiveFailures(), "each counted toward lockout");
        assertTrue(firstLogin.confirm(pass, app.deviceId(), totp(seed, 0)).allowed());
        assertEquals(Enrollment.LinkState.ACTIVATED, enrollment.linkState(user, code), "the link names the device it activated");
        List<org.twofold.device.DeviceView> now = devices.list(user);
        assertEquals(List.of(app.deviceId()), now.stream().map(org.twofold.device.DeviceView::id).toList(), "the invited smartphone is gone");
        assertEquals(org.twofold.device.DeviceState.ACTIVE, now.get(0).state());
        assertEquals(org.twofold.ErrorCode.ACTIVATION_INVALID, assertThrows(org.twofold.TwofoldException.class,
                () -> firstLogin.begin(pass, org.twofold.auth.FirstDeviceKind.APP, null, null)).code(), "a link is used once");

        // five wrong codes under a link void it, whatever comes next
        String other = newUser();
        Enrollment.SmartphoneInvitation second = enrollment.inviteSmartphone(ACTOR, other, "+1 410 555 0169", "iPhone");
        org.twofold.auth.EnrollmentPass pass2 = org.twofold.auth.EnrollmentPass.link(second.link().substring(second.link().indexOf("code=") + 5), "198.51.100.72");
        org.twofold.auth.FirstLogin.Started app2 = firstLogin.begin(pass2, org.twofold.auth.FirstDeviceKind.APP, null, null);
        byte[] seed2 = Base32.decode(app2.secret());
        for (int i = 0; i < 5; i++) {
            assertFalse(firstLogin.confirm(pass2, app2.deviceId(), totp(seed2, 5)).allowed());
        }
        assertEquals(org.twofold.ErrorCode.ACTIVATION_INVALID, assertThrows(org.twofold.TwofoldException.class,
                () -> firstLogin.confirm(pass2, app2.deviceId(), totp(seed2, 0))).code(), "voided");
        assertTrue(devices.list(other).stream().noneMatch(d -> d.state() == org.twofold.device.DeviceState.ACTIVE), "nothing active");
    }

    @Test
    void theAuditTrailNeverHoldsACode() {
        String user = newUser();
        byte[] seed = enrollApp(user);
        String code = totp(seed, 0);
        verify(user, code);
        String sms0 = sms.issueBatch(ACTOR, user).codes().get(0);
        verify(user, sms0);
        for (AuditEvent e : audit.forUser(user, 100)) {
            assertFalse(e.toString().contains(code) || e.toString().contains(sms0), e.toString());
        }
    }
}
