/**
 * Operators: the help-desk staff and administrators who log in over JMX, with a role each and a
 * password kept as a slow salted hash. The first administrator is created at start-up from
 * {@code TWOFOLD_ADMIN_USER}/{@code TWOFOLD_ADMIN_PASSWORD} (or a generated password printed once).
 */
package org.twofold.operator;
