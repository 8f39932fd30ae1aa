package org.twofold.ws.duo;

import jakarta.ejb.EJB;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditAction;
import org.twofold.auth.AuthOutcome;
import org.twofold.auth.Authentication;
import org.twofold.auth.PreauthAnswer;
import org.twofold.device.Enrollment;
import org.twofold.integration.Integration;
import org.twofold.integration.Integrations;
import org.twofold.integration.SignedRequest;
import org.twofold.policy.Factor;

/**
 * {@code /auth/v2/*}: the Duo-compatible Auth API v2, so that software written for Duo (its client
 * libraries, scripts and portals that speak Auth API v2) can use Twofold by changing the host name
 * and the key pair. Endpoints: {@code GET ping} (unsigned), {@code GET check}, {@code GET logo},
 * {@code POST enroll}, {@code POST enroll_status}, {@code POST preauth}, {@code POST auth},
 * {@code GET auth_status}, with Duo's parameter names and
 * answers in Duo's JSON ({@link DuoWords}). Requests are signed as Duo's clients sign them ({@link
 * CanonicalRequest}); the integration's key and secret are Duo's {@code ikey}/{@code skey}, checked by
 * {@link Integrations#authenticateSigned} (enabled, constant-time signature, fresh date, and the
 * integration's request rate, shared with its SOAP calls). Every decision is the authentication
 * facade's ({@link Authentication}), as for every other door; this class only translates.
 *
 * <p>A plain servlet rather than Jakarta REST: the signature covers the raw body and the exact
 * parameters as sent, which a servlet reads directly (a REST resource would need a filter to
 * buffer and re-read them), and six fixed endpoints need no routing framework, no JSON binding and
 * no second application class beside the SOAP endpoint in the same WAR.
 */
@WebServlet(urlPatterns = "/auth/v2/*")
public class DuoAuthApi extends DuoDoor {
    private static final long serialVersionUID = 1L;
    /** Duo's default validity of an enrollment's activation code: a day. */
    private static final long DEFAULT_VALID_SECS = 86_400;

    @EJB
    private transient Enrollment enrollment;

    @Override
    AuditAction action(String endpoint) {
        return AuditAction.duo(endpoint);
    }

    @Override
    String method(String endpoint) {
        return switch (endpoint) {
            case "ping", "check", "logo", "auth_status" -> "GET";
            case "preauth", "auth", "enroll", "enroll_status" -> "POST";
            default -> null;
        };
    }

    @Override
    void answer(String endpoint, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if ("ping".equals(endpoint)) {
            ok(response, Json.createObjectBuilder().add("time", now()));
            return;
        }
        Call call = authenticated(request, endpoint);
        switch (endpoint) {
            case "check" -> ok(response, Json.createObjectBuilder().add("time", now()));
            case "logo" -> throw refuse(call.integration(), AuditAction.duo("logo"), new DuoWords.Failure(404, 40401, "Resource not found", "No logo is configured"),
                    "no_logo", null);
            case "preauth" -> ok(response, preauth(call));
            case "auth" -> ok(response, auth(call));
            case "enroll" -> ok(response, enroll(call));
            case "enroll_status" -> ok(response, Json.createValue(enrollStatus(call)));
            default -> ok(response, authStatus(call));
        }
    }

    // ---------------------------------------------------------------- endpoints

    private JsonObjectBuilder preauth(Call call) {
        String username = username(call, AuditAction.duo("preauth"));
        PreauthAnswer a = auth.preauth(actor(call, AuditAction.duo("preauth")), username);
        JsonObjectBuilder out = Json.createObjectBuilder().add("result", a.result().keyword()).add("status_msg", DuoWords.message(a.reason()));
        if (a.result() == PreauthAnswer.Result.AUTH) {
            JsonArrayBuilder devices = Json.createArrayBuilder();
            for (PreauthAnswer.Device d : a.devices()) {
                JsonObjectBuilder device = Json.createObjectBuilder().add("device", Long.toString(d.id())).add("type", DuoWords.type(d))
                        .add("name", d.displayName() == null ? "" : d.displayName());
                if (d.maskedNumber() != null) {
                    device.add("number", d.maskedNumber());
                }
                if (d.displayName() != null) {
                    device.add("display_name", d.maskedNumber() == null ? d.displayName() : d.displayName() + " (" + d.maskedNumber() + ")");
                }
                JsonArrayBuilder capabilities = Json.createArrayBuilder();
                DuoWords.capabilities(d).forEach(capabilities::add);
                device.add("capabilities", capabilities);
                if (d.smsNextcode() != null) {
                    device.add("sms_nextcode", d.smsNextcode());
                }
                devices.add(device);
            }
            out.add("devices", devices);
        }
        return out;
    }

    private JsonObjectBuilder auth(Call call) {
        String username = username(call, AuditAction.duo("auth"));
        String factorText = call.param("factor");
        if (factorText == null || factorText.isBlank()) {
            throw refuse(call.integration(), AuditAction.duo("auth"), DuoWords.missing("factor"), "missing_field", "factor");
        }
        Factor factor;
        try {
            factor = Factor.parse(factorText);
        } catch (TwofoldException e) {
            throw refuse(call.integration(), AuditAction.duo("auth"), DuoWords.invalid("factor"), "invalid_value", "factor");
        }
        boolean async = flag(call, AuditAction.duo("auth"), "async");
        Actor actor = actor(call, AuditAction.duo("auth"));
        AuthOutcome o;
        if (factor == Factor.PASSCODE) {
            try {
                o = auth.passcode(actor, username, call.param("passcode"));
            } catch (TwofoldException e) {
                // the facade refused (and audited) a blank passcode; Duo's answer names the parameter
                throw e.code() == ErrorCode.MISSING_FIELD ? new Refused(DuoWords.missing("passcode")) : e;
            }
        } else {
            o = auth.start(actor, username, factor, call.param("device"), pushInfo(call.param("pushinfo")), async);
        }
        if (async && o.txid() != null) {
            return Json.createObjectBuilder().add("txid", o.txid());
        }
        return outcome(o);
    }

    /**
     * Duo's {@code enroll}: a new user and a smartphone without a number that its owner activates
     * with the link (Enrollment.inviteNewUser decides, audits and refuses). {@code user_id} is the
     * username (Twofold names users by username); {@code valid_secs} defaults to Duo's day;
     * {@code bypass_codes} are not made here (they would let the integration log in as the user).
     */
    private JsonObjectBuilder enroll(Call call) {
        String username = call.param("username");
        if (username == null || username.isBlank()) {
            throw refuse(call.integration(), AuditAction.duo("enroll"), DuoWords.missing("username"), "missing_field", "username");
        }
        long validSecs;
        try {
            validSecs = call.param("valid_secs") == null ? DEFAULT_VALID_SECS : Long.parseLong(call.param("valid_secs").trim());
        } catch (NumberFormatException e) {
            throw refuse(call.integration(), AuditAction.duo("enroll"), DuoWords.invalid("valid_secs"), "invalid_value", "valid_secs");
        }
        String bypass = call.param("bypass_codes");
        if (bypass != null && !bypass.isBlank() && !"0".equals(bypass.trim())) {
            throw refuse(call.integration(), AuditAction.duo("enroll"), DuoWords.invalid("bypass_codes"), "invalid_value", "bypass_codes");
        }
        Enrollment.UserInvitation invited;
        try {
            invited = enrollment.inviteNewUser(call.integration(), username, Duration.ofSeconds(validSecs));
        } catch (TwofoldException e) {
            // the domain refused (and audited); Duo's answer names the parameter
            if (e.code() == ErrorCode.INVALID_VALUE) {
                throw new Refused(DuoWords.invalid(e.getMessage() != null && e.getMessage().startsWith("username") ? "username" : "valid_secs"));
            }
            throw e;
        }
        return Json.createObjectBuilder().add("activation_barcode", invited.barcode()).add("activation_code", invited.code())
                .add("activation_url", invited.link()).add("expiration", invited.expiresAt().getEpochSecond())
                .add("user_id", invited.username()).add("username", invited.username());
    }

    /** Duo's {@code enroll_status}: {@code success}, {@code waiting} or {@code invalid} for a user and an activation code. */
    private String enrollStatus(Call call) {
        for (String name : List.of("user_id", "activation_code")) {
            if (call.param(name) == null || call.param(name).isBlank()) {
                throw refuse(call.integration(), AuditAction.duo("enroll_status"), DuoWords.missing(name), "missing_field", name);
            }
        }
        return DuoWords.enrollStatus(enrollment.linkState(call.param("user_id"), call.param("activation_code")));
    }

    private JsonObjectBuilder authStatus(Call call) {
        String txid = call.param("txid");
        if (txid == null || txid.isBlank()) {
            throw refuse(call.integration(), AuditAction.duo("auth_status"), DuoWords.missing("txid"), "missing_field", "txid");
        }
        return outcome(auth.status(call.integration(), txid, Authentication.MAX_STATUS_WAIT));
    }

    private static JsonObjectBuilder outcome(AuthOutcome o) {
        return Json.createObjectBuilder().add("result", DuoWords.result(o)).add("status", DuoWords.status(o)).add("status_msg", DuoWords.message(o));
    }

    // ---------------------------------------------------------------- request authentication

    /** Signature versions 2, 4 and 5 ({@link CanonicalRequest}), over a {@code Date} or {@code X-Duo-Date} within the freshness window. */
    @Override
    Integration admit(Signed signed, Actor claimant, AuditAction action) {
        HttpServletRequest request = signed.request();
        String date = request.getHeader("X-Duo-Date") != null ? request.getHeader("X-Duo-Date") : request.getHeader("Date");
        Optional<Instant> at = CanonicalRequest.date(date);
        if (at.isEmpty()) {
            throw refuse(claimant, AuditAction.INTEGRATION_AUTHENTICATE, DuoWords.MISSING_CREDENTIALS, "no_date", action.code());
        }
        Optional<SignedRequest> toSign = CanonicalRequest.toSign(signed.credentials(), date, at.get(), request.getMethod(), signed.host(),
                signed.path(), signed.params(), signed.json() ? signed.body() : "", duoHeaders(request));
        if (toSign.isEmpty()) {
            throw refuse(claimant, AuditAction.INTEGRATION_AUTHENTICATE, DuoWords.INVALID_SIGNATURE, "signature_format", action.code());
        }
        return integrations.authenticateSigned(signed.credentials().key(), toSign.get(), request.getRemoteAddr());
    }

    /** The request's {@code X-Duo-*} headers (signature version 5 signs them), names in lower case; a repeated one's last value. */
    private static Map<String, String> duoHeaders(HttpServletRequest request) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("x-duo-")) {
                Collections.list(request.getHeaders(name)).forEach(value -> out.put(lower, value));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- parameters

    /** The username; Twofold knows users by name only, so a {@code user_id} alone is refused naming it. */
    private String username(Call call, AuditAction action) {
        String username = call.param("username");
        if (username == null || username.isBlank()) {
            boolean byId = call.param("user_id") != null;
            throw refuse(call.integration(), action, byId ? DuoWords.invalid("user_id") : DuoWords.missing("username"),
                    byId ? "invalid_value" : "missing_field", byId ? "user_id" : "username");
        }
        return username;
    }

    // ---------------------------------------------------------------- answers

    private static void ok(HttpServletResponse response, JsonObjectBuilder body) throws IOException {
        ok(response, body.build());
    }

    private static void ok(HttpServletResponse response, JsonValue body) throws IOException {
        write(response, 200, Json.createObjectBuilder().add("stat", "OK").add("response", body).build());
    }

    @Override
    void fail(HttpServletResponse response, DuoWords.Failure f) throws IOException {
        JsonObjectBuilder body = Json.createObjectBuilder().add("stat", "FAIL").add("code", f.code()).add("message", f.message());
        if (f.detail() != null) {
            body.add("message_detail", f.detail());
        }
        write(response, f.httpStatus(), body.build());
    }

    private static void write(HttpServletResponse response, int status, JsonValue body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(body.toString());
    }
}
