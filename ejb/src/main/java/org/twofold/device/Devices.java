package org.twofold.device;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditTrail;
import org.twofold.auth.Factor;
import org.twofold.passcode.CodeKind;
import org.twofold.passcode.IssuedCodes;
import org.twofold.delivery.Recipient;
import org.twofold.secret.Secrets;
import org.twofold.user.User;
import org.twofold.user.Users;

/**
 * A user's devices: listing (in enrollment order, which is the user-facing index order), picking
 * the n-th device that can serve a factor ({@code push2} = the second push-capable device), and
 * disabling a lost or stolen one, which takes effect at once for every interface.
 */
@Stateless
public class Devices {
    @PersistenceContext(unitName = "twofold")
    private EntityManager em;

    @Inject
    private Users users;

    @Inject
    private AuditTrail audit;

    @Inject
    private IssuedCodes codes;

    @Inject
    private Secrets secrets;

    @Inject
    private org.twofold.auth.Transactions transactions;

    @Inject
    private Clock clock;

    public List<DeviceView> list(String username) {
        return users.find(username).map(u -> of(u).stream().map(DeviceView::of).toList()).orElseThrow(() -> new TwofoldException(ErrorCode.UNKNOWN_USER));
    }

    List<Device> of(User user) {
        return em.createNamedQuery(Device.OF_USER, Device.class).setParameter("user", user).getResultList();
    }

    /**
     * The {@code index}-th (1-based) active device of the user that can serve {@code factor}, in
     * enrollment order; empty if there is none.
     */
    public Optional<DeviceView> select(String username, Factor factor, int index) {
        User user = users.find(username).orElseThrow(() -> new TwofoldException(ErrorCode.UNKNOWN_USER));
        return nth(user, factor, index).map(DeviceView::of);
    }

    /** The user's {@code index}-th (1-based) active device that can serve {@code factor}, in enrollment order. */
    private Optional<Device> nth(User user, Factor factor, int index) {
        return index < 1 ? Optional.empty() : of(user).stream().filter(d -> d.serves(factor)).skip(index - 1L).findFirst();
    }

    /**
     * The {@code index}-th device of the user that can serve {@code factor}, as a delivery
     * recipient with its number unsealed — for the delivery services only.
     *
     * @throws TwofoldException {@code NO_CAPABLE_DEVICE}
     */
    public Recipient recipient(User user, Factor factor, int index) {
        Device d = nth(user, factor, index).orElse(null);
        if (d == null || (factor != Factor.PUSH && d.getSealedNumber() == null)) {
            throw new TwofoldException(ErrorCode.NO_CAPABLE_DEVICE);
        }
        String number = d.getSealedNumber() == null ? null
                : new String(secrets.box().open(d.getSealedNumber(), Device.NUMBER_PURPOSE), java.nio.charset.StandardCharsets.UTF_8);
        return new Recipient(d.getId(), number, d.getExtension());
    }

    /**
     * The 1-based index, among the user's devices that can serve {@code factor}, of the device
     * {@code deviceId}; for integrators that name a device by id.
     *
     * @throws TwofoldException {@code NO_CAPABLE_DEVICE} if that device is not the user's or cannot
     */
    public int indexOf(String username, Factor factor, long deviceId) {
        User user = users.find(username).orElseThrow(() -> new TwofoldException(ErrorCode.UNKNOWN_USER));
        List<Device> capable = of(user).stream().filter(d -> d.serves(factor)).toList();
        for (int i = 0; i < capable.size(); i++) {
            if (capable.get(i).getId() == deviceId) {
                return i + 1;
            }
        }
        throw new TwofoldException(ErrorCode.NO_CAPABLE_DEVICE);
    }

    /** A device with its owner, for the simulated carrier's list of virtual phones. */
    public record OwnedDevice(String username, DeviceView device) {
    }

    /** Every active device that can receive a push, a call or a text, by owner (at most 500). */
    public List<OwnedDevice> allReachable() {
        return em.createQuery("SELECT d FROM Device d JOIN FETCH d.user WHERE d.state = :active ORDER BY d.id", Device.class)
                .setParameter("active", DeviceState.ACTIVE).setMaxResults(500).getResultList().stream()
                .filter(d -> d.getKind().canPush() || d.getKind().canCall() || d.getKind().canSms())
                .map(d -> new OwnedDevice(d.getUser().getUsername(), DeviceView.of(d))).toList();
    }

    /** Disables a device at once (lost or stolen phone). */
    public void disable(Actor actor, String username, long deviceId) {
        User user = users.requireForUpdate(actor, username, "device.disable");
        Device device = of(user).stream().filter(d -> d.getId() == deviceId).findFirst().orElseThrow(() -> {
            audit.recordRefusal(actor, user.getUsername(), "device.disable", "device_not_found", "device " + deviceId);
            return new TwofoldException(ErrorCode.DEVICE_NOT_FOUND);
        });
        DeviceState before = device.getState();
        device.disable();
        // Texts already on a lost phone must not work either: SMS passcodes belong to the user, so
        // disabling any device that receives them revokes them all (the user can ask for a new batch).
        int revoked = device.getKind().canSms() ? codes.revokeAll(user, CodeKind.SMS, clock.instant()) : 0;
        int cancelled = transactions.cancelPendingOf(actor, deviceId);
        audit.record(actor, user.getUsername(), "device.disable", "done", null,
                "device " + deviceId + " (" + device.getKind().name().toLowerCase(java.util.Locale.ROOT) + ") " + before.name().toLowerCase(java.util.Locale.ROOT)
                        + " → disabled" + (revoked > 0 ? ", " + revoked + " SMS passcode(s) revoked" : "")
                        + (cancelled > 0 ? ", " + cancelled + " pending request(s) cancelled" : ""));
    }
}
