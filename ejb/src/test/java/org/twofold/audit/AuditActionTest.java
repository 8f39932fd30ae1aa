package org.twofold.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuditActionTest {

    @Test
    void theCodesAreThoseTheTrailHasAlwaysStored() {
        assertEquals("auth.push", AuditAction.AUTH_PUSH.code());
        assertEquals("auth.secondPassword", AuditAction.AUTH_SECOND_PASSWORD.code());
        assertEquals("login.password", AuditAction.LOGIN_PASSWORD.code());
        assertEquals("user.lockout", AuditAction.USER_LOCKOUT.code());
        assertEquals("preauth", AuditAction.PREAUTH.code());
        assertEquals("delivery", AuditAction.DELIVERY.code());
        assertEquals("soap.auth", AuditAction.soap("auth").code());
        assertEquals("duo.auth_status", AuditAction.duo("auth_status").code());
        assertEquals("jmx.invoke", AuditAction.jmx("invoke").code());
    }

    @Test
    void everyNamedActionHasACodeOfItsOwn() throws IllegalAccessException {
        Set<String> codes = new HashSet<>();
        int constants = 0;
        for (Field f : AuditAction.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == AuditAction.class) {
                constants++;
                String code = ((AuditAction) f.get(null)).code();
                assertTrue(codes.add(code), "two constants share " + code);
            }
        }
        assertTrue(constants > 50, "the vocabulary's constants were found: " + constants);
    }

    @Test
    void theStatisticsCountDecisionsAndLockoutsOnly() {
        assertTrue(AuditAction.AUTH_PASSCODE.counted());
        assertTrue(AuditAction.auth("push").counted(), "a decision is counted whichever factor");
        assertTrue(AuditAction.LOGIN_PASSWORD.counted());
        assertTrue(AuditAction.BYPASS_SELF_SERVICE.counted());
        assertTrue(AuditAction.USER_LOCKOUT.counted());
        assertFalse(AuditAction.USER_UNLOCK.counted());
        assertFalse(AuditAction.PREAUTH.counted());
        assertFalse(AuditAction.soap("auth").counted(), "a boundary's refusal of a request is not a decision");
        assertFalse(AuditAction.DEVICE_ENROLL.counted());
    }

    @Test
    void aRequestNeverChoosesTheVocabulary() {
        assertEquals("soap.unknown", AuditAction.soap("x'); DROP TABLE").code());
        assertEquals("duo.unknown", AuditAction.duo("../../etc/passwd").code());
        assertEquals("page.unknown", AuditAction.page("").code());
        assertEquals("jmx.unknown", AuditAction.jmx(null).code());
        assertEquals("duo.unknown", AuditAction.duo("a".repeat(65)).code());
        assertThrows(IllegalArgumentException.class, () -> new AuditAction(AuditAction.Area.USER, "lock.out"));
        assertThrows(IllegalArgumentException.class, () -> new AuditAction(null, "create"));
    }

    @Test
    void anActorsKindNotItsSpellingTellsActorsApart() {
        assertEquals("user:alice", Actor.user("alice", "198.51.100.7").name());
        assertEquals("user:?", Actor.anonymous("198.51.100.7").name());
        assertEquals("user:?", Actor.user(null, "198.51.100.7").name());
        assertEquals("integration:DIKEY", Actor.integration("DIKEY", "203.0.113.1").name());
        assertEquals("system", Actor.system().name());
        assertEquals("jmx:local", Actor.localConsole().name());
        assertEquals("activation-link", Actor.activationLink("198.51.100.7").name());
        Actor via = Actor.integration("DIKEY", "203.0.113.1").from("198.51.100.9 via 203.0.113.1");
        assertEquals(Actor.Kind.INTEGRATION, via.kind());
        assertEquals("integration:DIKEY", via.name());
        assertEquals("198.51.100.9 via 203.0.113.1", via.origin());
        // a user whose name looks like an integration's is still a user
        assertEquals(Actor.Kind.USER, Actor.user("integration:DIKEY", "198.51.100.7").kind());
    }
}
