package org.twofold.ws.duo;

import java.util.ArrayList;
import java.util.List;
import org.twofold.ErrorCode;
import org.twofold.auth.AuthOutcome;
import org.twofold.auth.PreauthAnswer;
import org.twofold.auth.TxState;
import org.twofold.auth.Verdict;
import org.twofold.device.Enrollment;
import org.twofold.ws.SoapWords;

/**
 * The Duo-compatible API's words for the domain's outcomes, as Duo's Auth API v2 names them: the
 * {@code result} ({@code allow}, {@code deny}, {@code waiting}), the {@code status} values
 * ({@code allow}, {@code bypass}, {@code deny}, {@code locked_out}, {@code pushed}, {@code calling},
 * {@code answered}, {@code sent}, {@code timeout}, {@code fraud}), device {@code type}s and
 * {@code capabilities}, and errors as Duo's {@code {"stat":"FAIL","code":…,"message":…}} with
 * HTTP status and five-digit code. The {@code status_msg} texts are SOAP's ({@link SoapWords}),
 * which kept Duo's own word for word. Where Twofold's answer is not Duo's, the README says so.
 */
final class DuoWords {
    private DuoWords() {
    }

    /** An error as Duo answers it: HTTP status, Duo's code, its message, and what it is about (may be null). */
    record Failure(int httpStatus, int code, String message, String detail) {
    }

    static final Failure MISSING_CREDENTIALS = new Failure(401, 40101, "Missing request credentials", null);
    static final Failure INVALID_SIGNATURE = new Failure(401, 40103, "Invalid signature in request credentials", null);
    static final Failure NOT_FOUND = new Failure(404, 40401, "Resource not found", null);
    static final Failure METHOD_NOT_ALLOWED = new Failure(405, 40501, "Method not allowed", null);

    /** A required parameter is missing (40001). */
    static Failure missing(String parameter) {
        return new Failure(400, 40001, "Missing required request parameters", parameter);
    }

    /** A parameter's value is not allowed (40002). */
    static Failure invalid(String parameter) {
        return new Failure(400, 40002, "Invalid request parameters", parameter);
    }

    /**
     * The error for a request the domain refused; {@code detail} names the parameter at fault where
     * the boundary knows it (else the domain's text). Credentials refused for any cause — unknown
     * key, disabled integration, wrong signature, stale date — are one answer (40103), so keys and
     * clocks cannot be probed; the audit trail keeps the cause.
     */
    static Failure error(ErrorCode code, String detail) {
        return switch (code) {
            case CREDENTIALS_REQUIRED -> MISSING_CREDENTIALS;
            case INVALID_CREDENTIALS -> INVALID_SIGNATURE;
            case TOO_MANY_REQUESTS -> new Failure(429, 42901, "Too Many Requests", null);
            case MISSING_FIELD -> missing(detail);
            case UNKNOWN_USER, USER_DISABLED, USER_EXISTS -> invalid("username");
            case NOT_PERMITTED -> new Failure(403, 40301, "Access forbidden", detail);
            case DEVICE_NOT_FOUND -> invalid("device");
            case FACTOR_NOT_ALLOWED -> invalid("factor");
            case UNKNOWN_TRANSACTION -> invalid("txid");
            case MALFORMED_REQUEST, INVALID_VALUE, INVALID_DATE, UNKNOWN_OPERATION, SCHEMA_INVALID -> invalid(detail);
            default -> new Failure(500, 50000, "Internal server error", null);
        };
    }

    /** Duo's {@code enroll_status} answer: {@code success}, {@code waiting} or {@code invalid}. */
    static String enrollStatus(Enrollment.LinkState state) {
        return switch (state) {
            case ACTIVATED -> "success";
            case WAITING -> "waiting";
            case INVALID -> "invalid";
        };
    }

    /** {@code allow}, {@code deny} or {@code waiting}. */
    static String result(AuthOutcome o) {
        return o.result().keyword();
    }

    /** Duo's {@code status} for an outcome. */
    static String status(AuthOutcome o) {
        return o.tx() != null ? status(o.tx().state()) : status(o.reason());
    }

    /** Duo's {@code status_msg}: SOAP's texts, which are Duo's. */
    static String message(AuthOutcome o) {
        return SoapWords.message(o);
    }

    /** Duo's {@code status_msg} of {@code preauth}: SOAP's texts. */
    static String message(PreauthAnswer.Reason reason) {
        return SoapWords.message(reason);
    }

    static String status(Verdict.Reason reason) {
        return switch (reason) {
            case ALLOWED -> "allow";
            case BYPASS_USER -> "bypass";
            case LOCKED_OUT -> "locked_out";
            // Duo has no separate status for a wrong passcode, an unusable device or a refused factor
            case INVALID_PASSCODE, REPLAYED_PASSCODE, REVOKED_PASSCODE, NO_DEVICE, NO_CAPABLE_DEVICE, WRONG_PASSWORD, UNKNOWN_USER, THROTTLED,
                 FACTOR_NOT_ALLOWED, DISABLED, DIRECTORY_UNAVAILABLE -> "deny";
        };
    }

    /** A push's, call's or text's status: the same values SOAP answers, which are Duo's. */
    static String status(TxState state) {
        return SoapWords.status(state);
    }

    /** Duo's device {@code type}: {@code token} for a hardware token, {@code phone} for every phone and tablet. */
    static String type(PreauthAnswer.Device d) {
        return "hardware_token".equals(d.type()) ? "token" : "phone";
    }

    /**
     * Duo's {@code capabilities}, in Duo's order: {@code auto} (the device can be pushed to or
     * called), {@code push}, {@code sms}, {@code phone}, {@code mobile_otp}.
     */
    static List<String> capabilities(PreauthAnswer.Device d) {
        List<String> can = d.capabilities();
        List<String> out = new ArrayList<>();
        if (can.contains("push") || can.contains("phone")) {
            out.add("auto");
        }
        for (String c : List.of("push", "sms", "phone", "mobile_otp")) {
            if (can.contains(c)) {
                out.add(c);
            }
        }
        return out;
    }
}
