/**
 * The help desk's and administrators' console over JMX: Twofold's own JMX connector (so operators
 * log in with Twofold operator accounts and every call is attributed to one), the role guard, and
 * the {@code org.twofold} MBeans. MBeans are thin: they turn arguments into domain values, call one
 * service, and turn the result into text or open data; domain errors leave as {@code
 * IllegalArgumentException("CODE: text")}, which any console can show.
 */
package org.twofold.admin;
