package org.twofold.delivery;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A real carrier speaking Twilio's REST API (version 2010-04-01) over {@link HttpClient}: texts are
 * created as Message resources ({@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json} with
 * {@code To}, {@code From}, {@code Body}, twilio.com/docs/messaging/api/message-resource), calls as
 * Call resources ({@code POST .../Calls.json} with {@code To}, {@code From}, inline {@code Twiml},
 * {@code SendDigits}, {@code StatusCallback}, {@code StatusCallbackEvent},
 * twilio.com/docs/voice/api/call-resource), both form-encoded and authenticated with HTTP Basic
 * (RFC 7617) as Account SID : Auth Token (twilio.com/docs/usage/requests-to-twilio).
 *
 * <p>A call says the announcement inside a TwiML {@code <Gather numDigits="1">}
 * (twilio.com/docs/voice/twiml/gather); the key press comes back to the Gather's action URL and the
 * call's progress to the status callback, both at the configured callback URL with {@code txid}
 * and {@code event} ({@code key} or {@code status}) in the query string. The web boundary checks
 * {@link #validSignature} and turns the request into a {@link CallEvent} with
 * {@link #parseCallback}.
 *
 * <p>Any refusal, network error or time-out is a {@link DeliveryException} whose message names the
 * HTTP status and the masked recipient only.
 */
public final class HttpCarrier implements SmsGateway, VoiceGateway {
    /** How long Twilio may take to answer one request before the delivery counts as failed. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final String API_VERSION = "2010-04-01";
    private static final Pattern ACCOUNT_SID = Pattern.compile("[A-Za-z0-9]+");
    /** Twilio's error body is JSON with a numeric {@code code}; only that number is ever reported. */
    private static final Pattern ERROR_CODE = Pattern.compile("\"code\"\\s*:\\s*(\\d{1,9})");

    private final String baseUrl;
    private final String accountSid;
    private final char[] authToken;
    private final String fromNumber;
    private final String callbackUrl;
    private final HttpClient client;
    private final Duration timeout;

    /**
     * @param baseUrl where the API lives, {@code https://api.twilio.com} in production
     * @param accountSid the account, also the Basic-auth user name
     * @param authToken the account's auth token; copied, so the caller may clear its array
     * @param fromNumber the Twilio number texts and calls come from, E.164
     * @param callbackUrl the public URL Twilio posts key presses and call progress to
     */
    public HttpCarrier(URI baseUrl, String accountSid, char[] authToken, String fromNumber, URI callbackUrl, HttpClient client) {
        this(baseUrl, accountSid, authToken, fromNumber, callbackUrl, client, TIMEOUT);
    }

    HttpCarrier(URI baseUrl, String accountSid, char[] authToken, String fromNumber, URI callbackUrl, HttpClient client, Duration timeout) {
        String base = Objects.requireNonNull(baseUrl, "baseUrl").toString();
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        if (accountSid == null || !ACCOUNT_SID.matcher(accountSid).matches()) {
            throw new IllegalArgumentException("account SID must be letters and digits");
        }
        this.accountSid = accountSid;
        this.authToken = Objects.requireNonNull(authToken, "authToken").clone();
        this.fromNumber = Objects.requireNonNull(fromNumber, "fromNumber");
        this.callbackUrl = Objects.requireNonNull(callbackUrl, "callbackUrl").toString();
        this.client = Objects.requireNonNull(client, "client");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public void text(Recipient to, String message) {
        List<String[]> form = new ArrayList<>();
        form.add(new String[] {"To", number(to, "text")});
        form.add(new String[] {"From", fromNumber});
        form.add(new String[] {"Body", message});
        post("Messages.json", form, to, "text");
    }

    /**
     * Places the call. A landline's extension is dialled after the callee picks up, through
     * {@code SendDigits}: two half-second waits ({@code w}) first, and each comma of the extension (a
     * dialling pause in {@link org.twofold.device.PhoneNumber}) as a {@code w}, the only pause
     * Twilio accepts there.
     */
    @Override
    public void call(Recipient to, String txid, String announcement) {
        List<String[]> form = new ArrayList<>();
        form.add(new String[] {"To", number(to, "call")});
        form.add(new String[] {"From", fromNumber});
        form.add(new String[] {"Twiml", twiml(txid, announcement)});
        if (to.extension() != null && !to.extension().isBlank()) {
            form.add(new String[] {"SendDigits", "ww" + to.extension().strip().replace(',', 'w')});
        }
        form.add(new String[] {"StatusCallback", callback(txid, "status")});
        // Repeated fields, as Twilio reads a list parameter; "answered" arrives as CallStatus
        // in-progress, "completed" as the final status (completed, busy, no-answer, ...).
        form.add(new String[] {"StatusCallbackEvent", "answered"});
        form.add(new String[] {"StatusCallbackEvent", "completed"});
        post("Calls.json", form, to, "call");
    }

    /**
     * Whether {@code signatureHeader} (the {@code X-Twilio-Signature} request header) is Twilio's
     * signature of a callback (twilio.com/docs/usage/security#validating-requests): Base64 of
     * HMAC-SHA1, keyed with the auth token, over {@code fullUrl} followed by every POST parameter
     * sorted by name, each name then value, without separators. Compared in constant time.
     *
     * @param fullUrl the URL exactly as Twilio requested it, scheme, host, port and query included
     *     (the public URL, not one rewritten by a proxy)
     * @param params the form fields of the POST body only; query parameters such as {@code txid}
     *     are part of {@code fullUrl} and must not be repeated here
     * @return false for a missing header or token as well as for a wrong signature
     */
    public static boolean validSignature(char[] authToken, String fullUrl, Map<String, String> params, String signatureHeader) {
        if (authToken == null || authToken.length == 0 || fullUrl == null || signatureHeader == null || signatureHeader.isEmpty()) {
            return false;
        }
        StringBuilder signed = new StringBuilder(fullUrl);
        new TreeMap<>(params == null ? Map.<String, String>of() : params)
                .forEach((name, value) -> signed.append(name).append(value == null ? "" : value));
        byte[] key = utf8(authToken);
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            byte[] expected = Base64.getEncoder().encode(mac.doFinal(signed.toString().getBytes(StandardCharsets.UTF_8)));
            return MessageDigest.isEqual(expected, signatureHeader.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is not available", e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * Reads a callback of a call placed by {@link #call}: {@code event=key} with a non-empty
     * {@code Digits} is a key press; {@code event=status} maps {@code CallStatus}
     * {@code in-progress} to answered, {@code completed} to hung up, {@code busy},
     * {@code no-answer}, {@code failed} and {@code canceled} to not answered. Everything else,
     * including a callback without {@code txid}, is ignored.
     *
     * <p>{@code completed} is also what Twilio sends when the call ends after a key press: the
     * key callback comes first and ends the transaction, so the hang-up that follows meets an
     * ended transaction and changes nothing. Telling the two apart here would need state.
     *
     * @param params the query parameters and form fields of the request together
     */
    public static CallEvent parseCallback(Map<String, String> params) {
        String txid = params.get("txid");
        if (txid == null || txid.isBlank()) {
            return new CallEvent(null, CallEvent.Kind.IGNORED);
        }
        String digits = params.get("Digits");
        String status = params.get("CallStatus");
        CallEvent.Kind kind = switch (String.valueOf(params.get("event"))) {
            case "key" -> digits == null || digits.isEmpty() ? CallEvent.Kind.IGNORED : CallEvent.Kind.KEY_PRESSED;
            case "status" -> switch (String.valueOf(status)) {
                case "in-progress" -> CallEvent.Kind.ANSWERED;
                case "completed" -> CallEvent.Kind.HUNG_UP;
                case "busy", "no-answer", "failed", "canceled" -> CallEvent.Kind.NOT_ANSWERED;
                default -> CallEvent.Kind.IGNORED;
            };
            default -> CallEvent.Kind.IGNORED;
        };
        return new CallEvent(txid, kind);
    }

    private String twiml(String txid, String announcement) {
        return "<Response><Gather numDigits=\"1\" action=\"" + xml(callback(txid, "key")) + "\" method=\"POST\">"
                + "<Say>" + xml(announcement) + "</Say></Gather></Response>";
    }

    private String callback(String txid, String event) {
        return callbackUrl + (callbackUrl.contains("?") ? "&" : "?") + "txid=" + form(Objects.requireNonNull(txid, "txid")) + "&event=" + event;
    }

    private static String number(Recipient to, String what) {
        if (to.e164() == null || to.e164().isBlank()) {
            throw new DeliveryException("no phone number to " + what + " for " + to);
        }
        return to.e164();
    }

    private void post(String resource, List<String[]> fields, Recipient to, String what) {
        StringBuilder body = new StringBuilder();
        for (String[] field : fields) {
            body.append(body.length() == 0 ? "" : "&").append(form(field[0])).append('=').append(form(field[1]));
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/" + API_VERSION + "/Accounts/" + accountSid + "/" + resource))
                .timeout(timeout)
                .header("Authorization", basicAuthorization())
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new DeliveryException("Twilio did not answer the " + what + " to " + to + " within " + timeout.toMillis() + " ms", e);
        } catch (IOException e) {
            throw new DeliveryException("Twilio could not be reached for the " + what + " to " + to + " (" + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted while sending the " + what + " to " + to, e);
        }
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            // Never the body itself: Twilio's error message repeats the whole number.
            Matcher code = ERROR_CODE.matcher(response.body() == null ? "" : response.body());
            throw new DeliveryException("Twilio refused the " + what + " to " + to + ": HTTP " + status
                    + (code.find() ? ", Twilio error " + code.group(1) : ""));
        }
    }

    /** RFC 7617 credentials, built without turning the token into a String of its own. */
    private String basicAuthorization() {
        CharBuffer credentials = CharBuffer.allocate(accountSid.length() + 1 + authToken.length);
        credentials.put(accountSid).put(':').put(authToken).flip();
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(credentials);
        byte[] raw = new byte[encoded.remaining()];
        encoded.get(raw);
        try {
            return "Basic " + Base64.getEncoder().encodeToString(raw);
        } finally {
            Arrays.fill(raw, (byte) 0);
            Arrays.fill(credentials.array(), '\0');
            if (encoded.hasArray()) {
                Arrays.fill(encoded.array(), (byte) 0);
            }
        }
    }

    private static byte[] utf8(char[] chars) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        return bytes;
    }

    private static String form(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }

    /** Escapes text for an XML 1.0 element or attribute; control characters XML forbids are dropped. */
    private static String xml(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
