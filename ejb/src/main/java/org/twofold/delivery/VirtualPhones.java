package org.twofold.delivery;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditAction;
import org.twofold.audit.AuditTrail;
import org.twofold.auth.AuthTransaction;
import org.twofold.auth.PhoneCalls;
import org.twofold.auth.PushPrompt;
import org.twofold.auth.Transactions;
import org.twofold.auth.TxState;
import org.twofold.auth.TxView;
import org.twofold.device.Devices;
import org.twofold.site.Settings;

/**
 * The simulated carrier's virtual phones, as the {@code /phone} page shows and works them: every
 * reachable device, what arrived on it with the state of its request, and the phone's answers —
 * approve (with the verified-push number), deny, report fraud, answer, press a key, hang up. A
 * phone acts only on its own requests. Only while the simulator is on ({@link CarrierChoice}), and
 * only for the addresses {@link PhoneAccess} lets in ({@link #admit}).
 */
@Stateless
public class VirtualPhones {
    @EJB
    private Devices devices;

    @Inject
    private SimulatedCarrier carrier;

    @EJB
    private Transactions transactions;

    @EJB
    private PushPrompt push;

    @EJB
    private PhoneCalls calls;

    @Inject
    private Carriers carriers;

    @EJB
    private AuditTrail audit;

    private volatile PhoneAccess access;

    /** A message on a phone with the state of the request it belongs to (null for a text). */
    public record Item(PhoneMessage message, TxState state, boolean verified) {
    }

    public boolean enabled() {
        return carriers.choice().simulator();
    }

    /**
     * Whether a request for {@code /phone} (the page or any request it makes) from {@code address}
     * is served, refused (audited: {@code phone.open} refused {@code address_not_allowed}) or
     * answered as if nothing were there (simulator off).
     *
     * @param forwarded whether a proxy forwarded it ({@code Forwarded}, {@code X-Forwarded-For})
     */
    public PhoneAccess.Answer admit(String address, boolean forwarded) {
        PhoneAccess a = access;
        if (a == null) {
            a = PhoneAccess.of(enabled(), Settings.current().find(Settings.PHONE_ALLOWED_FROM).orElse(null));
            access = a;
        }
        PhoneAccess.Answer answer = a.decide(address, forwarded);
        if (answer == PhoneAccess.Answer.REFUSED) {
            audit.recordRefusal(Actor.anonymous(address), null, AuditAction.PHONE_OPEN, forwarded ? "forwarded" : "address_not_allowed", null);
        }
        return answer;
    }

    private void requireEnabled() {
        if (!enabled()) {
            throw new TwofoldException(ErrorCode.NOT_PERMITTED, "virtual phones exist only with the simulated carrier");
        }
    }

    public List<Devices.OwnedDevice> phones() {
        requireEnabled();
        return devices.allReachable();
    }

    public List<Item> screen(long deviceId) {
        requireEnabled();
        return carrier.messages(deviceId).stream().map(m -> {
            if (m.txid() == null || VoiceGateway.announcementOnly(m.txid())) {
                return new Item(m, null, false);
            }
            TxView v = transactions.status(m.txid());
            return new Item(m, v.state(), v.verifyNumber() != null);
        }).toList();
    }

    public TxView approve(long deviceId, String txid, String number) {
        own(deviceId, txid);
        return push.respond(phone(deviceId), txid, true, number, false);
    }

    public TxView deny(long deviceId, String txid, boolean fraud) {
        own(deviceId, txid);
        return push.respond(phone(deviceId), txid, false, null, fraud);
    }

    public TxView answer(long deviceId, String txid) {
        own(deviceId, txid);
        return calls.answered(phone(deviceId), txid);
    }

    public TxView pressKey(long deviceId, String txid) {
        own(deviceId, txid);
        return calls.keyPressed(phone(deviceId), txid);
    }

    public TxView hangUp(long deviceId, String txid) {
        own(deviceId, txid);
        return calls.hungUp(phone(deviceId), txid);
    }

    private void own(long deviceId, String txid) {
        requireEnabled();
        AuthTransaction t = transactions.lock(txid);
        if (t.getDeviceId() == null || t.getDeviceId() != deviceId) {
            throw new TwofoldException(ErrorCode.UNKNOWN_TRANSACTION);
        }
    }

    private static Actor phone(long deviceId) {
        return Actor.device(deviceId, "simulated carrier");
    }

    /** The kind of a message in lower case, for pages. */
    public static String kindOf(Item item) {
        return item.message().kind().name().toLowerCase(Locale.ROOT);
    }
}
