/**
 * The bundled demo web application ({@code /demo/app}) protected by the hosted login prompt: it shows
 * integrators the round trip (send the user to the prompt, verify the signed result) with nothing
 * but {@link org.twofold.integration.HostedResult}.
 */
package org.twofold.web.demo;
