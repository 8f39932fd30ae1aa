/**
 * The Twofold approval app's door: its static shell under {@code /app/} (HTML, script, service
 * worker, manifest — no external assets) and its JSON API ({@link org.twofold.web.app.ApprovalAppApi}),
 * which only translates: enrollment to {@code ApprovalApps}, the signed list and answers to the
 * authentication facade.
 */
package org.twofold.web.app;
