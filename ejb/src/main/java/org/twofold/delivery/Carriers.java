package org.twofold.delivery;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditAction;
import org.twofold.audit.AuditTrail;
import org.twofold.site.Settings;

/**
 * The gateways, as {@link CarrierChoice} decides from configuration: texts and calls through
 * {@code TWOFOLD_CARRIER} (a list of {@code simulated} and {@code http}; the first is used, the next
 * tried once on failure), pushes by Web Push or to the virtual phones ({@code TWOFOLD_PUSH}). A channel
 * with no gateway refuses to deliver, and {@link #channels()} says so first, so that nobody is
 * offered what cannot arrive.
 */
@ApplicationScoped
public class Carriers {
    private static final Logger LOG = Logger.getLogger(Carriers.class.getName());

    @Inject
    private SimulatedCarrier simulated;

    @EJB
    private AuditTrail audit;

    @Inject
    private org.twofold.webpush.WebPushCarrier webPush;

    private volatile HttpCarrier http;
    private volatile CarrierChoice choice;

    /** The choice of this server's settings (read once). */
    public CarrierChoice choice() {
        CarrierChoice c = choice;
        if (c == null) {
            c = CarrierChoice.current();
            choice = c;
        }
        return c;
    }

    /** The channels this server can deliver through: what devices may be offered for. */
    public Channels channels() {
        return choice().channels();
    }

    private Failover failover() {
        List<Failover.Named> chain = new ArrayList<>();
        for (String name : choice().carriers()) {
            chain.add(new Failover.Named(name, name.equals(CarrierChoice.SIMULATED) ? simulated : http()));
        }
        return new Failover(chain, (name, e) -> {
            LOG.warning(() -> "Delivery through " + name + " failed: " + e.getMessage());
            audit.recordRefusal(Actor.system(), null, AuditAction.DELIVERY, "delivery_failed", name + ": " + e.getMessage());
        });
    }

    private HttpCarrier http() {
        HttpCarrier h = http;
        if (h == null) {
            Settings s = Settings.current();
            h = new HttpCarrier(URI.create(s.get(Settings.CARRIER_HTTP_URL)), s.get(Settings.CARRIER_HTTP_ACCOUNT),
                    s.get(Settings.CARRIER_HTTP_TOKEN).toCharArray(), s.get(Settings.CARRIER_HTTP_FROM),
                    URI.create(s.get(Settings.CARRIER_HTTP_CALLBACK)),
                    HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
            http = h;
        }
        return h;
    }

    /** What a channel without a gateway answers (not reached when {@link #channels()} is asked first). */
    private static TwofoldException undeliverable(String channel) {
        return new TwofoldException(ErrorCode.DELIVERY_FAILED, "this server has no " + channel + " channel configured");
    }

    @Produces
    SmsGateway sms() {
        if (choice().carriers().isEmpty()) {
            return (to, message) -> {
                throw undeliverable("text");
            };
        }
        return failover();
    }

    @Produces
    VoiceGateway voice() {
        if (choice().carriers().isEmpty()) {
            return (to, txid, announcement) -> {
                throw undeliverable("call");
            };
        }
        return failover();
    }

    @Produces
    PushGateway push() {
        return switch (choice().push()) {
            case CarrierChoice.WEBPUSH -> webPush;
            case CarrierChoice.SIMULATED -> simulated;
            default -> (to, request) -> {
                throw undeliverable("push");
            };
        };
    }
}
