/**
 * The Duo-compatible APIs: Auth API v2 ({@code /auth/v2}, {@link org.twofold.ws.duo.DuoAuthApi}, JSON)
 * and duo_unix's REST v1 ({@code /rest/v1}, {@link org.twofold.ws.duo.DuoUnixApi}, BSON), over what
 * they share ({@link org.twofold.ws.duo.DuoDoor}): Duo's request signatures read back ({@link
 * org.twofold.ws.duo.CanonicalRequest}) and Duo's words for the domain's outcomes ({@link
 * org.twofold.ws.duo.DuoWords}, {@link org.twofold.ws.duo.DuoUnixWords}). The servlets translate
 * between them and the authentication facade. No rule lives here.
 */
package org.twofold.ws.duo;
