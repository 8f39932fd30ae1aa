package org.twofold.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;
import org.twofold.policy.Factor;

class PolicyTest {
    private static final Set<Factor> ALL_BUT_AUTO = EnumSet.of(Factor.PUSH, Factor.PHONE, Factor.SMS, Factor.PASSCODE);

    /** Each numeric attribute: JMX name and its documented bounds. */
    static Stream<Arguments> numericAttributes() {
        return Stream.of(
                Arguments.of("SmsBatchSize", 1, 10),
                Arguments.of("SmsCodeLifetimeHours", 1, 720),
                Arguments.of("SmsSendsPerNumber", 1, 100),
                Arguments.of("SmsSendWindowMinutes", 1, 1440),
                Arguments.of("BypassCodeMinutes", 1, 1440),
                Arguments.of("TemporaryPasscodeMaxHours", 1, 720),
                Arguments.of("TemporaryPasscodeMaxUses", 1, 100),
                Arguments.of("RememberMeHours", 0, 720),
                Arguments.of("LockoutThreshold", 1, 1000),
                Arguments.of("PushTimeoutSeconds", 10, 600),
                Arguments.of("CallTimeoutSeconds", 10, 600),
                Arguments.of("HotpWindow", 1, 100),
                Arguments.of("PushUnansweredMax", 1, 20),
                Arguments.of("PushUnansweredWindowMinutes", 1, 1440),
                Arguments.of("PushPauseAfterFraudMinutes", 0, 1440),
                Arguments.of("PushesPerWindow", 1, 1000),
                Arguments.of("PushWindowMinutes", 1, 1440),
                Arguments.of("CallsPerWindow", 1, 1000),
                Arguments.of("CallWindowMinutes", 1, 1440),
                Arguments.of("CallPauseAfterFraudMinutes", 0, 1440),
                Arguments.of("PortalStepUpMinutes", 1, 1440),
                Arguments.of("RadiusWaitSeconds", 5, 600));
    }

    private static PolicySetting setting(String attribute) {
        return PolicySetting.byAttribute(attribute).orElseThrow(() -> new AssertionError("no setting " + attribute));
    }

    private static int get(Policy p, String attribute) {
        return (Integer) p.value(setting(attribute));
    }

    private static Policy with(Policy p, String attribute, int value) {
        return p.with(setting(attribute), value);
    }

    @Test
    void everyIntegerSettingOfTheTableIsTestedHere() {
        assertEquals(numericAttributes().map(a -> a.get()[0]).collect(java.util.stream.Collectors.toSet()),
                java.util.Arrays.stream(PolicySetting.values()).filter(x -> x.type() == PolicySetting.Type.INTEGER).map(PolicySetting::attribute)
                        .collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        Policy p = Policy.defaults();
        assertEquals(10, p.smsBatchSize());
        assertEquals(24, p.smsCodeLifetimeHours());
        assertEquals(5, p.smsSendsPerNumber());
        assertEquals(10, p.smsSendWindowMinutes());
        assertEquals(10, p.bypassCodeMinutes());
        assertEquals(72, p.temporaryPasscodeMaxHours());
        assertEquals(10, p.temporaryPasscodeMaxUses());
        assertEquals(8, p.rememberMeHours());
        assertEquals(10, p.lockoutThreshold());
        assertEquals(60, p.pushTimeoutSeconds());
        assertEquals(60, p.callTimeoutSeconds());
        assertTrue(p.verifiedPush());
        assertEquals(ALL_BUT_AUTO, p.allowedFactors());
        assertEquals(10, p.hotpWindow());
        assertTrue(p.identityProofPin());
        assertFalse(p.identityProofSsn(), "the SSN's last 4 digits are no secret: off unless an administrator turns them on");
        assertEquals(3, p.pushUnansweredMax());
        assertEquals(10, p.pushUnansweredWindowMinutes());
        assertEquals(60, p.pushPauseAfterFraudMinutes());
        assertEquals(10, p.pushesPerWindow());
        assertEquals(60, p.pushWindowMinutes());
        assertEquals(5, p.callsPerWindow());
        assertEquals(60, p.callWindowMinutes());
        assertEquals(60, p.callPauseAfterFraudMinutes());
        assertEquals(10, p.portalStepUpMinutes());
    }

    @ParameterizedTest(name = "{0} accepts {1} and {2}")
    @MethodSource("numericAttributes")
    void acceptsEachBoundAtItsEdges(String name, int min, int max) {
        assertEquals(min, get(with(Policy.defaults(), name, min), name));
        assertEquals(max, get(with(Policy.defaults(), name, max), name));
    }

    @ParameterizedTest(name = "{0} refuses {1} - 1 and {2} + 1")
    @MethodSource("numericAttributes")
    void refusesJustOutsideEachBoundNamingTheAttribute(String name, int min, int max) {
        String message = name + " must be between " + min + " and " + max;
        for (int value : new int[] {min - 1, max + 1, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
            TwofoldException e = assertThrows(TwofoldException.class, () -> with(Policy.defaults(), name, value),
                    name + " = " + value);
            assertEquals(ErrorCode.INVALID_VALUE, e.code());
            assertEquals(message, e.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("numericAttributes")
    void withLeavesTheOriginalUnchangedAndChangesOnlyItsAttribute(String name, int min, int max) {
        Policy before = Policy.defaults();
        int value = get(before, name) == min ? max : min;
        Policy after = with(before, name, value);
        assertEquals(Policy.defaults(), before);
        assertEquals(value, get(after, name));
        assertEquals(name + " " + get(before, name) + " → " + value, after.changesFrom(before));
    }

    @Test
    void booleanAndFactorWithersLeaveTheOriginalUnchanged() {
        Policy before = Policy.defaults();
        assertFalse(before.with(PolicySetting.VERIFIED_PUSH, false).verifiedPush());
        assertFalse(before.with(PolicySetting.IDENTITY_PROOF_SSN, true).with(PolicySetting.IDENTITY_PROOF_PIN, false).identityProofPin());
        assertTrue(before.with(PolicySetting.IDENTITY_PROOF_SSN, true).identityProofSsn());
        assertEquals(Set.of(Factor.PASSCODE), before.with(PolicySetting.ALLOWED_FACTORS, Set.of(Factor.PASSCODE)).allowedFactors());
        assertEquals(Policy.defaults(), before);
        assertEquals("VerifiedPush true → false", before.with(PolicySetting.VERIFIED_PUSH, false).changesFrom(before));
        Policy ssnOnly = before.with(PolicySetting.IDENTITY_PROOF_SSN, true).with(PolicySetting.IDENTITY_PROOF_PIN, false);
        assertEquals("IdentityProofPin true → false, IdentityProofSsn false → true", ssnOnly.changesFrom(before));
        assertEquals("IdentityProofSsn false → true", before.with(PolicySetting.IDENTITY_PROOF_SSN, true).changesFrom(before));
    }

    @Test
    void newUserPolicyIsEnrollByDefaultAndTakesOnlyItsThreeWords() {
        assertEquals(NewUserPolicy.ENROLL, Policy.defaults().newUserPolicy());
        PolicySetting s = PolicySetting.NEW_USER_POLICY;
        assertEquals("java.lang.String", s.jmxType());
        assertEquals("enroll, deny, allow", s.bounds());
        assertEquals(NewUserPolicy.DENY, Policy.defaults().with(s, "deny").newUserPolicy());
        assertEquals(NewUserPolicy.ALLOW, Policy.defaults().with(s, " ALLOW ").newUserPolicy());
        assertEquals(NewUserPolicy.DENY, Policy.defaults().with(s, NewUserPolicy.DENY).newUserPolicy());
        assertEquals("NewUserPolicy enroll → deny", Policy.defaults().with(s, "deny").changesFrom(Policy.defaults()));
        assertEquals(NewUserPolicy.ALLOW, Policy.stored(java.util.Map.of("NewUserPolicy", "allow")).newUserPolicy());
        for (Object bad : new Object[] {"", "skip", "enrol", null, 1, true, org.twofold.policy.Factor.PUSH}) {
            TwofoldException e = assertThrows(TwofoldException.class, () -> Policy.defaults().with(s, bad), String.valueOf(bad));
            assertEquals(ErrorCode.INVALID_VALUE, e.code());
            assertEquals("NewUserPolicy must be one of enroll, deny, allow", e.getMessage());
        }
    }

    @Test
    void securityKeyModelsAreAnyByDefaultAndOnlyAaguids() {
        PolicySetting s = PolicySetting.SECURITY_KEY_MODELS;
        assertEquals(java.util.List.of(), Policy.defaults().securityKeyModels());
        assertEquals("", Policy.defaults().text(s));
        Policy two = Policy.defaults().with(s, " CB69481E-8FF7-4039-93EC-0A2729A154A8 ,08987058-cadc-4b81-b6e1-30de50dcbe96,cb69481e-8ff7-4039-93ec-0a2729a154a8,");
        assertEquals(java.util.List.of("08987058-cadc-4b81-b6e1-30de50dcbe96", "cb69481e-8ff7-4039-93ec-0a2729a154a8"), two.securityKeyModels());
        assertEquals(two, Policy.stored(java.util.Map.of("SecurityKeyModels", two.text(s))));
        assertEquals(java.util.List.of(), two.with(s, "").securityKeyModels(), "empty again: any model");
        for (Object bad : new Object[] {"yubikey", "cb69481e-8ff7-4039-93ec", "cb69481e8ff7403993ec0a2729a154a8", null, 7}) {
            TwofoldException e = assertThrows(TwofoldException.class, () -> Policy.defaults().with(s, bad), String.valueOf(bad));
            assertEquals(ErrorCode.INVALID_VALUE, e.code());
        }
    }

    @Test
    void refusesTurningOffBothIdentityProofs() {
        TwofoldException e = assertThrows(TwofoldException.class, () -> Policy.defaults().with(PolicySetting.IDENTITY_PROOF_PIN, false));
        assertEquals(ErrorCode.INVALID_VALUE, e.code());
        assertEquals("IdentityProofPin and IdentityProofSsn cannot both be false", e.getMessage());
        assertTrue(Policy.defaults().with(PolicySetting.IDENTITY_PROOF_SSN, true).with(PolicySetting.IDENTITY_PROOF_PIN, false).identityProofSsn());
    }

    @Test
    void allowedFactorsAreUnmodifiable() {
        Set<Factor> factors = Policy.defaults().allowedFactors();
        assertThrows(UnsupportedOperationException.class, () -> factors.add(Factor.AUTO));
        assertThrows(UnsupportedOperationException.class, () -> factors.remove(Factor.PUSH));
        assertThrows(UnsupportedOperationException.class, factors::clear);
    }

    @Test
    void allowedFactorsAreCopiedFromTheCallersSet() {
        Set<Factor> mine = EnumSet.of(Factor.PUSH, Factor.SMS);
        Policy policy = Policy.defaults().with(PolicySetting.ALLOWED_FACTORS, mine);
        mine.add(Factor.PHONE);
        mine.remove(Factor.PUSH);
        assertEquals(EnumSet.of(Factor.PUSH, Factor.SMS), policy.allowedFactors());
    }

    @Test
    void refusesNoAllowedFactor() {
        assertFactorsRefused(null);
        assertFactorsRefused(Set.of());
        assertFactorsRefused(EnumSet.noneOf(Factor.class));
    }

    @Test
    void refusesAutoAsAnAllowedFactor() {
        assertFactorsRefused(Set.of(Factor.AUTO));
        assertFactorsRefused(EnumSet.of(Factor.PUSH, Factor.AUTO));
    }

    @Test
    void refusesANullAllowedFactor() {
        Set<Factor> withNull = new HashSet<>();
        withNull.add(Factor.PUSH);
        withNull.add(null);
        assertFactorsRefused(withNull);
    }

    private static void assertFactorsRefused(Set<Factor> factors) {
        TwofoldException e = assertThrows(TwofoldException.class, () -> Policy.defaults().with(PolicySetting.ALLOWED_FACTORS, factors));
        assertEquals(ErrorCode.INVALID_VALUE, e.code());
        assertEquals("AllowedFactors must name at least one of push, phone, sms, passcode", e.getMessage());
    }

    @Test
    void parsesFactorLists() {
        assertEquals(EnumSet.of(Factor.PUSH, Factor.SMS), Policy.parseFactors("push, sms"));
        assertEquals(EnumSet.of(Factor.PUSH, Factor.SMS), Policy.parseFactors("SMS,Push,push"));
        assertEquals(EnumSet.of(Factor.PASSCODE), Policy.parseFactors(" passcode "));
        assertEquals(ALL_BUT_AUTO, Policy.parseFactors("push,phone,sms,passcode"));
        assertEquals(EnumSet.of(Factor.PUSH, Factor.SMS), Policy.parseFactors("push,,sms,"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", " , "})
    void parsesBlankFactorListAsEmpty(String csv) {
        assertEquals(Set.of(), Policy.parseFactors(csv));
    }

    @Test
    void parsesAutoSoThatThePolicyCanRefuseIt() {
        Set<Factor> factors = Policy.parseFactors("push, auto");
        assertEquals(EnumSet.of(Factor.PUSH, Factor.AUTO), factors);
        assertFactorsRefused(factors);
    }

    @ParameterizedTest
    @ValueSource(strings = {"push, call", "push;sms", "voice"})
    void refusesUnknownFactorInListAsInvalidValue(String csv) {
        TwofoldException e = assertThrows(TwofoldException.class, () -> Policy.parseFactors(csv));
        assertEquals(ErrorCode.INVALID_VALUE, e.code());
    }

    @Test
    void allowedFactorsTextListsKeywordsInDeclarationOrder() {
        assertEquals("push,phone,sms,passcode", Policy.defaults().allowedFactorsText());
        Set<Factor> reversed = new java.util.LinkedHashSet<>(java.util.List.of(Factor.PASSCODE, Factor.SMS, Factor.PUSH));
        assertEquals("push,sms,passcode", Policy.defaults().with(PolicySetting.ALLOWED_FACTORS, reversed).allowedFactorsText());
    }

    @Test
    void allowedFactorsTextParsesBackToTheSameFactors() {
        Policy policy = Policy.defaults().with(PolicySetting.ALLOWED_FACTORS, Policy.parseFactors("sms, phone"));
        assertEquals(policy.allowedFactors(), Policy.parseFactors(policy.allowedFactorsText()));
    }

    @Test
    void noChangeIsDescribedAsEmpty() {
        assertEquals("", Policy.defaults().changesFrom(Policy.defaults()));
        assertEquals("", Policy.defaults().with(PolicySetting.SMS_BATCH_SIZE, 10).changesFrom(Policy.defaults()));
    }

    @Test
    void describesChangedAttributesInAttributeOrder() {
        Policy before = Policy.defaults();
        Policy after = before.with(PolicySetting.VERIFIED_PUSH, false).with(PolicySetting.SMS_BATCH_SIZE, 5);
        assertEquals("SmsBatchSize 10 → 5, VerifiedPush true → false", after.changesFrom(before));
        assertEquals("SmsBatchSize 5 → 10, VerifiedPush false → true", before.changesFrom(after));
    }

    @Test
    void describesAllowedFactorsByTheirKeywords() {
        Policy before = Policy.defaults();
        Policy after = before.with(PolicySetting.ALLOWED_FACTORS, Set.of(Factor.PASSCODE, Factor.PUSH));
        assertEquals("AllowedFactors push,phone,sms,passcode → push,passcode", after.changesFrom(before));
    }

    @Test
    void equalPoliciesDoNotDependOnTheFactorSetKind() {
        Policy a = Policy.defaults().with(PolicySetting.ALLOWED_FACTORS, new HashSet<>(Set.of(Factor.SMS, Factor.PUSH)));
        Policy b = Policy.defaults().with(PolicySetting.ALLOWED_FACTORS, EnumSet.of(Factor.PUSH, Factor.SMS));
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(Policy.defaults(), a);
    }

    @Test
    void aStoredPolicyReadsBackAndWhatWasNeverStoredHasItsDefault() {
        Policy changed = Policy.defaults().with(PolicySetting.SMS_BATCH_SIZE, 4).with(PolicySetting.VERIFIED_PUSH, false)
                .with(PolicySetting.ALLOWED_FACTORS, EnumSet.of(Factor.SMS, Factor.PASSCODE));
        java.util.Map<String, String> stored = new java.util.HashMap<>();
        for (PolicySetting s : PolicySetting.values()) {
            if (!changed.text(s).equals(Policy.defaults().text(s))) {
                stored.put(s.attribute(), changed.text(s));
            }
        }
        assertEquals(java.util.Map.of("SmsBatchSize", "4", "VerifiedPush", "false", "AllowedFactors", "sms,passcode"), stored);
        assertEquals(changed, Policy.stored(stored));
        assertEquals(Policy.defaults(), Policy.stored(java.util.Map.of()));
        assertEquals(Policy.defaults(), Policy.stored(java.util.Map.of("NoSuchSetting", "7")), "a name this version does not know is ignored");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SmsBatchSize=11", "SmsBatchSize=ten", "VerifiedPush=yes", "AllowedFactors=", "AllowedFactors=auto", "NewUserPolicy=maybe"})
    void aStoredValueOutOfItsBoundsIsRefusedNotGuessed(String stored) {
        String[] kv = stored.split("=", 2);
        TwofoldException e = assertThrows(TwofoldException.class, () -> Policy.stored(java.util.Map.of(kv[0], kv[1])));
        assertEquals(ErrorCode.INVALID_VALUE, e.code());
    }

    /**
     * The README's table of policy settings is the table's: one row per setting, with its bounds,
     * default and description, in the table's order (the expected table is printed on failure).
     */
    @Test
    void theReadmeDocumentsEverySettingAsTheTableDescribesIt() throws java.io.IOException {
        StringBuilder expected = new StringBuilder("| attribute | values | default | meaning |\n|---|---|---|---|\n");
        for (PolicySetting s : PolicySetting.values()) {
            expected.append("| `").append(s.attribute()).append("` | ").append(s.bounds()).append(" | `")
                    .append(s.text(s.defaultValue())).append("` | ").append(s.description()).append(" |\n");
        }
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("../README.md"));
        assertTrue(readme.contains(expected), "README.md should hold this table of policy settings:\n" + expected);
    }
}
