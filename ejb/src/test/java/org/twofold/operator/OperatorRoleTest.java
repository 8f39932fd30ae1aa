package org.twofold.operator;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OperatorRoleTest {
    @Test
    void adminIncludesEveryRole() {
        for (OperatorRole role : OperatorRole.values()) {
            assertTrue(OperatorRole.ADMIN.includes(role), role.name());
        }
    }

    @Test
    void helpdeskIncludesOnlyItself() {
        assertTrue(OperatorRole.HELPDESK.includes(OperatorRole.HELPDESK));
        assertFalse(OperatorRole.HELPDESK.includes(OperatorRole.ADMIN));
    }
}
