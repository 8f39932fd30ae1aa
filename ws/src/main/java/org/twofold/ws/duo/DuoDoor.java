package org.twofold.ws.duo;

import jakarta.ejb.EJB;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.stream.JsonParsingException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditAction;
import org.twofold.audit.AuditTrail;
import org.twofold.auth.Authentication;
import org.twofold.integration.Integration;
import org.twofold.integration.Integrations;
import org.twofold.ws.BoundedBody;

/**
 * What Duo's two APIs have in common, whichever of their encodings a door answers in: endpoints
 * chosen by path and method, requests signed with the integration key and secret (read here, checked
 * by {@link Integrations}), parameters from the query and a form or JSON body, refusals audited and
 * answered as Duo's errors ({@link DuoWords.Failure}), the user's address ({@code ipaddr}) and
 * {@code pushinfo} read as Duo's clients send them. A door ({@link DuoAuthApi} for Auth API v2 in
 * JSON, {@link DuoUnixApi} for duo_unix's REST v1 in BSON) names its endpoints, checks its
 * signature form, calls the authentication facade and writes its answers.
 */
abstract class DuoDoor extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(DuoDoor.class.getName());
    /** The largest request body read; Duo's requests are a few hundred bytes. */
    static final int MAX_BYTES = 64 * 1024;

    @EJB
    transient Authentication auth;

    @EJB
    transient Integrations integrations;

    @EJB
    transient AuditTrail audit;

    /** A refusal a door makes, already audited. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient DuoWords.Failure failure;

        Refused(DuoWords.Failure failure) {
            super(failure.message(), null, false, false);
            this.failure = failure;
        }
    }

    /** What one request brings: its endpoint, parameters, and once authenticated, who calls. */
    record Call(String endpoint, Map<String, List<String>> params, Actor integration) {
        String param(String name) {
            List<String> values = params.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    /**
     * A signed request as received, for the door to check: the credentials, the request, the host
     * it named, the full path, the parameters the signature covers (query and form body), the raw
     * query and body, and whether the body is JSON.
     */
    record Signed(CanonicalRequest.Credentials credentials, HttpServletRequest request, String host, String path,
                  Map<String, List<String>> params, String query, String body, boolean json) {
    }

    /** The audit action of a request to {@code endpoint} (the Duo area's, named by the endpoint). */
    abstract AuditAction action(String endpoint);

    /** The endpoint a request's path names, or {@code ""}. */
    String endpoint(HttpServletRequest request) {
        return request.getPathInfo() == null ? "" : request.getPathInfo().substring(1);
    }

    /** The HTTP method {@code endpoint} answers, or null for an endpoint this door does not have. */
    abstract String method(String endpoint);

    /** Answers a request to a known endpoint with the right method. */
    abstract void answer(String endpoint, HttpServletRequest request, HttpServletResponse response) throws IOException;

    /**
     * The integration whose signature {@code signed} carries, checked in this door's signature form;
     * refusals audited and thrown ({@link Refused} or the domain's {@link TwofoldException}).
     */
    abstract Integration admit(Signed signed, Actor claimant, AuditAction action);

    /** Writes Duo's error in this door's encoding. */
    abstract void fail(HttpServletResponse response, DuoWords.Failure failure) throws IOException;

    @Override
    protected final void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String endpoint = endpoint(request);
        String expected = method(endpoint);
        try {
            if (expected == null) {
                throw refuse(Actor.integration(Actor.UNKNOWN, request.getRemoteAddr()), action("request"), DuoWords.NOT_FOUND, "unknown_endpoint",
                        clip(endpoint));
            }
            if (!expected.equals(request.getMethod())) {
                throw refuse(Actor.integration(Actor.UNKNOWN, request.getRemoteAddr()), action(endpoint), DuoWords.METHOD_NOT_ALLOWED,
                        "method_not_allowed", clip(request.getMethod()));
            }
            answer(endpoint, request, response);
        } catch (Refused e) {
            fail(response, e.failure);
        } catch (RuntimeException e) {
            Optional<TwofoldException> refused = TwofoldException.in(e);
            if (refused.isPresent()) {
                fail(response, DuoWords.error(refused.get().code(), refused.get().getMessage()));
            } else {
                LOG.log(Level.WARNING, "A Duo API request failed", e);
                fail(response, DuoWords.error(ErrorCode.SERVER_ERROR, null));
            }
        }
    }

    // ---------------------------------------------------------------- request authentication

    /** The request's parameters and the integration whose signature it carries; refusals are audited. */
    final Call authenticated(HttpServletRequest request, String endpoint) throws IOException {
        AuditAction action = action(endpoint);
        String origin = request.getRemoteAddr();
        Optional<CanonicalRequest.Credentials> credentials = CanonicalRequest.credentials(request.getHeader("Authorization"));
        String claimed = credentials.map(CanonicalRequest.Credentials::key).map(DuoDoor::clip).orElse(Actor.UNKNOWN);
        Actor claimant = Actor.integration(claimed, origin);
        if (credentials.isEmpty()) {
            throw refuse(claimant, AuditAction.INTEGRATION_AUTHENTICATE, DuoWords.MISSING_CREDENTIALS, "no_credentials", action.code());
        }
        byte[] raw = BoundedBody.read(request.getInputStream(), MAX_BYTES);
        if (raw == null) {
            throw refuse(claimant, action, DuoWords.invalid("body"), "too_large", null);
        }
        String body = new String(raw, StandardCharsets.UTF_8);
        boolean json = request.getContentType() != null && request.getContentType().toLowerCase(Locale.ROOT).startsWith("application/json");
        Map<String, List<String>> signed;
        Map<String, List<String>> params;
        try {
            signed = CanonicalRequest.form(request.getQueryString());
            params = new LinkedHashMap<>(signed);
            if (json) {
                params.putAll(jsonParams(body));
            } else {
                signed.putAll(CanonicalRequest.form(body));
                params = signed;
            }
        } catch (IllegalArgumentException | JsonException e) {
            throw refuse(claimant, action, DuoWords.invalid("body"), "malformed_request", null);
        }
        // HTTP/1.1 requests name the host in Host; without it (HTTP/2's :authority) the server's name and port
        String host = request.getHeader("Host") != null ? request.getHeader("Host") : request.getServerName() + ":" + request.getServerPort();
        String path = request.getServletPath() + request.getPathInfo();
        String query = request.getQueryString() == null ? "" : request.getQueryString();
        Integration integration = admit(new Signed(credentials.get(), request, host, path, signed, query, body, json), claimant, action);
        return new Call(endpoint, params, Actor.integration(integration.getIntegrationKey(), origin));
    }

    /** A JSON body's members as parameters: strings as they are, numbers and booleans as written, null as absent. */
    private static Map<String, List<String>> jsonParams(String body) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (body.isBlank()) {
            return out;
        }
        JsonObject object;
        try (var reader = Json.createReader(new StringReader(body))) {
            object = reader.readObject();
        } catch (JsonParsingException | ClassCastException e) {
            throw new JsonException("not a JSON object", e);
        }
        object.forEach((name, value) -> {
            switch (value.getValueType()) {
                case STRING -> out.put(name, List.of(((JsonString) value).getString()));
                case NUMBER, TRUE, FALSE -> out.put(name, List.of(value.toString()));
                case NULL -> {
                }
                default -> throw new JsonException(name + " is not a string");
            }
        });
        return out;
    }

    // ---------------------------------------------------------------- parameters

    /** The value of a required parameter; missing or blank is refused naming it. */
    final String required(Call call, AuditAction action, String name) {
        String value = call.param(name);
        if (value == null || value.isBlank()) {
            throw refuse(call.integration(), action, DuoWords.missing(name), "missing_field", name);
        }
        return value;
    }

    /** The calling integration acting for a user at {@code ipaddr} (optional; must be an IP address, audited otherwise). */
    final Actor actor(Call call, AuditAction action) {
        try {
            return auth.onBehalfOf(call.integration(), call.param("ipaddr"), action);
        } catch (TwofoldException e) {
            throw new Refused(DuoWords.invalid("ipaddr"));
        }
    }

    /** A flag: Duo's clients send {@code 1}/{@code 0} (also {@code true}/{@code false}); absent is false. */
    final boolean flag(Call call, AuditAction action, String name) {
        String v = call.param(name);
        if (v == null || v.isBlank()) {
            return false;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "1", "true" -> true;
            case "0", "false" -> false;
            default -> throw refuse(call.integration(), action, DuoWords.invalid(name), "invalid_value", name);
        };
    }

    /**
     * What the push shows of Duo's {@code pushinfo} (URL-encoded key/value pairs such as {@code
     * from=login%20portal&domain=example.com}): {@code from: login portal, domain: example.com}.
     */
    static String pushInfo(String pushinfo) {
        if (pushinfo == null || pushinfo.isBlank()) {
            return null;
        }
        try {
            return CanonicalRequest.form(pushinfo).entrySet().stream().map(e -> e.getKey() + ": " + String.join(" ", e.getValue()))
                    .collect(Collectors.joining(", "));
        } catch (IllegalArgumentException e) {
            return pushinfo;
        }
    }

    // ---------------------------------------------------------------- answers

    /** Audits a refusal made here and returns it to be thrown. */
    final Refused refuse(Actor actor, AuditAction action, DuoWords.Failure failure, String reason, String detail) {
        audit.recordRefusal(actor, null, action, reason, detail);
        return new Refused(failure);
    }

    static long now() {
        return Clock.systemUTC().instant().getEpochSecond();
    }

    static String clip(String s) {
        return s == null ? null : s.length() > 32 ? s.substring(0, 32) : s;
    }
}
