/**
 * The seeds' English status messages for each outcome of a login ({@link
 * org.twofold.words.StatusMessages}), word for word as Duo's legacy clients show them: shared by
 * the doors that speak them (SOAP's and the Duo API's status messages, RADIUS's Reply-Message),
 * which must not depend on each other. Each door keeps its own status codes and its own words for
 * what only it says; the pages have their own translatable bundle.
 */
package org.twofold.words;
