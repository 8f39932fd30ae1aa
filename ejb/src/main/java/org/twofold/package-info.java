/**
 * Twofold's domain: one package per capability — users and the campus directory, devices and
 * security keys, passcodes and bypass codes, logging in (behind one facade, {@code auth}), the
 * policy, delivery to phones, integrations and RADIUS clients, operators, throttling, the audit
 * trail, secrets and the running site — and the seeds' status messages the doors share
 * ({@code words}). Every rule lives here once; the pages, the SOAP endpoint, the Duo-compatible
 * API, the RADIUS door and the MBeans only translate and call these services. Errors every
 * boundary maps are {@link org.twofold.ErrorCode}s carried by {@link org.twofold.TwofoldException}.
 */
package org.twofold;
