package org.twofold.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;

class UsernamesTest {
    @Test
    void canonicalLowerCasesAndTrims() {
        assertEquals("alice.smith@example.com", Usernames.canonical("  Alice.Smith@Example.COM \t"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "bob", "j_doe-2", "x.y@z", "0123456789"})
    void canonicalKeepsValidNames(String name) {
        assertEquals(name, Usernames.canonical(name));
    }

    @Test
    void acceptsSixtyFourCharacters() {
        String name = "a".repeat(64);
        assertEquals(name, Usernames.canonical(name));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "   ", "\t\n"})
    void rejectsBlankAsMissingField(String blank) {
        TwofoldException e = assertThrows(TwofoldException.class, () -> Usernames.canonical(blank));
        assertEquals(ErrorCode.MISSING_FIELD, e.code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice smith", "alice!", "ålice", "al/ice", "al\\ice", "al'ice", "al\"ice", "a;b", "a+b", "a\u0000b"})
    void rejectsInvalidCharactersAsInvalidValue(String name) {
        TwofoldException e = assertThrows(TwofoldException.class, () -> Usernames.canonical(name));
        assertEquals(ErrorCode.INVALID_VALUE, e.code());
    }

    @Test
    void rejectsSixtyFiveCharactersAsInvalidValue() {
        TwofoldException e = assertThrows(TwofoldException.class, () -> Usernames.canonical("a".repeat(65)));
        assertEquals(ErrorCode.INVALID_VALUE, e.code());
    }

    @Test
    void plausibleMatchesWhatCanonicalAccepts() {
        assertTrue(Usernames.plausible(" Alice "));
        assertTrue(Usernames.plausible("a".repeat(64)));
        assertFalse(Usernames.plausible(null));
        assertFalse(Usernames.plausible(""));
        assertFalse(Usernames.plausible("   "));
        assertFalse(Usernames.plausible("alice smith"));
        assertFalse(Usernames.plausible("a".repeat(65)));
    }
}
