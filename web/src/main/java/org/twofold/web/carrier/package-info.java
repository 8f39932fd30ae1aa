/** {@code /carrier/callback}: where a real voice carrier (HTTP, in Twilio's style) reports a call's progress. */
package org.twofold.web.carrier;
