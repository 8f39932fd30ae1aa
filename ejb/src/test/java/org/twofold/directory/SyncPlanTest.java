package org.twofold.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.twofold.user.UserSource;
import org.twofold.user.UserStatus;

class SyncPlanTest {

    private static DirectoryEntry entry(String uid, String name, String department) {
        return new DirectoryEntry("uid=" + uid + ",ou=people", uid, name, department, uid + "@campus.example", null);
    }

    private static SyncPlan.Known directoryUser(String uid, String name, String department, UserStatus status, boolean gone) {
        return new SyncPlan.Known(uid, UserSource.DIRECTORY, name, department, uid + "@campus.example", null, status, gone);
    }

    private static Map<String, SyncPlan.Known> known(SyncPlan.Known... users) {
        Map<String, SyncPlan.Known> m = new HashMap<>();
        for (SyncPlan.Known k : users) {
            m.put(k.username(), k);
        }
        return m;
    }

    @Test
    void newEntriesAreCreatedChangedOnesUpdatedTheRestUnchanged() {
        SyncPlan plan = SyncPlan.of(List.of(entry("alice", "Alice Able", "Law"), entry("bob", "Bob Baker", "History"), entry("zoe", "Zoë Ångström", "Physics")),
                known(directoryUser("alice", "Alice Able", "Law", UserStatus.ACTIVE, false), directoryUser("bob", "Bob Baker", "Law", UserStatus.ACTIVE, false)), 10);
        assertEquals(List.of("zoe"), plan.creates().stream().map(SyncPlan.Change::username).toList());
        assertEquals("Zoë Ångström", plan.creates().get(0).displayName());
        assertEquals(List.of("bob"), plan.updates().stream().map(SyncPlan.Change::username).toList());
        assertEquals(1, plan.unchanged());
        assertEquals(List.of(), plan.disables());
        assertEquals(List.of(), plan.errors());
    }

    @Test
    void usernamesAreCanonicalAndBlankAttributesAbsent() {
        SyncPlan plan = SyncPlan.of(List.of(new DirectoryEntry("uid=Alice", "Alice", "  ", " Law ", "", null)), known(), 10);
        assertEquals(new SyncPlan.Change("alice", null, "Law", null, null, null), plan.creates().get(0));
    }

    @Test
    void usersGoneFromTheDirectoryAreDisabledButNotAgainAndNotThoseAnAdministratorDisabled() {
        List<DirectoryEntry> entries = new ArrayList<>();
        Map<String, SyncPlan.Known> known = new HashMap<>();
        for (int i = 0; i < 20; i++) {
            entries.add(entry("u" + i, "U " + i, "Law"));
            known.put("u" + i, directoryUser("u" + i, "U " + i, "Law", UserStatus.ACTIVE, false));
        }
        known.put("gone", directoryUser("gone", "Gone", "Law", UserStatus.ACTIVE, false));
        known.put("lockedgone", directoryUser("lockedgone", "Locked", "Law", UserStatus.LOCKED_OUT, false));
        known.put("alreadygone", directoryUser("alreadygone", "Already", "Law", UserStatus.DISABLED, true));
        known.put("admindisabled", directoryUser("admindisabled", "Off", "Law", UserStatus.DISABLED, false));
        known.put("local", new SyncPlan.Known("local", UserSource.LOCAL, "Local", null, null, null, UserStatus.ACTIVE, false));
        SyncPlan plan = SyncPlan.of(entries, known, 10);
        assertEquals(List.of("gone", "lockedgone"), plan.disables().stream().sorted().toList());
        assertEquals(0, plan.disableRefused());
        assertEquals(20, plan.unchanged());
    }

    @Test
    void aUserBackInTheDirectoryIsUpdatedEvenWithTheSameAttributes() {
        SyncPlan plan = SyncPlan.of(List.of(entry("back", "Back", "Law")), known(directoryUser("back", "Back", "Law", UserStatus.DISABLED, true)), 10);
        assertEquals(List.of("back"), plan.updates().stream().map(SyncPlan.Change::username).toList());
    }

    @Test
    void aDirectoryAnsweringWithNobodyDisablesNobody() {
        Map<String, SyncPlan.Known> known = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            known.put("u" + i, directoryUser("u" + i, "U", "Law", UserStatus.ACTIVE, false));
        }
        SyncPlan plan = SyncPlan.of(List.of(), known, 10);
        assertEquals(List.of(), plan.disables());
        assertEquals(50, plan.disableRefused());
        assertEquals(50, plan.activeDirectoryUsers());
        SyncReport report = new SyncReport(Instant.EPOCH, 0, 0, 0, 0, plan.errors(), plan.disableRefused(), plan.activeDirectoryUsers(), 10, Duration.ofMillis(1234));
        assertEquals("created 0, updated 0, disabled 0, unchanged 0, errors 0, 1.2 s; refused to disable 50 of 50 active directory users "
                + "(over TWOFOLD_LDAP_SYNC_MAX_DISABLE_PERCENT=10%)", report.line());
    }

    @Test
    void theGuardHoldsAboveThePercentOnly() {
        Map<String, SyncPlan.Known> known = new HashMap<>();
        List<DirectoryEntry> entries = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            known.put("u" + i, directoryUser("u" + i, "U", "Law", UserStatus.ACTIVE, false));
            if (i >= 10) {
                entries.add(entry("u" + i, "U", "Law"));
            }
        }
        assertEquals(10, SyncPlan.of(entries, known, 10).disables().size(), "10 of 100 at 10%: disabled");
        entries.remove(0);
        SyncPlan over = SyncPlan.of(entries, known, 10);
        assertEquals(0, over.disables().size(), "11 of 100 at 10%: nobody disabled");
        assertEquals(11, over.disableRefused());
        assertEquals(11, SyncPlan.of(entries, known, 100).disables().size(), "100%: an administrator's choice to follow the directory whatever it says");
    }

    @Test
    void entriesTwofoldCannotTakeAreErrorsAndChangeNothing() {
        SyncPlan plan = SyncPlan.of(List.of(
                        new DirectoryEntry("cn=no uid", null, "No Uid", null, null, null),
                        new DirectoryEntry("uid=bad", "has space", "Bad", null, null, null),
                        new DirectoryEntry("uid=nul", "nul\u0000", "Nul", null, null, null),
                        entry("twin", "Twin One", "Law"), new DirectoryEntry("uid=twin,ou=other", "TWIN", "Twin Two", "History", null, null),
                        entry("local", "Local", "Law")),
                known(new SyncPlan.Known("local", UserSource.LOCAL, "Local", null, null, null, UserStatus.ACTIVE, false),
                        directoryUser("twin", "Twin", "Law", UserStatus.ACTIVE, false)), 10);
        assertEquals(5, plan.errors().size(), plan.errors().toString());
        assertTrue(plan.errors().get(2).contains("nul\\u0000"), "a NUL is shown, not written: " + plan.errors().get(2));
        assertTrue(plan.errors().get(4).contains("a local user local exists"), plan.errors().get(4));
        assertEquals(List.of(), plan.creates());
        assertEquals(List.of(), plan.updates(), "neither of two entries with one username is applied");
        assertEquals(List.of(), plan.disables(), "and the user they name is not gone");
    }

    @Test
    void longValuesAreCutToTheirColumns() {
        String longName = "N".repeat(199) + "😀";
        SyncPlan plan = SyncPlan.of(List.of(new DirectoryEntry("uid=l", "l", longName, "D".repeat(300), null, null)), known(), 10);
        assertEquals(199, plan.creates().get(0).displayName().length(), "a character is not cut in half");
        assertEquals(100, plan.creates().get(0).department().length());
    }

    /**
     * An entry the directory marks disabled (AD's userAccountControl bit, or the disabled filter):
     * its Twofold user is disabled with that reason, and one Twofold does not know is not created.
     */
    @Test
    void entriesTheDirectoryMarksDisabledDisableTheirUsersAndAreNotCreated() {
        List<DirectoryEntry> entries = new ArrayList<>();
        Map<String, SyncPlan.Known> known = new HashMap<>();
        for (int i = 0; i < 20; i++) {
            entries.add(entry("u" + i, "U " + i, "Law"));
            known.put("u" + i, directoryUser("u" + i, "U " + i, "Law", UserStatus.ACTIVE, false));
        }
        known.put("off", directoryUser("off", "Off", "Law", UserStatus.ACTIVE, false));
        known.put("gone", directoryUser("gone", "Gone", "Law", UserStatus.ACTIVE, false));
        entries.add(new DirectoryEntry("uid=off", "off", "Off", "Law", "off@campus.example", null, null, true));
        entries.add(new DirectoryEntry("uid=new", "new", "New", "Law", null, null, null, true));
        SyncPlan plan = SyncPlan.of(entries, known, 10);
        assertEquals(java.util.Set.of("off", "gone"), java.util.Set.copyOf(plan.disables()));
        assertEquals(java.util.Set.of("off"), plan.disabledInDirectory(), "the reason tells a disabled account from a deleted one");
        assertEquals(List.of(), plan.creates(), "a disabled account is not created");
        assertEquals(20, plan.unchanged());
    }

    @Test
    void aChangedTelephoneNumberIsAnUpdate() {
        SyncPlan plan = SyncPlan.of(List.of(new DirectoryEntry("uid=alice", "alice", "Alice Able", "Law", "alice@campus.example", null, "+1 410 555 0100", false)),
                known(directoryUser("alice", "Alice Able", "Law", UserStatus.ACTIVE, false)), 10);
        assertEquals(List.of("+1 410 555 0100"), plan.updates().stream().map(SyncPlan.Change::telephone).toList());
    }
}
