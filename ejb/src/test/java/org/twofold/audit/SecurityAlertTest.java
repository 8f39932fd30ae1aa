package org.twofold.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecurityAlertTest {

    @Test
    void aRecordedLockoutOrFraudReportRaisesItsAlert() {
        assertEquals(Optional.of(SecurityAlert.Kind.LOCKOUT), SecurityAlert.Kind.of("user.lockout", "done"));
        assertEquals(Optional.of(SecurityAlert.Kind.FRAUD_REPORT), SecurityAlert.Kind.of("push.fraud", "done"));
    }

    @Test
    void otherActionsAndRefusalsRaiseNone() {
        assertEquals(Optional.empty(), SecurityAlert.Kind.of("user.unlock", "done"));
        assertEquals(Optional.empty(), SecurityAlert.Kind.of("auth.passcode", "deny"));
        assertEquals(Optional.empty(), SecurityAlert.Kind.of("user.lockout", "refused"));
    }
}
