package org.twofold.ws.duo;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.bson.BsonBinaryWriter;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditAction;
import org.twofold.auth.AuthOutcome;
import org.twofold.auth.Authentication;
import org.twofold.auth.PreauthAnswer;
import org.twofold.auth.Verdict;
import org.twofold.integration.Integration;
import org.twofold.integration.Integrations;
import org.twofold.integration.SignedRequest;

/**
 * {@code /rest/v1/*}: Duo's legacy REST v1 as duo_unix 1.x speaks it — the {@code pam_duo} PAM
 * module and {@code login_duo} of Debian 12 (libpam-duo, login-duo 1.11.3), which do not speak Auth
 * API v2 — so that SSH, sudo and console logins protected by them can use Twofold by changing
 * {@code host}, {@code ikey} and {@code skey}. Three endpoints, as duo_unix's {@code duo_login}
 * calls them: {@code POST preauth.bson} ({@code user}: {@code auth} with the menu {@link
 * DuoUnixWords#menu}, or {@code allow}/{@code deny}/{@code enroll} with a {@code status} text),
 * {@code POST auth.bson} ({@code factor=auto} and {@code auto}: what the user typed — a passcode or
 * an option's factor such as {@code push1} — with {@code async}, {@code ipaddr} and {@code pushinfo};
 * answered with a {@code txid} when async, else {@code result} and {@code status}) and {@code GET
 * status.bson} ({@code txid}; long-polled, {@code result} only once there is one). Answers are BSON
 * documents ({@code {stat: "OK", response: …}} or {@code {stat: "FAIL", code, message}}), written by
 * MongoDB's BSON library.
 *
 * <p>The request signature is Duo's oldest, which duo_unix 1.x sends: HMAC-SHA1 of method, host,
 * path and parameters, with no date ({@link CanonicalRequest#toSignUndated}), checked by {@link
 * Integrations#authenticateUndated} (the README says what that means). Everything else is as on
 * {@link DuoAuthApi}: the same integrations and rate, the same facade, the same audit.
 */
@WebServlet(urlPatterns = "/rest/v1/*")
public class DuoUnixApi extends DuoDoor {
    private static final long serialVersionUID = 1L;
    private static final String SUFFIX = ".bson";

    /** {@code duo.v1_preauth}, {@code duo.v1_auth}, {@code duo.v1_status}: apart from Auth API v2's endpoints of the same names. */
    @Override
    AuditAction action(String endpoint) {
        return AuditAction.duo("v1_" + endpoint);
    }

    /** {@code preauth.bson} names {@code preauth}; a path without the {@code .bson} suffix names none. */
    @Override
    String endpoint(HttpServletRequest request) {
        String name = super.endpoint(request);
        return name.endsWith(SUFFIX) ? name.substring(0, name.length() - SUFFIX.length()) : "";
    }

    @Override
    String method(String endpoint) {
        return switch (endpoint) {
            case "preauth", "auth" -> "POST";
            case "status" -> "GET";
            default -> null;
        };
    }

    @Override
    void answer(String endpoint, HttpServletRequest request, HttpServletResponse response) throws IOException {
        Call call = authenticated(request, endpoint);
        AuditAction action = action(endpoint);
        ok(response, switch (endpoint) {
            case "preauth" -> preauth(call, action);
            case "auth" -> auth(call, action);
            default -> status(call, action);
        });
    }

    // ---------------------------------------------------------------- endpoints

    private BsonDocument preauth(Call call, AuditAction action) {
        String user = required(call, action, "user");
        PreauthAnswer a = auth.preauth(actor(call, action), user);
        BsonDocument out = new BsonDocument("result", new BsonString(a.result().keyword()));
        if (a.result() != PreauthAnswer.Result.AUTH) {
            return out.append("status", new BsonString(DuoWords.message(a.reason())));
        }
        DuoUnixWords.Menu menu = DuoUnixWords.menu(user, a.devices());
        BsonDocument factors = new BsonDocument();
        menu.factors().forEach((option, factor) -> factors.append(option, new BsonString(factor)));
        return out.append("prompt", new BsonString(menu.prompt())).append("factors", factors);
    }

    private BsonDocument auth(Call call, AuditAction action) {
        String user = required(call, action, "user");
        String factor = required(call, action, "factor");
        if (!"auto".equals(factor)) {
            throw refuse(call.integration(), action, DuoWords.invalid("factor"), "invalid_value", "factor");
        }
        String typed = required(call, action, "auto");
        boolean async = flag(call, action, "async");
        AuthOutcome o = auth.secondPassword(actor(call, action), user, typed, pushInfo(call.param("pushinfo")), async);
        if (!async) {
            return outcome(o);
        }
        return new BsonDocument("txid", new BsonString(o.txid() != null ? o.txid() : DuoUnixWords.answeredTxid(o.verdict())));
    }

    private BsonDocument status(Call call, AuditAction action) {
        String txid = required(call, action, "txid");
        Optional<Verdict> answered = DuoUnixWords.answered(txid);
        return outcome(answered.isPresent() ? AuthOutcome.of(answered.get()) : auth.status(call.integration(), txid, Authentication.MAX_STATUS_WAIT));
    }

    /** {@code status}: the text the client shows; {@code result} ({@code allow}/{@code deny}) once there is one. */
    private static BsonDocument outcome(AuthOutcome o) {
        BsonDocument out = new BsonDocument();
        if (o.result() != AuthOutcome.Result.WAITING) {
            out.append("result", new BsonString(DuoWords.result(o)));
        }
        return out.append("status", new BsonString(DuoWords.message(o)));
    }

    // ---------------------------------------------------------------- request authentication

    /** Duo's undated signature: HMAC-SHA1 over method, host, path and the parameters as sent (the query of a GET, the body of a POST). */
    @Override
    Integration admit(Signed signed, Actor claimant, AuditAction action) {
        HttpServletRequest request = signed.request();
        String raw = "GET".equals(request.getMethod()) ? signed.query() : signed.body();
        Optional<SignedRequest> toSign = CanonicalRequest.toSignUndated(signed.credentials(), request.getMethod(), signed.host(), signed.path(),
                signed.params(), raw);
        if (toSign.isEmpty()) {
            throw refuse(claimant, AuditAction.INTEGRATION_AUTHENTICATE, DuoWords.INVALID_SIGNATURE, "signature_format", action.code());
        }
        return integrations.authenticateUndated(signed.credentials().key(), toSign.get(), request.getRemoteAddr());
    }

    // ---------------------------------------------------------------- answers

    private static void ok(HttpServletResponse response, BsonDocument body) throws IOException {
        write(response, 200, new BsonDocument("stat", new BsonString("OK")).append("response", body));
    }

    @Override
    void fail(HttpServletResponse response, DuoWords.Failure f) throws IOException {
        BsonDocument body = new BsonDocument("stat", new BsonString("FAIL")).append("code", new BsonInt32(f.code()))
                .append("message", new BsonString(f.message()));
        if (f.detail() != null) {
            body.append("message_detail", new BsonString(f.detail()));
        }
        write(response, f.httpStatus(), body);
    }

    /** The document in BSON (bsonspec.org), as duo_unix's {@code bson_find} reads it. */
    static byte[] bson(BsonDocument document) {
        BasicOutputBuffer out = new BasicOutputBuffer();
        try (BsonBinaryWriter writer = new BsonBinaryWriter(out)) {
            new BsonDocumentCodec().encode(writer, document, EncoderContext.builder().build());
        }
        return out.toByteArray();
    }

    private static void write(HttpServletResponse response, int status, BsonDocument body) throws IOException {
        byte[] bytes = bson(body);
        response.setStatus(status);
        response.setContentType("application/bson");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
