package org.twofold.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UserTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private static User user() {
        return new User("alice", "Alice", "Law", T0);
    }

    @Test
    void locksOutAtTheThresholdOfConsecutiveFailures() {
        User u = user();
        for (int i = 1; i < 10; i++) {
            assertFalse(u.recordFailure(T0.plusSeconds(i), 10), "failure " + i);
            assertEquals(UserStatus.ACTIVE, u.getStatus());
        }
        assertTrue(u.recordFailure(T0.plusSeconds(10), 10), "the 10th failure locks");
        assertEquals(UserStatus.LOCKED_OUT, u.getStatus());
        assertFalse(u.mayAuthenticate());
    }

    @Test
    void aSuccessEndsTheRunOfFailures() {
        User u = user();
        for (int i = 0; i < 9; i++) {
            u.recordFailure(T0.plusSeconds(i), 10);
        }
        u.recordSuccess();
        assertEquals(0, u.getConsecutiveFailures());
        assertFalse(u.recordFailure(T0.plusSeconds(20), 10));
        assertEquals(UserStatus.ACTIVE, u.getStatus());
    }

    @Test
    void unlockMakesALockedUserActiveAgainWithCountsCleared() {
        User u = user();
        u.recordFailure(T0, 1);
        assertEquals(UserStatus.LOCKED_OUT, u.getStatus());
        u.unlock();
        assertEquals(UserStatus.ACTIVE, u.getStatus());
        assertEquals(0, u.getConsecutiveFailures());
        assertFalse(u.isThrottled(T0));
    }

    @Test
    void capsEvaluatedFailuresAtOneHundredPerHour() {
        User u = user();
        for (int i = 0; i < User.MAX_FAILURES_PER_HOUR - 1; i++) {
            u.recordFailure(T0.plusSeconds(i), 1000);
            u.recordSuccess(); // even with successes in between, the hourly count stays
        }
        assertFalse(u.isThrottled(T0.plusSeconds(200)));
        u.recordFailure(T0.plusSeconds(200), 1000);
        assertTrue(u.isThrottled(T0.plusSeconds(201)), "the 100th failure in the hour reaches the cap");
        assertTrue(u.isThrottled(T0.plus(Duration.ofMinutes(59))));
        assertTrue(u.isThrottled(T0.plus(Duration.ofMinutes(61))), "the previous hour's failures still count");
        assertFalse(u.isThrottled(T0.plus(Duration.ofMinutes(120))), "two quiet windows later the count is gone");
    }

    @Test
    void noSlidingHourEverHoldsMoreThanTheCap() {
        // One failure at T0, 99 just before the first window ends: a fixed window would allow 100
        // more just after it, 199 failures within two minutes.
        User u = user();
        u.recordFailure(T0, 1000);
        Instant late = T0.plus(Duration.ofMinutes(59));
        for (int i = 0; i < 99; i++) {
            u.recordFailure(late, 1000);
        }
        Instant justAfter = T0.plus(Duration.ofMinutes(61));
        assertTrue(u.isThrottled(justAfter), "100 failures in the last two minutes: no more may be evaluated");
        assertFalse(u.isThrottled(T0.plus(Duration.ofMinutes(121))), "once they are all over an hour old");
    }

    @Test
    void failuresSpreadOverTwoWindowsShareOneCap() {
        User u = user();
        for (int i = 0; i < 60; i++) {
            u.recordFailure(T0.plusSeconds(i), 1000);
        }
        Instant second = T0.plus(Duration.ofMinutes(70));
        for (int i = 0; i < 39; i++) {
            u.recordFailure(second.plusSeconds(i), 1000);
        }
        assertFalse(u.isThrottled(second.plusSeconds(60)), "99 in the two windows");
        u.recordFailure(second.plusSeconds(61), 1000);
        assertTrue(u.isThrottled(second.plusSeconds(62)), "100 in the two windows");
    }

    @Test
    void bypassAndDisabledUsersAreNotLockedByFailures() {
        User u = user();
        u.changeStatus(UserStatus.DISABLED);
        assertFalse(u.recordFailure(T0, 1));
        assertEquals(UserStatus.DISABLED, u.getStatus());
        assertFalse(u.mayAuthenticate());
        u.changeStatus(UserStatus.BYPASS);
        assertTrue(u.mayAuthenticate());
    }

    @Test
    void aBypassUserLocksOutToo() {
        User u = user();
        u.changeStatus(UserStatus.BYPASS);
        assertTrue(u.recordFailure(T0, 1), "password-only accounts are the ones lockout must protect");
        assertEquals(UserStatus.LOCKED_OUT, u.getStatus());
    }

    @Test
    void identityProofNeedsDateOfBirthAndASecondElement() {
        User u = user();
        assertFalse(u.hasIdentityProof());
        u.changeIdentityProof("dob", null, null);
        assertFalse(u.hasIdentityProof());
        u.changeIdentityProof("dob", null, "pin");
        assertTrue(u.hasIdentityProof());
    }

    @Test
    void aDirectoryUserGoneFromTheDirectoryIsDisabledOnceAndActiveAgainWhenBack() {
        User u = User.fromDirectory("zoe", "Zoë", "Physics", "zoe@campus.example", null, null, T0);
        assertTrue(u.isFromDirectory());
        assertEquals(UserSource.DIRECTORY, u.getSource());
        assertEquals(T0, u.getDirectorySyncedAt());
        assertFalse(u.applyDirectory("Zoë", "Physics", "zoe@campus.example", null, null, T0.plusSeconds(60)), "nothing changed");
        assertTrue(u.goneFromDirectory(T0.plusSeconds(120)));
        assertEquals(UserStatus.DISABLED, u.getStatus());
        assertFalse(u.goneFromDirectory(T0.plusSeconds(180)), "already gone: no second change");
        assertEquals(T0.plusSeconds(120), u.getDirectoryGoneAt());
        assertTrue(u.applyDirectory("Zoë", "Physics", "zoe@campus.example", null, null, T0.plusSeconds(240)), "back: a change even with the same attributes");
        assertEquals(UserStatus.ACTIVE, u.getStatus());
        assertEquals(null, u.getDirectoryGoneAt());
        assertTrue(u.applyDirectory("Zoë Ångström", "Physics", "zoe@campus.example", null, null, T0.plusSeconds(300)));
        assertEquals("Zoë Ångström", u.getDisplayName());
    }

    @Test
    void aLocalUserIsNotFromTheDirectory() {
        assertFalse(user().isFromDirectory());
        assertEquals(UserSource.LOCAL, user().getSource());
    }
}
