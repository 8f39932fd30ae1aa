package org.twofold.web.oidc;

import jakarta.ejb.EJB;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.twofold.audit.Actor;
import org.twofold.oidc.AuthenticationMethods;
import org.twofold.oidc.ClientCredentials;
import org.twofold.oidc.OidcError;
import org.twofold.oidc.OpenIdProvider;
import org.twofold.oidc.TokenAnswer;
import org.twofold.web.ClientAddress;

/**
 * What relying parties' servers call: the provider metadata ({@code /.well-known/openid-configuration},
 * OpenID Connect Discovery 1.0 §4), the JWK set ({@code /oidc/jwks}), the token endpoint
 * ({@code /oidc/token}, Core §3.1.3: {@code client_secret_basic}, {@code client_secret_post}, or
 * {@code none} for a public client with PKCE) and the userinfo endpoint ({@code /oidc/userinfo},
 * Core §5.3, bearer token in the {@code Authorization} header). Answers are JSON, never cached;
 * errors are RFC 6749 §5.2's ({@code invalid_client} with 401) and RFC 6750 §3's.
 */
@WebServlet(name = "OidcEndpoints", urlPatterns = {"/.well-known/openid-configuration", "/oidc/jwks", "/oidc/token", "/oidc/userinfo"})
public class OidcEndpoints extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @EJB
    private transient OpenIdProvider provider;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        switch (request.getServletPath()) {
            case "/.well-known/openid-configuration" -> json(response, 200, metadata().build().toString());
            case "/oidc/jwks" -> json(response, 200, provider.jwks());
            case "/oidc/userinfo" -> userinfo(request, response);
            default -> response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        switch (request.getServletPath()) {
            case "/oidc/token" -> token(request, response);
            case "/oidc/userinfo" -> userinfo(request, response);
            default -> response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
        }
    }

    private static JsonObjectBuilder metadata() {
        String issuer = OpenIdProvider.issuer();
        return Json.createObjectBuilder()
                .add("issuer", issuer)
                .add("authorization_endpoint", issuer + "/oidc/authorize")
                .add("token_endpoint", issuer + "/oidc/token")
                .add("userinfo_endpoint", issuer + "/oidc/userinfo")
                .add("jwks_uri", issuer + "/oidc/jwks")
                .add("end_session_endpoint", issuer + "/oidc/logout")
                .add("response_types_supported", array("code"))
                .add("response_modes_supported", array("query"))
                .add("grant_types_supported", array("authorization_code"))
                .add("subject_types_supported", array("public"))
                .add("id_token_signing_alg_values_supported", array("RS256"))
                .add("scopes_supported", array(OpenIdProvider.scopes().toArray(String[]::new)))
                .add("token_endpoint_auth_methods_supported", array("client_secret_basic", "client_secret_post", "none"))
                .add("code_challenge_methods_supported", array("S256"))
                .add("claims_supported", array("sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "acr", "amr", "azp", "preferred_username", "name"))
                .add("acr_values_supported", array(AuthenticationMethods.ACR_MFA, AuthenticationMethods.ACR_SFA))
                .add("prompt_values_supported", array("none", "login"))
                .add("claims_parameter_supported", false)
                .add("request_parameter_supported", false)
                .add("request_uri_parameter_supported", false)
                .add("authorization_response_iss_parameter_supported", true);
    }

    private static JsonArrayBuilder array(String... values) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        for (String v : values) {
            a.add(v);
        }
        return a;
    }

    private void token(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Actor actor = Actor.anonymous(ClientAddress.of(request));
        String basic = request.getHeader("Authorization");
        try {
            String repeated = repeatedParameter(request);
            if (repeated != null) {
                throw new OidcError("invalid_request", repeated + " is repeated");
            }
            if (request.getQueryString() != null) {
                throw new OidcError("invalid_request", "parameters go in the form body, not the URL");
            }
            ClientCredentials credentials = credentials(basic, request.getParameter("client_id"), request.getParameter("client_secret"));
            TokenAnswer t = provider.redeem(Actor.anonymous(actor.origin()), credentials, request.getParameter("grant_type"), request.getParameter("code"),
                    request.getParameter("redirect_uri"), request.getParameter("code_verifier"));
            json(response, 200, Json.createObjectBuilder().add("access_token", t.accessToken()).add("token_type", "Bearer")
                    .add("expires_in", t.expiresIn()).add("id_token", t.idToken()).add("scope", t.scope()).build().toString());
        } catch (OidcError e) {
            if ("invalid_client".equals(e.error()) && basic != null) {
                response.setHeader("WWW-Authenticate", "Basic realm=\"twofold\"");
            }
            json(response, "invalid_client".equals(e.error()) ? 401 : 400,
                    Json.createObjectBuilder().add("error", e.error()).add("error_description", e.description()).build().toString());
        }
    }

    /**
     * Who the client says it is: HTTP Basic ({@code client_secret_basic}, RFC 6749 §2.3.1: id and
     * secret form-encoded, then Base64), or {@code client_id} and {@code client_secret} in the form
     * ({@code client_secret_post}), or {@code client_id} alone ({@code none}); never two at once.
     */
    static ClientCredentials credentials(String authorization, String clientId, String clientSecret) {
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            if (clientSecret != null) {
                throw new OidcError("invalid_request", "one client authentication method at a time");
            }
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new OidcError("invalid_client", "malformed Basic credentials");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw new OidcError("invalid_client", "malformed Basic credentials");
            }
            String id = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
            if (clientId != null && !clientId.equals(id)) {
                throw new OidcError("invalid_request", "client_id differs from the authenticated client");
            }
            return new ClientCredentials(id, URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8), "client_secret_basic");
        }
        return new ClientCredentials(clientId, clientSecret, clientSecret == null ? "none" : "client_secret_post");
    }

    private void userinfo(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String authorization = request.getHeader("Authorization");
        String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7).trim() : null;
        try {
            Map<String, Object> claims = provider.userinfo(Actor.anonymous(ClientAddress.of(request)), token);
            JsonObjectBuilder out = Json.createObjectBuilder();
            claims.forEach((k, v) -> out.add(k, String.valueOf(v)));
            json(response, 200, out.build().toString());
        } catch (OidcError e) {
            response.setHeader("WWW-Authenticate", token == null ? "Bearer realm=\"twofold\"" : "Bearer realm=\"twofold\", error=\"invalid_token\"");
            json(response, 401, Json.createObjectBuilder().add("error", e.error()).add("error_description", e.description()).build().toString());
        }
    }

    /** The first parameter sent more than once, or null (RFC 6749 §3.1 and §3.2: each at most once). */
    static String repeatedParameter(HttpServletRequest request) {
        for (Map.Entry<String, String[]> e : request.getParameterMap().entrySet()) {
            if (e.getValue().length > 1) {
                return e.getKey().length() > 40 ? "a parameter" : e.getKey();
            }
        }
        return null;
    }

    private static void json(HttpServletResponse response, int status, String body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
        response.getWriter().write(body);
    }
}
