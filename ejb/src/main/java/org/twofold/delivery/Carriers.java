package org.twofold.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditTrail;
import org.twofold.site.Settings;

/**
 * Chooses the gateways by configuration ({@code TWOFOLD_CARRIER}: a list of {@code simulated} and
 * {@code http}; the first is used, the next tried once on failure). Pushes always go through the
 * simulated carrier: Twofold has no push provider for real apps yet.
 */
@ApplicationScoped
public class Carriers {
    private static final Logger LOG = Logger.getLogger(Carriers.class.getName());

    @Inject
    private SimulatedCarrier simulated;

    @Inject
    private AuditTrail audit;

    private volatile HttpCarrier http;

    /** The configured carrier names, in order. */
    public static List<String> configured() {
        return Arrays.stream(Settings.current().find(Settings.CARRIER).orElse("simulated").split(","))
                .map(s -> s.trim().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).toList();
    }

    private Failover failover() {
        List<Failover.Named> chain = new ArrayList<>();
        for (String name : configured()) {
            switch (name) {
                case "simulated" -> chain.add(new Failover.Named(name, simulated));
                case "http" -> chain.add(new Failover.Named(name, http()));
                default -> throw new IllegalStateException("TWOFOLD_CARRIER names an unknown carrier: " + name + " (simulated or http)");
            }
        }
        return new Failover(chain, (name, e) -> {
            LOG.warning(() -> "Delivery through " + name + " failed: " + e.getMessage());
            audit.recordRefusal(Actor.system(), null, "delivery", "delivery_failed", name + ": " + e.getMessage());
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

    @Produces
    SmsGateway sms() {
        return failover();
    }

    @Produces
    VoiceGateway voice() {
        return failover();
    }

    @Produces
    PushGateway push() {
        return simulated;
    }
}
