/**
 * The audit trail: one {@link org.twofold.audit.AuditEvent} row for every decision and every state
 * change, saying who (a user, an integration, an operator), did what, to whom, with what result and
 * why. Rows never hold secrets: no passwords, codes or seeds. Refusals of requests nobody vouches
 * for (bad credentials, unreadable envelopes and posts) are written up to a limit per address and
 * window, and counted beyond it in summary rows ({@link org.twofold.audit.RefusalSummaries}).
 * What a row records is typed: an {@link org.twofold.audit.AuditAction} (an area and a name, whose
 * code the row stores) by an {@link org.twofold.audit.Actor} of a kind; statistics, alerts and
 * throttles read the types, never the spelling of a code.
 */
package org.twofold.audit;
