/**
 * The administrator's policy: the {@link org.twofold.policy.Policy} value object holding every
 * tunable limit (SMS batches, bypass and temporary passcodes, remember-me, lockout, push and call
 * time-outs, allowed factors, HOTP window, identity proof), its documented defaults and bounds, and
 * the description of a change written to the audit trail.
 */
package org.twofold.policy;
