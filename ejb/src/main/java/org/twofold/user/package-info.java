/**
 * Users: {@link org.twofold.user.User} with its status and primary password (a slow salted hash
 * only), and the {@link org.twofold.user.Users} service administrators call.
 */
package org.twofold.user;
