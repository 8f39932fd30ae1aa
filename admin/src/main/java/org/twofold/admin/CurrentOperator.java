package org.twofold.admin;

import java.lang.reflect.Method;
import java.security.AccessController;
import java.util.Optional;
import javax.security.auth.Subject;
import org.twofold.audit.Actor;

/** The operator making the current JMX call, read from the connection's authenticated Subject. */
final class CurrentOperator {
    private static final Method SUBJECT_CURRENT = subjectCurrent();

    private CurrentOperator() {
    }

    private static Method subjectCurrent() {
        try {
            return Subject.class.getMethod("current"); // Java 18+
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    @SuppressWarnings({"removal", "deprecation"})
    static Optional<OperatorPrincipal> principal() {
        Subject subject;
        try {
            subject = SUBJECT_CURRENT != null ? (Subject) SUBJECT_CURRENT.invoke(null) : null;
            if (subject == null) {
                subject = Subject.getSubject(AccessController.getContext());
            }
        } catch (ReflectiveOperationException | UnsupportedOperationException e) {
            subject = null;
        }
        return subject == null ? Optional.empty() : subject.getPrincipals(OperatorPrincipal.class).stream().findFirst();
    }

    /** The audit actor for the current call: the operator, or "jmx:local" for in-process calls. */
    static Actor actor() {
        return principal().map(p -> Actor.operator(p.getName(), p.origin())).orElse(Actor.localConsole());
    }
}
