package org.twofold.directory;

/**
 * A person as the directory has them, read by a sync: the entry's DN and the mapped attributes
 * ({@link DirectoryConfig.Attributes}); any may be null (the username too: such an entry is
 * reported as an error, never guessed at).
 */
public record DirectoryEntry(String dn, String username, String displayName, String department, String mail, String mobile) {
}
