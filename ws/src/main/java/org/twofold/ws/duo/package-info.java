/**
 * The Duo-compatible Auth API v2 ({@code /auth/v2}): Duo's request signature read back ({@link
 * org.twofold.ws.duo.CanonicalRequest}), Duo's words for the domain's outcomes ({@link
 * org.twofold.ws.duo.DuoWords}) and the servlet that translates between them and the
 * authentication facade ({@link org.twofold.ws.duo.DuoAuthApi}). No rule lives here.
 */
package org.twofold.ws.duo;
