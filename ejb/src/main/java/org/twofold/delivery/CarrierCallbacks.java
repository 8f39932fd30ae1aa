package org.twofold.delivery;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.util.Map;
import java.util.Optional;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditAction;
import org.twofold.audit.AuditTrail;
import org.twofold.auth.PhoneCalls;
import org.twofold.site.Settings;

/**
 * Call progress reported by the HTTP carrier to {@code /carrier/callback}: accepted only with a
 * valid request signature (HMAC-SHA1 under the account's token, Twilio's {@code X-Twilio-Signature}
 * scheme), then applied to the call it names. Forged or unsigned requests are refused and audited.
 */
@Stateless
public class CarrierCallbacks {
    private static final Actor CARRIER = Actor.carrier("http", null);

    @EJB
    private PhoneCalls calls;

    @EJB
    private AuditTrail audit;

    /**
     * @param rawQuery   the request's query string exactly as received (signed as part of the URL)
     * @param query      the same query's parameters, decoded
     * @param body       the POSTed form parameters (signed as parameters)
     * @param signature  the request's signature header
     * @return the event applied, or empty if the request was refused
     */
    public Optional<CallEvent> accept(String rawQuery, Map<String, String> query, Map<String, String> body, String signature, String origin) {
        Settings settings = Settings.current();
        Optional<String> token = settings.find(Settings.CARRIER_HTTP_TOKEN);
        Optional<String> callback = settings.find(Settings.CARRIER_HTTP_CALLBACK);
        // The URL as the carrier requested it: the configured public callback address (the one
        // given to the carrier) with the query the request arrived with.
        String url = callback.map(c -> (c.contains("?") ? c.substring(0, c.indexOf('?')) : c) + (rawQuery == null ? "" : "?" + rawQuery)).orElse("");
        if (token.isEmpty() || callback.isEmpty() || !HttpCarrier.validSignature(token.get().toCharArray(), url, body, signature)) {
            audit.recordRequestRefusal(CARRIER.from(origin), AuditAction.CARRIER_CALLBACK, "bad_signature", null);
            return Optional.empty();
        }
        java.util.Map<String, String> all = new java.util.HashMap<>(body);
        all.putAll(query);
        CallEvent event = HttpCarrier.parseCallback(all);
        if (event.txid() != null && event.kind() != CallEvent.Kind.IGNORED && !VoiceGateway.announcementOnly(event.txid())) {
            calls.fromCarrier(CARRIER.from(origin), event.txid(), event.kind());
        }
        return Optional.of(event);
    }
}
