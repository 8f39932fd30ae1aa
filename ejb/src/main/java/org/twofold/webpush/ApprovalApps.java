package org.twofold.webpush;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditAction;
import org.twofold.audit.AuditTrail;
import org.twofold.device.Device;
import org.twofold.device.DeviceState;
import org.twofold.device.Devices;
import org.twofold.device.Enrollment;
import org.twofold.secret.Secrets;
import org.twofold.site.Settings;
import org.twofold.user.User;
import org.twofold.user.Users;

/**
 * Enrolling the Twofold approval app. A person who proved a second factor in the portal gets a
 * one-time enrollment code (in a link and QR code to the app at {@code TWOFOLD_PUBLIC_URL}); the
 * app on the phone makes its device key pair (non-extractable), subscribes to push with the VAPID
 * public key ({@link VapidKeys}) and registers subscription and public key with the code
 * ({@link #register}): the code works once, for {@link #CODE_VALIDITY}, and only its keyed hash is
 * stored. The subscription is sealed; {@link #subscription} opens it for the push carrier. When the
 * browser renews the subscription, the app sends the new one signed by its device key ({@link #renew}).
 */
@Stateless
public class ApprovalApps {
    static final Duration CODE_VALIDITY = Duration.ofMinutes(15);
    static final String CODE_PURPOSE = "approval-app-code";
    static final String SUBSCRIPTION_PURPOSE = "push-subscription";

    @PersistenceContext(unitName = "twofold")
    private EntityManager em;

    @EJB
    private Users users;

    @EJB
    private Enrollment enrollment;

    @EJB
    private Devices devices;

    @Inject
    private Secrets secrets;

    @EJB
    private AuditTrail audit;

    @EJB
    private VapidKeys vapid;

    @Inject
    private Clock clock;

    /**
     * A started enrollment: the device waiting for its app, the one-time code (shown once) and the
     * link that opens the app with it (the code in the fragment, so it reaches no server log).
     */
    public record Invitation(long deviceId, String code, String link) {
    }

    /** Starts enrolling an approval app for {@code username} (the caller checked the person's step-up). */
    public Invitation begin(Actor actor, String username, String name) {
        User user = users.require(actor, username, AuditAction.DEVICE_ENROLL);
        long deviceId = enrollment.beginApprovalApp(actor, user, name);
        String secret = secrets.codes().secret();
        em.persist(new PushApp(deviceId, user, secrets.hasher().hash(CODE_PURPOSE, user.getId(), secret), clock.instant().plus(CODE_VALIDITY)));
        String code = deviceId + "." + secret;
        return new Invitation(deviceId, code, Settings.current().publicUrl() + "app/index.html#enroll=" + code);
    }

    /** The VAPID public key the app subscribes with ({@code applicationServerKey}). */
    public String vapidPublicKey() {
        return vapid.publicKey();
    }

    /**
     * Registers the app that holds {@code code}: its push subscription ({@code endpoint}, base64url
     * {@code p256dh} and {@code auth}) and its device public key ({@code deviceKey}, base64url
     * SubjectPublicKeyInfo); the device is active from now on. A wrong, used or expired code, or a
     * malformed subscription or key, is refused and audited, and changes nothing.
     *
     * @return the device id, which the app names when it asks for requests and answers them
     * @throws TwofoldException {@code ACTIVATION_INVALID}, {@code INVALID_VALUE}
     */
    public long register(Actor actor, String code, String endpoint, String p256dh, String auth, String deviceKey) {
        Instant now = clock.instant();
        PushApp app = invited(code, now).orElseThrow(() -> {
            audit.recordRefusal(actor, null, AuditAction.DEVICE_APP_REGISTER, "bad_code", null);
            return new TwofoldException(ErrorCode.ACTIVATION_INVALID);
        });
        String username = app.getUser().getUsername();
        PushService.Subscription subscription;
        byte[] key;
        try {
            subscription = PushService.Subscription.parse(endpoint, p256dh, auth, httpHosts());
            key = P256.unb64(deviceKey);
            P256.spki(key);
        } catch (IllegalArgumentException e) {
            audit.recordRefusal(actor, username, AuditAction.DEVICE_APP_REGISTER, "invalid_value", e.getMessage());
            throw new TwofoldException(ErrorCode.INVALID_VALUE, e.getMessage());
        }
        app.register(seal(subscription), P256.b64url(key), now);
        enrollment.approvalAppRegistered(app.getDeviceId());
        audit.record(actor, username, AuditAction.DEVICE_APP_REGISTER, "done", null,
                "device " + app.getDeviceId() + " push service " + Vapid.audience(subscription.endpoint()));
        return app.getDeviceId();
    }

    private Optional<PushApp> invited(String code, Instant now) {
        int dot = code == null ? -1 : code.indexOf('.');
        if (dot < 1 || code.length() > 100) {
            return Optional.empty();
        }
        long deviceId;
        try {
            deviceId = Long.parseLong(code.substring(0, dot));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        PushApp app = em.find(PushApp.class, deviceId, LockModeType.PESSIMISTIC_WRITE);
        if (app == null || !app.codeUsable(now)
                || !secrets.hasher().matches(CODE_PURPOSE, app.getUser().getId(), code.substring(dot + 1), app.getCodeHash())) {
            return Optional.empty();
        }
        return Optional.of(app);
    }

    /**
     * The app's browser renewed its push subscription (the service worker's
     * {@code pushsubscriptionchange}, or the app found a new one when opened): the new
     * subscription replaces the old one, if {@code signature} is the device key's over
     * {@link AppAnswer#renewText} at {@code epochSecond} (within {@link AppAnswer#LIST_SKEW_SECONDS}
     * of now) — no session, no code: only the phone holding the key can move its pushes. An app
     * marked stale because its old subscription was gone is active again. A device that is no
     * registered app or is disabled, a wrong or old signature, or a malformed subscription is
     * refused and audited, and changes nothing.
     *
     * @throws TwofoldException {@code PUSH_ANSWER_REFUSED}, {@code INVALID_VALUE}
     */
    public void renew(Actor actor, long deviceId, String endpoint, String p256dh, String auth, long epochSecond, byte[] signature) {
        Instant now = clock.instant();
        PushApp app = em.find(PushApp.class, deviceId, LockModeType.PESSIMISTIC_WRITE);
        Device device = em.find(Device.class, deviceId);
        if (app == null || app.getDeviceKey() == null || device == null
                || device.getState() != DeviceState.ACTIVE && device.getState() != DeviceState.STALE) {
            audit.recordRefusal(actor, null, AuditAction.DEVICE_APP_RENEW, "not_enrolled", "device " + deviceId);
            throw new TwofoldException(ErrorCode.PUSH_ANSWER_REFUSED);
        }
        String username = app.getUser().getUsername();
        if (Math.abs(now.getEpochSecond() - epochSecond) > AppAnswer.LIST_SKEW_SECONDS
                || !AppAnswer.verifies(P256.spki(P256.unb64(app.getDeviceKey())), AppAnswer.renewText(deviceId, epochSecond, endpoint, p256dh, auth), signature)) {
            audit.recordRefusal(actor, username, AuditAction.DEVICE_APP_RENEW, "bad_signature", "device " + deviceId);
            throw new TwofoldException(ErrorCode.PUSH_ANSWER_REFUSED);
        }
        PushService.Subscription subscription;
        try {
            subscription = PushService.Subscription.parse(endpoint, p256dh, auth, httpHosts());
        } catch (IllegalArgumentException e) {
            audit.recordRefusal(actor, username, AuditAction.DEVICE_APP_RENEW, "invalid_value", e.getMessage());
            throw new TwofoldException(ErrorCode.INVALID_VALUE, e.getMessage());
        }
        boolean wasStale = device.getState() == DeviceState.STALE;
        app.register(seal(subscription), app.getDeviceKey(), now);
        enrollment.approvalAppRegistered(deviceId);
        audit.record(actor, username, AuditAction.DEVICE_APP_RENEW, "done", null,
                "device " + deviceId + " push service " + Vapid.audience(subscription.endpoint()) + (wasStale ? ", active again" : ""));
    }

    private String seal(PushService.Subscription subscription) {
        return secrets.box().seal((subscription.endpoint() + "\n" + P256.b64url(subscription.p256dh()) + "\n" + P256.b64url(subscription.auth()))
                .getBytes(StandardCharsets.UTF_8), SUBSCRIPTION_PURPOSE);
    }

    /**
     * Whether device {@code deviceId} is {@code username}'s approval app and has registered (its
     * one-time code used by the app, its device key kept, the device active) — for a page that
     * showed {@link #begin}'s link and waits for the phone, such as first-login enrollment: the
     * registration with the code only that page showed is the new device's proof, as the first
     * code of an authenticator app is.
     */
    public boolean registered(String username, long deviceId) {
        PushApp app = em.find(PushApp.class, deviceId);
        Device device = em.find(Device.class, deviceId);
        return app != null && device != null && app.getUser().getUsername().equals(username) && app.getDeviceKey() != null
                && device.getState() == DeviceState.ACTIVE;
    }

    /** Hosts a subscription may name over plain http ({@code TWOFOLD_PUSH_HTTP_HOSTS}; none by default). */
    static Set<String> httpHosts() {
        return Settings.current().find(Settings.PUSH_HTTP_HOSTS).map(v -> Arrays.stream(v.split(",")).map(String::trim)
                .filter(h -> !h.isEmpty()).collect(Collectors.toUnmodifiableSet())).orElse(Set.of());
    }

    /** A registered app's push subscription and its owner. */
    public record Registered(String username, PushService.Subscription subscription) {
    }

    /** The registered app's push subscription, unsealed — for the push carrier only. */
    public Optional<Registered> subscription(long deviceId) {
        PushApp app = em.find(PushApp.class, deviceId);
        if (app == null || app.getSealedSubscription() == null) {
            return Optional.empty();
        }
        String[] parts = new String(secrets.box().open(app.getSealedSubscription(), SUBSCRIPTION_PURPOSE), StandardCharsets.UTF_8).split("\n");
        return Optional.of(new Registered(app.getUser().getUsername(),
                new PushService.Subscription(java.net.URI.create(parts[0]), P256.unb64(parts[1]), P256.unb64(parts[2]))));
    }

    /**
     * The push service said the subscription is gone: the device needs re-enrollment. In a
     * transaction of its own, so that it stays marked although the push that found out fails.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void gone(Actor actor, String username, long deviceId, int status) {
        devices.needsReenrollment(actor, username, deviceId, "push service answered " + status);
    }
}
