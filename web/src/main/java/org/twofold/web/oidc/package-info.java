/**
 * The OpenID Connect provider's HTTP door: discovery, the JWK set, the token and userinfo endpoints
 * ({@link org.twofold.web.oidc.OidcEndpoints}, for relying parties' servers) and the authorization and
 * end-session endpoints ({@link org.twofold.web.oidc.OidcAuthorize}, for browsers), which send the
 * person through the same login prompt as every page login ({@link org.twofold.web.login.PromptReturn}).
 * They live in the pages' module because the login is the pages' session. Every decision is the
 * domain's ({@code org.twofold.oidc}); these classes translate HTTP.
 */
package org.twofold.web.oidc;
