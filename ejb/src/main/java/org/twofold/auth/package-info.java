/**
 * Logging in: the primary password step ({@link org.twofold.auth.PrimaryLogin}) and the
 * {@link org.twofold.auth.Verdict} every authentication step returns.
 */
package org.twofold.auth;
