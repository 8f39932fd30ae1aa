package org.twofold.user;

/**
 * Where a user comes from: created in Twofold (over JMX, with a password Twofold keeps), or from
 * the campus directory (LDAP / Active Directory: kept up to date by the directory sync, and the
 * primary password is checked by a bind to the directory, never kept here).
 */
public enum UserSource {
    LOCAL,
    DIRECTORY
}
