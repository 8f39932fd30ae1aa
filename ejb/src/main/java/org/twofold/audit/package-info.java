/**
 * The audit trail: one {@link org.twofold.audit.AuditEvent} row for every decision and every state
 * change, saying who (a user, an integration, an operator), did what, to whom, with what result and
 * why. Rows never hold secrets: no passwords, codes or seeds.
 */
package org.twofold.audit;
