/**
 * Duo Universal Prompt compatibility's door ({@code /oauth/v1/*}, Duo Web SDK v4) and its hand-off
 * to the login prompt, which runs the second factor as for every login.
 */
package org.twofold.web.universal;
