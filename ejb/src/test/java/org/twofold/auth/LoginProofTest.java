package org.twofold.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.twofold.policy.Policy;
import org.twofold.policy.PolicySetting;

class LoginProofTest {
    private static final Instant LOGIN = Instant.parse("2026-12-06T10:00:00Z");
    private static final Policy POLICY = Policy.defaults();

    @ParameterizedTest
    @ValueSource(strings = {"passcode", "push", "phone", "sms", "bypass", "temporary", "first_device"})
    void aFactorProvenAtLoginAllowsChangesForPortalStepUpMinutesThenNoMore(String factor) {
        LoginProof proof = LoginProof.completed("alice", factor, false, LOGIN);
        assertEquals(LoginProof.How.FACTOR, proof.how());
        assertTrue(proof.allowsChanges(POLICY, LOGIN));
        assertTrue(proof.allowsChanges(POLICY, LOGIN.plus(Duration.ofMinutes(10))), "the limit itself is still fresh");
        assertFalse(proof.allowsChanges(POLICY, LOGIN.plus(Duration.ofMinutes(10)).plusMillis(1)), "stale one moment later");
    }

    @Test
    void aRememberedBrowserProvesNoFactorAndAStepUpDoes() {
        LoginProof remembered = LoginProof.completed("alice", LoginProof.REMEMBERED_FACTOR, false, LOGIN);
        assertEquals(LoginProof.How.REMEMBERED, remembered.how());
        assertFalse(remembered.allowsChanges(POLICY, LOGIN), "not even at the instant of the login");
        LoginProof steppedUp = remembered.steppedUp(LOGIN.plusSeconds(3600));
        assertTrue(steppedUp.allowsChanges(POLICY, LOGIN.plusSeconds(3600)));
        assertFalse(steppedUp.allowsChanges(POLICY, LOGIN.plusSeconds(3600 + 601)));
    }

    @Test
    void aNewUserLetInWithoutAFactorProvesNone() {
        LoginProof allowed = LoginProof.completed("alice", LoginProof.NO_FACTOR_NEW_USER, false, LOGIN);
        assertEquals(LoginProof.How.UNVERIFIED, allowed.how());
        assertFalse(allowed.allowsChanges(POLICY, LOGIN));
        assertEquals(LoginProof.How.UNVERIFIED, LoginProof.completed("alice", LoginProof.NO_FACTOR_NEW_USER, true, LOGIN).how());
    }

    @Test
    void aLoginForAHostedApplicationProvesNoFactorForTheSettingsEvenWithAFactor() {
        assertFalse(LoginProof.completed("alice", "push", true, LOGIN).allowsChanges(POLICY, LOGIN));
        assertFalse(LoginProof.completed("alice", LoginProof.REMEMBERED_FACTOR, true, LOGIN).allowsChanges(POLICY, LOGIN));
    }

    @Test
    void thePolicyDecidesHowLongAFactorCounts() {
        LoginProof proof = LoginProof.completed("alice", "passcode", false, LOGIN);
        Instant twoMinutesLater = LOGIN.plus(Duration.ofMinutes(2));
        assertTrue(proof.allowsChanges(POLICY, twoMinutesLater));
        assertFalse(proof.allowsChanges(POLICY.with(PolicySetting.PORTAL_STEP_UP_MINUTES, 1), twoMinutesLater), "at the minimum, 1 minute");
        assertTrue(proof.allowsChanges(POLICY.with(PolicySetting.PORTAL_STEP_UP_MINUTES, 1440), LOGIN.plus(Duration.ofHours(24))));
        assertEquals("factor proven 120 s ago", proof.describe(twoMinutesLater));
    }
}
