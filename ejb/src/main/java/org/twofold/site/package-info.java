/**
 * Configuration and the running site: {@link org.twofold.site.Settings} reads every
 * {@code TWOFOLD_*} variable in one place, {@link org.twofold.site.SiteSettings} gives pages the
 * organization's texts, {@link org.twofold.site.Database} defines the data source (embedded Derby
 * in the data directory by default, any JDBC URL by configuration), and start-up creates the first
 * administrator and the optional demo data.
 */
package org.twofold.site;
