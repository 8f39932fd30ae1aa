package org.twofold.directory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.twofold.user.UserSource;
import org.twofold.user.UserStatus;
import org.twofold.user.Usernames;

/**
 * What one sync changes, decided from the directory's entries and the users Twofold has, before
 * anything is written (plain Java: every rule of the sync is tested without a directory or a
 * database):
 * <ul>
 * <li>an entry whose username Twofold does not know: a new directory user;</li>
 * <li>a directory user whose name, department, mail or mobile differ, or who had been disabled for
 *     being gone and is back: updated (and active again);</li>
 * <li>a directory user no entry names any more (deleted, or excluded by the filter), or whose entry
 *     the directory marks disabled ({@link DirectoryEntry#disabled}): disabled, devices kept; a
 *     disabled entry Twofold does not know is not created;</li>
 * <li>errors, never guessed at: an entry without a username Twofold can take, two entries with one
 *     username, an entry named like a local user (a local account is not taken over silently).</li>
 * </ul>
 * The guard: a sync that would disable more than {@code maxDisablePercent} percent of the directory
 * users who are active now — a directory answering with nothing, a wrong base or filter — disables
 * nobody; creates and updates still happen, and the refusal is reported.
 */
public record SyncPlan(List<Change> creates, List<Change> updates, List<String> disables, Set<String> disabledInDirectory, int unchanged,
                       List<String> errors, int disableRefused, int activeDirectoryUsers) {

    /** A user as Twofold has it, for the comparison. */
    public record Known(String username, UserSource source, String displayName, String department, String mail, String mobile,
                        String telephone, UserStatus status, boolean gone) {
        /** Without a telephone number. */
        public Known(String username, UserSource source, String displayName, String department, String mail, String mobile, UserStatus status,
                     boolean gone) {
            this(username, source, displayName, department, mail, mobile, null, status, gone);
        }
    }

    /** A user to create or update, with the directory's values as Twofold stores them. */
    public record Change(String username, String displayName, String department, String mail, String mobile, String telephone) {
    }

    /** Column lengths of {@code TF_USER}: longer directory values are cut, not refused. */
    static final int NAME_MAX = 200;
    static final int DEPARTMENT_MAX = 100;
    static final int MAIL_MAX = 254;
    static final int MOBILE_MAX = 40;

    public static SyncPlan of(List<DirectoryEntry> entries, Map<String, Known> known, int maxDisablePercent) {
        List<Change> creates = new ArrayList<>();
        List<Change> updates = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        Set<String> named = new HashSet<>();
        Set<String> seen = new HashSet<>();
        Map<String, String> dnOf = new HashMap<>();
        Set<String> ambiguous = new HashSet<>();
        Set<String> disabledInDirectory = new HashSet<>();
        int unchanged = 0;
        for (DirectoryEntry e : entries) {
            // (Usernames trims, and trimming drops control characters: a directory value with one is refused, not trimmed)
            if (!Usernames.plausible(e.username()) || e.username().chars().anyMatch(Character::isISOControl)) {
                errors.add(e.dn() + ": " + (e.username() == null ? "no username attribute" : "username '" + printable(e.username())
                        + "' is not 1-64 letters, digits and . _ - @"));
                continue;
            }
            String username = Usernames.canonical(e.username());
            if (!named.add(username)) {
                ambiguous.add(username);
                errors.add(e.dn() + ": username " + username + " also belongs to " + dnOf.get(username) + " (neither is changed)");
                continue;
            }
            dnOf.put(username, e.dn());
            if (e.disabled()) {
                // not "seen": a directory user becomes one to disable, an unknown one is not created
                disabledInDirectory.add(username);
                continue;
            }
            seen.add(username);
            Change c = new Change(username, cut(e.displayName(), NAME_MAX), cut(e.department(), DEPARTMENT_MAX), cut(e.mail(), MAIL_MAX),
                    cut(e.mobile(), MOBILE_MAX), cut(e.telephone(), MOBILE_MAX));
            Known k = known.get(username);
            if (k == null) {
                creates.add(c);
            } else if (k.source() != UserSource.DIRECTORY) {
                errors.add(e.dn() + ": a local user " + username + " exists (not taken over by the directory)");
            } else if (k.gone() || !Objects.equals(k.displayName(), c.displayName()) || !Objects.equals(k.department(), c.department())
                    || !Objects.equals(k.mail(), c.mail()) || !Objects.equals(k.mobile(), c.mobile())
                    || !Objects.equals(k.telephone(), c.telephone())) {
                updates.add(c);
            } else {
                unchanged++;
            }
        }
        // Two entries with one username: the user keeps what it has (neither entry is applied), and is not disabled.
        creates.removeIf(c -> ambiguous.contains(c.username()));
        updates.removeIf(c -> ambiguous.contains(c.username()));
        List<String> disables = new ArrayList<>();
        int active = 0;
        for (Known k : known.values()) {
            if (k.source() == UserSource.DIRECTORY && !k.gone() && k.status() != UserStatus.DISABLED) {
                active++;
                if (!seen.contains(k.username()) && !ambiguous.contains(k.username())) {
                    disables.add(k.username());
                }
            }
        }
        int refused = 0;
        if (!disables.isEmpty() && (long) disables.size() * 100 > (long) maxDisablePercent * active) {
            refused = disables.size();
            disables = List.of();
        }
        disabledInDirectory.retainAll(disables);
        return new SyncPlan(List.copyOf(creates), List.copyOf(updates), List.copyOf(disables), Set.copyOf(disabledInDirectory), unchanged,
                List.copyOf(errors), refused, active);
    }

    private static String cut(String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.length() <= max) {
            return v;
        }
        return v.substring(0, Character.isHighSurrogate(v.charAt(max - 1)) ? max - 1 : max);
    }

    /** A username as it may be shown: control characters (NUL ...) as {@code \\uXXXX}, at most 64 characters. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(64).forEach(cp -> {
            if (Character.isISOControl(cp)) {
                b.append(String.format("\\u%04x", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }
}
