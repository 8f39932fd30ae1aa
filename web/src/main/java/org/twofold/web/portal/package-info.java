/**
 * The self-service pages: {@code /portal} ("My Settings &amp; Devices", for a user who logged in
 * with both factors or with a bypass code), {@code /bypass} ("I don't have my phone": identity
 * proof → bypass code) and {@code /activate} (an activation link texted to a new smartphone).
 * Beans here only turn form input into domain calls; every rule lives in the {@code ejb} module.
 */
package org.twofold.web.portal;
