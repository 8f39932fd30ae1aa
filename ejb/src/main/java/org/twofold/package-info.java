/**
 * Twofold's domain: one package per capability (users, devices, passcodes, audit, integrations,
 * operators, site settings). Every rule lives here once; the pages, the SOAP endpoints and the
 * MBeans only translate and call these services. Errors every boundary maps are {@link
 * org.twofold.ErrorCode}s carried by {@link org.twofold.TwofoldException}.
 */
package org.twofold;
