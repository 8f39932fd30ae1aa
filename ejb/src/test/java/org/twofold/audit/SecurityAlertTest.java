package org.twofold.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecurityAlertTest {

    @Test
    void aRecordedLockoutOrFraudReportRaisesItsAlert() {
        assertEquals(Optional.of(SecurityAlert.Kind.LOCKOUT), SecurityAlert.Kind.of(AuditAction.USER_LOCKOUT, "done"));
        assertEquals(Optional.of(SecurityAlert.Kind.FRAUD_REPORT), SecurityAlert.Kind.of(AuditAction.PUSH_FRAUD, "done"));
    }

    @Test
    void otherActionsAndRefusalsRaiseNone() {
        assertEquals(Optional.empty(), SecurityAlert.Kind.of(AuditAction.USER_UNLOCK, "done"));
        assertEquals(Optional.empty(), SecurityAlert.Kind.of(AuditAction.AUTH_PASSCODE, "deny"));
        assertEquals(Optional.empty(), SecurityAlert.Kind.of(AuditAction.USER_LOCKOUT, "refused"));
    }
}
