package org.twofold.webpush;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditAction;
import org.twofold.audit.AuditTrail;
import org.twofold.delivery.PushGateway;
import org.twofold.delivery.PushRequest;
import org.twofold.delivery.Recipient;
import org.twofold.secret.Secrets;
import org.twofold.site.Settings;

/**
 * Pushes by standard Web Push to the Twofold approval app ({@code TWOFOLD_PUSH=webpush}): the
 * message carries only the transaction's id ({@code {"txid":"..."}}, encrypted to the
 * subscription, {@link Aes128Gcm}); the app fetches what to show over HTTPS with a signed request,
 * and signs its answer. Time to live: until the request times out. A subscription the push service
 * says is gone marks the device for re-enrollment ({@link ApprovalApps#gone}); any refusal fails
 * the push ({@code DELIVERY_FAILED}, audited {@code push.delivery}).
 */
@ApplicationScoped
@Typed(WebPushCarrier.class) // chosen by configuration (org.twofold.delivery.Carriers)
public class WebPushCarrier implements PushGateway {
    private static final Actor SERVICE = Actor.carrier("webpush", null);

    @EJB
    private ApprovalApps apps;

    @EJB
    private VapidKeys vapid;

    @Inject
    private Secrets secrets;

    @EJB
    private AuditTrail audit;

    @Inject
    private Clock clock;

    private volatile PushService service;

    private PushService service() {
        PushService s = service;
        if (s == null) {
            s = new PushService(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build(),
                    secrets.codes().random());
            service = s;
        }
        return s;
    }

    @Override
    public void push(Recipient to, PushRequest request) {
        ApprovalApps.Registered app = apps.subscription(to.deviceId()).orElseThrow(() -> new TwofoldException(ErrorCode.NO_CAPABLE_DEVICE));
        Instant now = clock.instant();
        byte[] payload = ("{\"txid\":\"" + request.txid() + "\"}").getBytes(StandardCharsets.US_ASCII);
        Duration ttl = request.deadline() == null ? Duration.ZERO : Duration.between(now, request.deadline());
        PushService.Outcome outcome = service().send(app.subscription(), payload, vapid.keyPair(), Settings.current().publicUrl(), ttl, now);
        if (outcome.result() == PushService.Result.DELIVERED) {
            return;
        }
        String where = Vapid.audience(app.subscription().endpoint());
        if (outcome.result() == PushService.Result.GONE) {
            apps.gone(SERVICE, app.username(), to.deviceId(), outcome.status());
        }
        audit.recordRefusal(SERVICE, app.username(), AuditAction.PUSH_DELIVERY, outcome.result() == PushService.Result.GONE ? "subscription_gone" : "refused",
                "device " + to.deviceId() + " " + where + " answered " + (outcome.status() == 0 ? "nothing" : Integer.toString(outcome.status())));
        throw new TwofoldException(ErrorCode.DELIVERY_FAILED);
    }
}
