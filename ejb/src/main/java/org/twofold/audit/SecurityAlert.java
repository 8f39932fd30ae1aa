package org.twofold.audit;

import java.time.Instant;

/**
 * A security event an operator should hear about at once, not only find in the audit trail: a user
 * locked out, or a push reported as "this was not me". Fired as a CDI event by {@link AuditTrail}
 * when it records one, inside the recording transaction, so observers that want only committed
 * facts observe it {@code during = TransactionPhase.AFTER_SUCCESS}. Carries no secrets.
 *
 * @param kind     what happened
 * @param username the user concerned
 * @param detail   the audit row's detail (e.g. "after 10 consecutive failures")
 * @param at       when it was recorded
 */
public record SecurityAlert(Kind kind, String username, String detail, Instant at) {

    /** The kinds of alert, each named after the audit action that raises it. */
    public enum Kind {
        LOCKOUT(AuditAction.USER_LOCKOUT),
        FRAUD_REPORT(AuditAction.PUSH_FRAUD);

        private final AuditAction action;

        Kind(AuditAction action) {
            this.action = action;
        }

        /** The audit action that raises this alert. */
        public AuditAction action() {
            return action;
        }

        /** The alert raised by recording {@code action} with result {@code done}, if any. */
        static java.util.Optional<Kind> of(AuditAction action, String result) {
            if (!"done".equals(result)) {
                return java.util.Optional.empty();
            }
            for (Kind k : values()) {
                if (k.action.equals(action)) {
                    return java.util.Optional.of(k);
                }
            }
            return java.util.Optional.empty();
        }
    }
}
