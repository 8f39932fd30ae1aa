/**
 * The administrator's policy: the {@link org.twofold.policy.Policy} value object holding every
 * tunable limit, each setting described once as a line of {@link org.twofold.policy.PolicySetting}
 * (name, type, bounds, default, description — from which validation, the JMX attributes, the audit
 * of a change and the README table follow), stored by {@link org.twofold.policy.Policies}; and the
 * second {@link org.twofold.policy.Factor}s a policy may allow ({@code push}, {@code phone},
 * {@code sms}, {@code passcode}), the vocabulary every door and the device kinds share — here, not in
 * {@code auth}, so that policy, devices, passcodes and delivery need nothing from the login package.
 */
package org.twofold.policy;
