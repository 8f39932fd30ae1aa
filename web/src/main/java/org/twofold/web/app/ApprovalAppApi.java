package org.twofold.web.app;

import jakarta.ejb.EJB;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.twofold.TwofoldException;
import org.twofold.audit.Actor;
import org.twofold.auth.Authentication;
import org.twofold.auth.TxView;
import org.twofold.web.ClientAddress;
import org.twofold.webpush.AppAnswer;
import org.twofold.webpush.ApprovalApps;
import org.twofold.webpush.WaitingRequest;

/**
 * The approval app's JSON API under {@code /app/api/}:
 * <ul>
 * <li>{@code GET config}: the VAPID public key to subscribe with;</li>
 * <li>{@code POST register} {@code {code, endpoint, p256dh, auth, deviceKey}}: enrollment with the one-time code → {@code {deviceId}};</li>
 * <li>{@code POST renew} {@code {deviceId, endpoint, p256dh, auth, time, signature}}: the browser's renewed push subscription, signed by the device key;</li>
 * <li>{@code POST waiting} {@code {deviceId, time, signature}}: the requests waiting for the device;</li>
 * <li>{@code POST answer} {@code {deviceId, txid, decision, number, signature}}: approve, deny or fraud → {@code {state}}.</li>
 * </ul>
 * Signatures are base64url. Every refusal is a JSON {@code {error, message}} with the HTTP status
 * of its code (the domain audits it); a request body over 8 KiB or not JSON is refused unread.
 */
@WebServlet("/app/api/*")
public class ApprovalAppApi extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final int MAX_BODY = 8192;

    @EJB
    private transient ApprovalApps apps;

    @EJB
    private transient Authentication authentication;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"/config".equals(request.getPathInfo())) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        write(response, 200, Json.createObjectBuilder().add("vapidPublicKey", apps.vapidPublicKey()).build());
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String origin = ClientAddress.of(request);
        JsonObject in;
        try {
            in = read(request);
        } catch (JsonException | IllegalStateException | ClassCastException e) {
            error(response, 400, "MALFORMED_REQUEST", "The request is not a JSON object.");
            return;
        }
        try {
            switch (request.getPathInfo() == null ? "" : request.getPathInfo()) {
                case "/register" -> {
                    long deviceId = apps.register(Actor.activationLink(origin), in.getString("code", null), in.getString("endpoint", null),
                            in.getString("p256dh", null), in.getString("auth", null), in.getString("deviceKey", null));
                    write(response, 200, Json.createObjectBuilder().add("deviceId", deviceId).build());
                }
                case "/renew" -> {
                    long deviceId = in.getJsonNumber("deviceId").longValueExact();
                    apps.renew(Actor.device(deviceId, origin), deviceId, in.getString("endpoint", null), in.getString("p256dh", null),
                            in.getString("auth", null), in.getJsonNumber("time").longValueExact(), signature(in));
                    write(response, 200, Json.createObjectBuilder().add("deviceId", deviceId).build());
                }
                case "/waiting" -> {
                    long deviceId = in.getJsonNumber("deviceId").longValueExact();
                    JsonArrayBuilder list = Json.createArrayBuilder();
                    for (WaitingRequest w : authentication.appWaiting(Actor.device(deviceId, origin), deviceId,
                            in.getJsonNumber("time").longValueExact(), signature(in))) {
                        list.add(Json.createObjectBuilder().add("txid", w.txid()).add("application", w.application() == null ? "" : w.application())
                                .add("origin", w.origin() == null ? "" : w.origin()).add("time", w.time().toString())
                                .add("deadline", w.deadline().toString()).add("verified", w.verified()));
                    }
                    write(response, 200, Json.createObjectBuilder().add("requests", list).build());
                }
                case "/answer" -> {
                    long deviceId = in.getJsonNumber("deviceId").longValueExact();
                    TxView v = authentication.appAnswer(Actor.device(deviceId, origin), deviceId, in.getString("txid", null),
                            AppAnswer.Decision.parse(in.getString("decision", null)), in.getString("number", null), signature(in));
                    write(response, 200, Json.createObjectBuilder().add("state", v.state().keyword()).build());
                }
                default -> response.sendError(HttpServletResponse.SC_NOT_FOUND);
            }
        } catch (TwofoldException e) {
            int status = e.code().number() >= 400 && e.code().number() < 600 ? e.code().number() : 400;
            error(response, e.code() == org.twofold.ErrorCode.PUSH_ANSWER_REFUSED ? 403 : status, e.code().name(), e.code().text());
        } catch (NullPointerException | ClassCastException | ArithmeticException | IllegalArgumentException e) {
            error(response, 400, "INVALID_VALUE", "A field is missing or has a value that is not allowed.");
        }
    }

    private static byte[] signature(JsonObject in) {
        String s = in.getString("signature", "");
        return Base64.getUrlDecoder().decode(s.replace("=", ""));
    }

    private static JsonObject read(HttpServletRequest request) throws IOException {
        try (InputStream body = request.getInputStream()) {
            byte[] bytes = body.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new IllegalStateException("too large");
            }
            try (JsonReader reader = Json.createReader(new StringReader(new String(bytes, StandardCharsets.UTF_8)))) {
                return reader.readObject();
            }
        }
    }

    private static void error(HttpServletResponse response, int status, String code, String message) throws IOException {
        write(response, status, Json.createObjectBuilder().add("error", code).add("message", message).build());
    }

    private static void write(HttpServletResponse response, int status, JsonObject body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(body.toString());
    }
}
