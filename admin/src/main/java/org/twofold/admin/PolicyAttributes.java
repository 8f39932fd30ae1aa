package org.twofold.admin;

import java.util.Arrays;
import javax.management.MBeanAttributeInfo;
import org.twofold.policy.Policies;
import org.twofold.policy.PolicySetting;

/**
 * The {@code Administration} MBean's policy attributes, one per {@link PolicySetting}: named,
 * typed and described as the table says (bounds in the description), read from the policy in force
 * and written through {@link Policies#change} as the calling operator (checked, stored, audited).
 */
final class PolicyAttributes {
    private final Policies policies;

    PolicyAttributes(Policies policies) {
        this.policies = policies;
    }

    MBeanAttributeInfo[] infos() {
        return Arrays.stream(PolicySetting.values())
                .map(s -> new MBeanAttributeInfo(s.attribute(), s.jmxType(), s.description() + " (" + s.bounds() + ")", true, true,
                        s.type() == PolicySetting.Type.BOOLEAN))
                .toArray(MBeanAttributeInfo[]::new);
    }

    boolean has(String attribute) {
        return PolicySetting.byAttribute(attribute).isPresent();
    }

    /** The value as JMX shows it: {@code int}, {@code boolean}, or the text of the others (factors, a choice, AAGUIDs). */
    Object get(String attribute) {
        PolicySetting s = PolicySetting.byAttribute(attribute).orElseThrow();
        return s.type() == PolicySetting.Type.INTEGER || s.type() == PolicySetting.Type.BOOLEAN ? policies.current().value(s) : policies.current().text(s);
    }

    void set(String attribute, Object value) {
        PolicySetting s = PolicySetting.byAttribute(attribute).orElseThrow();
        policies.change(CurrentOperator.actor(), p -> p.with(s, value));
    }
}
