package org.twofold.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.twofold.secret.Secrets;

/**
 * The embedded default carrier: texts, calls and pushes are not sent anywhere but stored as
 * messages of the device's virtual phone, where a person (the {@code /phone} page) or a test reads
 * them and answers. Stored in the database, so a call in progress is still on the phone after a
 * restart; bodies are sealed, since texts carry passcodes.
 */
@ApplicationScoped
@Typed(SimulatedCarrier.class) // the gateways themselves are chosen by configuration (Carriers)
public class SimulatedCarrier implements SmsGateway, VoiceGateway, PushGateway {
    private static final String PURPOSE = "simulated-carrier";

    @PersistenceContext(unitName = "twofold")
    private EntityManager em;

    @Inject
    private Secrets secrets;

    @Inject
    private Clock clock;

    @Override
    public void text(Recipient to, String message) {
        deliver(to, SimulatedMessage.Kind.TEXT, null, message);
    }

    @Override
    public void call(Recipient to, String txid, String announcement) {
        deliver(to, SimulatedMessage.Kind.CALL, txid, "Incoming call" + (to.extension() == null ? "" : " (extension " + to.extension() + ")")
                + ": " + announcement);
    }

    @Override
    public void push(Recipient to, PushRequest request) {
        deliver(to, SimulatedMessage.Kind.PUSH, request.txid(), "Login request: " + (request.application() == null ? "" : request.application())
                + (request.origin() == null ? "" : " from " + request.origin()) + " at " + request.time()
                + (request.verified() ? " — enter the number shown on your login screen" : ""));
    }

    private void deliver(Recipient to, SimulatedMessage.Kind kind, String txid, String body) {
        em.persist(new SimulatedMessage(to.deviceId(), kind, txid, secrets.box().seal(body.getBytes(StandardCharsets.UTF_8), PURPOSE), clock.instant()));
    }

    /** The virtual phone's messages, newest first. */
    public List<PhoneMessage> messages(long deviceId) {
        return em.createQuery("SELECT m FROM SimulatedMessage m WHERE m.deviceId = :d ORDER BY m.id DESC", SimulatedMessage.class)
                .setParameter("d", deviceId).setMaxResults(50).getResultList().stream()
                .map(m -> new PhoneMessage(m.getId(), m.getKind(), m.getTxid(),
                        new String(secrets.box().open(m.sealedBody(), PURPOSE), StandardCharsets.UTF_8), m.getCreatedAt()))
                .toList();
    }
}
