/**
 * The campus directory (LDAP / Active Directory) as the source of users and of their primary
 * password: {@link org.twofold.directory.DirectoryConfig} (the {@code TWOFOLD_LDAP_*} settings),
 * {@link org.twofold.directory.DirectoryClient} (binds and paged searches over the UnboundID LDAP
 * SDK, with failover and TLS), {@link org.twofold.directory.Directory} (the password check every
 * door gets through {@link org.twofold.auth.Authentication}), {@link org.twofold.directory.SyncPlan}
 * (what a sync changes, and the guard against disabling everyone) and
 * {@link org.twofold.directory.DirectorySync} (on demand and on a schedule).
 */
package org.twofold.directory;
