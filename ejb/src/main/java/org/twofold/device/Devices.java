package org.twofold.device;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.twofold.DisplayName;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditAction;
import org.twofold.audit.AuditTrail;
import org.twofold.delivery.Carriers;
import org.twofold.delivery.Recipient;
import org.twofold.passcode.CodeKind;
import org.twofold.passcode.IssuedCodes;
import org.twofold.policy.Factor;
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

    @EJB
    private Users users;

    @EJB
    private AuditTrail audit;

    @EJB
    private IssuedCodes codes;

    @Inject
    private Secrets secrets;

    @Inject
    private Event<DeviceDisabled> disabled;

    @Inject
    private Clock clock;

    @Inject
    private Carriers carriers;

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
        return index < 1 ? Optional.empty() : of(user).stream().filter(d -> d.serves(factor, carriers.channels())).skip(index - 1L).findFirst();
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
     * Every active device of the user that takes texts, as a delivery recipient with its number
     * unsealed — for notices about the account (e.g. a new bypass code), for the delivery services only.
     */
    public List<Recipient> textable(User user) {
        return of(user).stream().filter(d -> d.serves(Factor.SMS) && d.getSealedNumber() != null)
                .map(d -> new Recipient(d.getId(), new String(secrets.box().open(d.getSealedNumber(), Device.NUMBER_PURPOSE),
                        java.nio.charset.StandardCharsets.UTF_8), d.getExtension()))
                .toList();
    }

    /**
     * The 1-based index, among the user's devices that can serve {@code factor}, of the device
     * {@code deviceId}; for integrators that name a device by id.
     *
     * @throws TwofoldException {@code NO_CAPABLE_DEVICE} if that device is not the user's or cannot
     */
    public int indexOf(String username, Factor factor, long deviceId) {
        User user = users.find(username).orElseThrow(() -> new TwofoldException(ErrorCode.UNKNOWN_USER));
        List<Device> capable = of(user).stream().filter(d -> d.serves(factor, carriers.channels())).toList();
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
        // Pending phones too: a phone being added receives its verification text or activation link.
        return em.createQuery("SELECT d FROM Device d JOIN FETCH d.user WHERE d.state <> :disabled ORDER BY d.id", Device.class)
                .setParameter("disabled", DeviceState.DISABLED).setMaxResults(500).getResultList().stream()
                .filter(d -> d.getKind().canPush() || d.getKind().canCall() || d.getKind().canSms())
                .map(d -> new OwnedDevice(d.getUser().getUsername(), DeviceView.of(d))).toList();
    }

    /** Disables a device at once (lost or stolen phone). */
    public void disable(Actor actor, String username, long deviceId) {
        User user = users.requireForUpdate(actor, username, AuditAction.DEVICE_DISABLE);
        Device device = of(user).stream().filter(d -> d.getId() == deviceId).findFirst().orElseThrow(() -> {
            audit.recordRefusal(actor, user.getUsername(), AuditAction.DEVICE_DISABLE, "device_not_found", "device " + deviceId);
            return new TwofoldException(ErrorCode.DEVICE_NOT_FOUND);
        });
        DeviceState before = device.getState();
        device.disable();
        // Texts already on a lost phone must not work either: SMS passcodes belong to the user, so
        // disabling any device that receives them revokes them all (the user can ask for a new batch).
        int revoked = device.getKind().canSms() ? codes.revokeAll(user, CodeKind.SMS, clock.instant()) : 0;
        audit.record(actor, user.getUsername(), AuditAction.DEVICE_DISABLE, "done", null,
                "device " + deviceId + " (" + device.getKind().name().toLowerCase(java.util.Locale.ROOT) + ") " + before.name().toLowerCase(java.util.Locale.ROOT)
                        + " → disabled" + (revoked > 0 ? ", " + revoked + " SMS passcode(s) revoked" : ""));
        // the requests waiting on it end now, each audited as cancelled
        disabled.fire(new DeviceDisabled(actor, user.getUsername(), deviceId));
    }

    /**
     * The approval app's push service answered that its subscription is gone (404/410): the
     * device is {@link DeviceState#STALE} — not offered, shown so to the user and the help desk —
     * until the app is enrolled again. Audited {@code device.stale}.
     */
    public void needsReenrollment(Actor actor, String username, long deviceId, String why) {
        // One statement that reads no user: a push being sent holds its user's row lock, and this
        // runs beside it in a transaction of its own (the owner's name is given for the audit).
        int changed = em.createQuery("UPDATE Device d SET d.state = :stale WHERE d.id = :id AND d.state = :active")
                .setParameter("stale", DeviceState.STALE).setParameter("id", deviceId).setParameter("active", DeviceState.ACTIVE).executeUpdate();
        if (changed == 1) {
            audit.record(actor, username, AuditAction.DEVICE_STALE, "done", why, "device " + deviceId + " (approval app) needs re-enrollment");
        }
    }

    private Device own(Actor actor, User user, long deviceId, AuditAction action) {
        return of(user).stream().filter(d -> d.getId() == deviceId).findFirst().orElseThrow(() -> {
            audit.recordRefusal(actor, user.getUsername(), action, "device_not_found", "device " + deviceId);
            return new TwofoldException(ErrorCode.DEVICE_NOT_FOUND);
        });
    }

    /** Renames one of the user's devices ({@link DisplayName#checked}); the name it already has changes nothing. */
    public void rename(Actor actor, String username, long deviceId, String name) {
        String n;
        try {
            n = DisplayName.checked(name, "device");
        } catch (TwofoldException e) {
            throw audit.refused(actor, username, AuditAction.DEVICE_RENAME, e, "device " + deviceId);
        }
        User user = users.require(actor, username, AuditAction.DEVICE_RENAME);
        Device device = own(actor, user, deviceId, AuditAction.DEVICE_RENAME);
        String before = device.getName();
        if (n.equals(before)) {
            return; // a repeated post of the same rename: nothing to change, nothing to audit
        }
        device.rename(n);
        audit.record(actor, user.getUsername(), AuditAction.DEVICE_RENAME, "done", null, "device " + deviceId + " '" + before + "' → '" + n + "'");
    }

    /**
     * Removes one of the user's devices: first disabled as {@link #disable} does (texted codes
     * revoked, pending requests cancelled), then deleted with its activation codes; the audit
     * trail keeps its history. It stops being the default device.
     */
    public void remove(Actor actor, String username, long deviceId) {
        User user = users.requireForUpdate(actor, username, AuditAction.DEVICE_REMOVE);
        Device device = own(actor, user, deviceId, AuditAction.DEVICE_REMOVE);
        String what = Enrollment.describe(device);
        if (device.getState() != DeviceState.DISABLED) {
            disable(actor, username, deviceId);
        }
        em.createQuery("DELETE FROM Activation a WHERE a.deviceId = :d").setParameter("d", deviceId).executeUpdate();
        // a security key's credential goes with its device
        em.createQuery("DELETE FROM SecurityKey k WHERE k.deviceId = :d").setParameter("d", deviceId).executeUpdate();
        // and an approval app's registration (subscription, device key)
        em.createQuery("DELETE FROM PushApp p WHERE p.deviceId = :d").setParameter("d", deviceId).executeUpdate();
        em.remove(device);
        if (user.getDefaultDeviceId() != null && user.getDefaultDeviceId() == deviceId) {
            user.choosePreferences(null, user.getDefaultFactor());
        }
        audit.record(actor, user.getUsername(), AuditAction.DEVICE_REMOVE, "done", null, what);
    }

    /**
     * The user's default device and factor: {@code deviceId} must be one of their active devices
     * (null for none), {@code factor} one it can serve ({@code push}, {@code phone}, {@code sms},
     * {@code passcode}; null or blank for none).
     */
    public void choosePreferences(Actor actor, String username, Long deviceId, String factor) {
        User user = users.require(actor, username, AuditAction.DEVICE_PREFERENCES);
        Factor f = factor == null || factor.isBlank() ? null : Factor.parse(factor);
        if (f == Factor.AUTO) {
            f = null;
        }
        if (deviceId != null) {
            Device device = own(actor, user, deviceId, AuditAction.DEVICE_PREFERENCES);
            if (device.getState() != DeviceState.ACTIVE || f != null && !device.serves(f)) {
                audit.recordRefusal(actor, user.getUsername(), AuditAction.DEVICE_PREFERENCES, "not_capable", "device " + deviceId + (f == null ? "" : " " + f.keyword()));
                throw new TwofoldException(ErrorCode.NO_CAPABLE_DEVICE, "that device cannot be used for " + (f == null ? "logging in" : f.keyword()) + " now");
            }
        }
        user.choosePreferences(deviceId, f == null ? null : f.keyword());
        audit.record(actor, user.getUsername(), AuditAction.DEVICE_PREFERENCES, "done", null,
                "default device " + (deviceId == null ? "none" : deviceId) + ", default factor " + (f == null ? "none" : f.keyword()));
    }

    /** The user's default device id and factor keyword as chosen ({@code null} parts: no preference). */
    public record Preferences(Long deviceId, String factor) {
    }

    public Preferences preferences(String username) {
        User user = users.find(username).orElseThrow(() -> new TwofoldException(ErrorCode.UNKNOWN_USER));
        return new Preferences(user.getDefaultDeviceId(), user.getDefaultFactor());
    }

    /**
     * The 1-based index, among the user's devices that can serve {@code factor}, of the device to
     * use when the caller names none: the user's default device if it can, else the first.
     */
    public int preferredIndex(String username, Factor factor) {
        User user = users.find(username).orElseThrow(() -> new TwofoldException(ErrorCode.UNKNOWN_USER));
        Long preferred = user.getDefaultDeviceId();
        if (preferred != null) {
            List<Device> capable = of(user).stream().filter(d -> d.serves(factor, carriers.channels())).toList();
            for (int i = 0; i < capable.size(); i++) {
                if (capable.get(i).getId().equals(preferred)) {
                    return i + 1;
                }
            }
        }
        return 1;
    }

    /**
     * What {@code auto} means for this user: their default factor if it is push or phone and one of
     * their active devices can serve it; else push if a device can, else a phone call.
     */
    public Factor automaticFactor(String username) {
        User user = users.find(username).orElseThrow(() -> new TwofoldException(ErrorCode.UNKNOWN_USER));
        List<Device> all = of(user);
        String preferred = user.getDefaultFactor();
        for (Factor f : List.of(Factor.PUSH, Factor.PHONE)) {
            if (f.keyword().equals(preferred) && all.stream().anyMatch(d -> d.serves(f, carriers.channels()))) {
                return f;
            }
        }
        return all.stream().anyMatch(d -> d.serves(Factor.PUSH, carriers.channels())) ? Factor.PUSH : Factor.PHONE;
    }

    /**
     * Whether the portal should suggest enrolling another device for redundancy: the user has at
     * most one active device (seed: "We suggest that you enroll more than one device").
     */
    public static boolean needsRedundancy(List<DeviceView> devices) {
        return devices.stream().filter(d -> d.state() == DeviceState.ACTIVE).count() <= 1;
    }
}
