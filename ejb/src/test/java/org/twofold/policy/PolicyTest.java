package org.twofold.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;
import org.twofold.auth.Factor;

class PolicyTest {
    private static final Set<Factor> ALL_BUT_AUTO = EnumSet.of(Factor.PUSH, Factor.PHONE, Factor.SMS, Factor.PASSCODE);

    /** Each numeric attribute: JMX name, bounds, its {@code withX} and its accessor. */
    static Stream<Arguments> numericAttributes() {
        return Stream.of(
                attribute("SmsBatchSize", 1, 10, Policy::withSmsBatchSize, Policy::smsBatchSize),
                attribute("SmsCodeLifetimeHours", 1, 720, Policy::withSmsCodeLifetimeHours, Policy::smsCodeLifetimeHours),
                attribute("SmsSendsPerNumber", 1, 100, Policy::withSmsSendsPerNumber, Policy::smsSendsPerNumber),
                attribute("SmsSendWindowMinutes", 1, 1440, Policy::withSmsSendWindowMinutes, Policy::smsSendWindowMinutes),
                attribute("BypassCodeMinutes", 1, 1440, Policy::withBypassCodeMinutes, Policy::bypassCodeMinutes),
                attribute("TemporaryPasscodeMaxHours", 1, 720, Policy::withTemporaryPasscodeMaxHours, Policy::temporaryPasscodeMaxHours),
                attribute("TemporaryPasscodeMaxUses", 1, 100, Policy::withTemporaryPasscodeMaxUses, Policy::temporaryPasscodeMaxUses),
                attribute("RememberMeHours", 0, 720, Policy::withRememberMeHours, Policy::rememberMeHours),
                attribute("LockoutThreshold", 1, 1000, Policy::withLockoutThreshold, Policy::lockoutThreshold),
                attribute("PushTimeoutSeconds", 10, 600, Policy::withPushTimeoutSeconds, Policy::pushTimeoutSeconds),
                attribute("CallTimeoutSeconds", 10, 600, Policy::withCallTimeoutSeconds, Policy::callTimeoutSeconds),
                attribute("HotpWindow", 1, 100, Policy::withHotpWindow, Policy::hotpWindow),
                attribute("PushUnansweredMax", 1, 20, Policy::withPushUnansweredMax, Policy::pushUnansweredMax),
                attribute("PushUnansweredWindowMinutes", 1, 1440, Policy::withPushUnansweredWindowMinutes, Policy::pushUnansweredWindowMinutes),
                attribute("PushPauseAfterFraudMinutes", 0, 1440, Policy::withPushPauseAfterFraudMinutes, Policy::pushPauseAfterFraudMinutes),
                attribute("PortalStepUpMinutes", 1, 1440, Policy::withPortalStepUpMinutes, Policy::portalStepUpMinutes));
    }

    private static Arguments attribute(String name, int min, int max, BiFunction<Policy, Integer, Policy> with,
            ToIntFunction<Policy> get) {
        return Arguments.of(name, min, max, with, get);
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
        assertEquals(10, p.portalStepUpMinutes());
    }

    @ParameterizedTest(name = "{0} accepts {1} and {2}")
    @MethodSource("numericAttributes")
    void acceptsEachBoundAtItsEdges(String name, int min, int max, BiFunction<Policy, Integer, Policy> with,
            ToIntFunction<Policy> get) {
        assertEquals(min, get.applyAsInt(with.apply(Policy.defaults(), min)));
        assertEquals(max, get.applyAsInt(with.apply(Policy.defaults(), max)));
    }

    @ParameterizedTest(name = "{0} refuses {1} - 1 and {2} + 1")
    @MethodSource("numericAttributes")
    void refusesJustOutsideEachBoundNamingTheAttribute(String name, int min, int max,
            BiFunction<Policy, Integer, Policy> with, ToIntFunction<Policy> get) {
        String message = name + " must be between " + min + " and " + max;
        for (int value : new int[] {min - 1, max + 1, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
            TwofoldException e = assertThrows(TwofoldException.class, () -> with.apply(Policy.defaults(), value),
                    name + " = " + value);
            assertEquals(ErrorCode.INVALID_VALUE, e.code());
            assertEquals(message, e.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("numericAttributes")
    void withLeavesTheOriginalUnchangedAndChangesOnlyItsAttribute(String name, int min, int max,
            BiFunction<Policy, Integer, Policy> with, ToIntFunction<Policy> get) {
        Policy before = Policy.defaults();
        int value = get.applyAsInt(before) == min ? max : min;
        Policy after = with.apply(before, value);
        assertEquals(Policy.defaults(), before);
        assertEquals(value, get.applyAsInt(after));
        assertEquals(name + " " + get.applyAsInt(before) + " → " + value, after.changesFrom(before));
    }

    @Test
    void booleanAndFactorWithersLeaveTheOriginalUnchanged() {
        Policy before = Policy.defaults();
        assertFalse(before.withVerifiedPush(false).verifiedPush());
        assertFalse(before.withIdentityProofSsn(true).withIdentityProofPin(false).identityProofPin());
        assertTrue(before.withIdentityProofSsn(true).identityProofSsn());
        assertEquals(Set.of(Factor.PASSCODE), before.withAllowedFactors(Set.of(Factor.PASSCODE)).allowedFactors());
        assertEquals(Policy.defaults(), before);
        assertEquals("VerifiedPush true → false", before.withVerifiedPush(false).changesFrom(before));
        Policy ssnOnly = before.withIdentityProofSsn(true).withIdentityProofPin(false);
        assertEquals("IdentityProofPin true → false, IdentityProofSsn false → true", ssnOnly.changesFrom(before));
        assertEquals("IdentityProofSsn false → true", before.withIdentityProofSsn(true).changesFrom(before));
    }

    @Test
    void refusesTurningOffBothIdentityProofs() {
        TwofoldException e = assertThrows(TwofoldException.class, () -> Policy.defaults().withIdentityProofPin(false));
        assertEquals(ErrorCode.INVALID_VALUE, e.code());
        assertEquals("IdentityProofPin and IdentityProofSsn cannot both be false", e.getMessage());
        assertTrue(Policy.defaults().withIdentityProofSsn(true).withIdentityProofPin(false).identityProofSsn());
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
        Policy policy = Policy.defaults().withAllowedFactors(mine);
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
        TwofoldException e = assertThrows(TwofoldException.class, () -> Policy.defaults().withAllowedFactors(factors));
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
        assertEquals("push,sms,passcode", Policy.defaults().withAllowedFactors(reversed).allowedFactorsText());
    }

    @Test
    void allowedFactorsTextParsesBackToTheSameFactors() {
        Policy policy = Policy.defaults().withAllowedFactors(Policy.parseFactors("sms, phone"));
        assertEquals(policy.allowedFactors(), Policy.parseFactors(policy.allowedFactorsText()));
    }

    @Test
    void noChangeIsDescribedAsEmpty() {
        assertEquals("", Policy.defaults().changesFrom(Policy.defaults()));
        assertEquals("", Policy.defaults().withSmsBatchSize(10).changesFrom(Policy.defaults()));
    }

    @Test
    void describesChangedAttributesInAttributeOrder() {
        Policy before = Policy.defaults();
        Policy after = before.withVerifiedPush(false).withSmsBatchSize(5);
        assertEquals("SmsBatchSize 10 → 5, VerifiedPush true → false", after.changesFrom(before));
        assertEquals("SmsBatchSize 5 → 10, VerifiedPush false → true", before.changesFrom(after));
    }

    @Test
    void describesAllowedFactorsByTheirKeywords() {
        Policy before = Policy.defaults();
        Policy after = before.withAllowedFactors(Set.of(Factor.PASSCODE, Factor.PUSH));
        assertEquals("AllowedFactors push,phone,sms,passcode → push,passcode", after.changesFrom(before));
    }

    @Test
    void equalPoliciesDoNotDependOnTheFactorSetKind() {
        Policy a = Policy.defaults().withAllowedFactors(new HashSet<>(Set.of(Factor.SMS, Factor.PUSH)));
        Policy b = Policy.defaults().withAllowedFactors(EnumSet.of(Factor.PUSH, Factor.SMS));
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(Policy.defaults(), a);
    }
}
