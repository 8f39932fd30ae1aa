package org.twofold.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.MBeanNotificationInfo;
import javax.management.Notification;
import javax.management.NotificationBroadcasterSupport;
import javax.management.NotificationEmitter;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;
import org.twofold.audit.SecurityAlert;

/**
 * Turns committed {@link SecurityAlert}s into JMX notifications of {@code org.twofold:type=Statistics},
 * so a console subscribed to it hears of a lockout or a fraud report as it happens. Only committed
 * facts are sent ({@code AFTER_SUCCESS}): a rolled-back change sends nothing. The notification's
 * user data is open data (username, detail, time), which any console can show.
 */
@ApplicationScoped
public class SecurityAlerts {
    /** Notification type of a user locked out after too many failures. */
    public static final String LOCKED_OUT = "twofold.user.lockedOut";
    /** Notification type of a push reported by its user as "this was not me". */
    public static final String FRAUD_REPORTED = "twofold.fraud.reported";

    static final ObjectName SOURCE = source();
    private static final CompositeType ALERT = alertType();

    private final AtomicLong sequence = new AtomicLong();
    private final NotificationBroadcasterSupport emitter = new NotificationBroadcasterSupport(
            new MBeanNotificationInfo(new String[] {LOCKED_OUT}, Notification.class.getName(),
                    "A user was locked out after too many consecutive failures (user data: username, detail, time)."),
            new MBeanNotificationInfo(new String[] {FRAUD_REPORTED}, Notification.class.getName(),
                    "A user reported a push as 'this was not me' (user data: username, detail, time)."));

    private static ObjectName source() {
        try {
            return new ObjectName(RoleGuard.DOMAIN + ":type=Statistics");
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CompositeType alertType() {
        try {
            return new CompositeType("twofold.alert", "A security alert",
                    new String[] {"username", "detail", "time"},
                    new String[] {"the user concerned", "what the audit trail recorded", "when, ISO-8601 UTC"},
                    new OpenType<?>[] {SimpleType.STRING, SimpleType.STRING, SimpleType.STRING});
        } catch (OpenDataException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The emitter the Statistics MBean delegates its listeners to. */
    NotificationEmitter emitter() {
        return emitter;
    }

    void send(@Observes(during = TransactionPhase.AFTER_SUCCESS) SecurityAlert alert) {
        String type = alert.kind() == SecurityAlert.Kind.LOCKOUT ? LOCKED_OUT : FRAUD_REPORTED;
        String message = alert.kind() == SecurityAlert.Kind.LOCKOUT
                ? alert.username() + " is locked out" + (alert.detail() == null ? "" : " " + alert.detail())
                : alert.username() + " reported a push as fraud" + (alert.detail() == null ? "" : " (" + alert.detail() + ")");
        String time = DateTimeFormatter.ISO_INSTANT.format(alert.at().atOffset(ZoneOffset.UTC).withNano(0).toInstant());
        Notification n = new Notification(type, SOURCE, sequence.incrementAndGet(), alert.at().toEpochMilli(), message);
        try {
            n.setUserData(new CompositeDataSupport(ALERT, new String[] {"username", "detail", "time"},
                    new Object[] {alert.username(), alert.detail() == null ? "" : alert.detail(), time}));
        } catch (OpenDataException e) {
            throw new IllegalStateException(e);
        }
        emitter.sendNotification(n);
    }
}
