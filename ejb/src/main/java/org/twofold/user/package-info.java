/**
 * Users: {@link org.twofold.user.User} with its status, its source ({@link
 * org.twofold.user.UserSource}: local, with a primary password kept as a slow salted hash only, or
 * the campus directory, whose password is checked by a bind) and departments with their approvers,
 * identity proofs for bypass codes, and the {@link org.twofold.user.Users} service administrators
 * call.
 */
package org.twofold.user;
