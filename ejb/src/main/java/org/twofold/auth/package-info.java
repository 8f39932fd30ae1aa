/**
 * Logging in: the primary password step ({@link org.twofold.auth.PrimaryLogin}), the
 * {@link org.twofold.auth.Verdict} every authentication step returns, the {@link
 * org.twofold.auth.Factor}s and the legacy second-password keywords ({@link
 * org.twofold.auth.FactorRequest}: {@code push2}, {@code phone}, {@code sms}), and remembered
 * browsers ({@link org.twofold.auth.RememberedBrowsers}).
 */
package org.twofold.auth;
