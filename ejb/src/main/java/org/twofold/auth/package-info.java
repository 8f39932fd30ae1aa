/**
 * Logging in, behind one door: {@link org.twofold.auth.Authentication}, the facade every boundary
 * (pages, SOAP, and each door after them) calls for the primary password, preauth and the prompt's
 * choices, a passcode, a push, call or text and its status or cancel. Behind it: the primary
 * password step ({@link org.twofold.auth.PrimaryLogin}); pushes, calls and texted passcodes and
 * their one lifecycle ({@link org.twofold.auth.AuthTransaction}, {@link
 * org.twofold.auth.PushPrompt}, {@link org.twofold.auth.PhoneCalls}, {@link
 * org.twofold.auth.TextedPasscodes}, {@link org.twofold.auth.Transactions}, which also ends the
 * requests waiting on a device that was disabled); the legacy second-password keywords ({@link
 * org.twofold.auth.FactorRequest}: {@code push2}, {@code phone}, {@code sms}); and remembered
 * browsers. Outcomes ({@link org.twofold.auth.Verdict}, {@link org.twofold.auth.TxView}, {@link
 * org.twofold.auth.AuthOutcome}) are in the domain's terms; each boundary words them itself.
 */
package org.twofold.auth;
