package org.twofold.directory;

/**
 * A person as the directory has them, read by a sync: the entry's DN and the mapped attributes
 * ({@link DirectoryConfig.Attributes}, the department perhaps from a group); any may be null (the
 * username too: such an entry is reported as an error, never guessed at). {@code disabled}: the
 * directory says the account is disabled (Active Directory's {@code userAccountControl} bit, or the
 * configured disabled filter).
 */
public record DirectoryEntry(String dn, String username, String displayName, String department, String mail, String mobile,
                             String telephone, boolean disabled) {

    /** An enabled entry without a telephone number. */
    public DirectoryEntry(String dn, String username, String displayName, String department, String mail, String mobile) {
        this(dn, username, displayName, department, mail, mobile, null, false);
    }
}
