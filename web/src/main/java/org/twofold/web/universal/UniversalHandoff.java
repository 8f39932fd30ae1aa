package org.twofold.web.universal;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.twofold.universal.UniversalLogin;

/**
 * Verified Duo Web SDK v4 logins parked in the browser's page session between {@code
 * /oauth/v1/authorize} and the prompt ({@code /?duo=<handle>}): the handle names one, so that
 * several tabs may each log in to an application, and nothing of the request travels in the
 * prompt's address. A login stays until the prompt completes it ({@link #finished}), so reloading
 * the prompt shows it again; a session holds at most {@link #MAX} (the oldest goes first).
 */
public final class UniversalHandoff implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The prompt's parameter naming a parked login. */
    public static final String PARAM = "duo";
    /** The session attribute holding this session's parked logins. */
    static final String ATTRIBUTE = "org.twofold.universalLogins";
    static final int MAX = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final LinkedHashMap<String, UniversalLogin> parked = new LinkedHashMap<>();

    private UniversalHandoff() {
    }

    /** Parks {@code login} in {@code session} (a page session's attributes); answers its handle. */
    static String park(Map<String, Object> session, UniversalLogin login) {
        UniversalHandoff handoff = of(session);
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        String handle = HexFormat.of().formatHex(random);
        synchronized (handoff) {
            handoff.parked.put(handle, login);
            while (handoff.parked.size() > MAX) {
                handoff.parked.remove(handoff.parked.keySet().iterator().next());
            }
        }
        session.put(ATTRIBUTE, handoff); // set again, so that a replicated session carries the change
        return handle;
    }

    /** The login parked under {@code handle} in this session, if any. */
    public static Optional<UniversalLogin> find(Map<String, Object> session, String handle) {
        if (handle == null || !(session.get(ATTRIBUTE) instanceof UniversalHandoff handoff)) {
            return Optional.empty();
        }
        synchronized (handoff) {
            return Optional.ofNullable(handoff.parked.get(handle));
        }
    }

    /** The prompt completed the login parked under {@code handle}: it can be used no more. */
    public static void finished(Map<String, Object> session, String handle) {
        if (session.get(ATTRIBUTE) instanceof UniversalHandoff handoff) {
            synchronized (handoff) {
                handoff.parked.remove(handle);
            }
            session.put(ATTRIBUTE, handoff);
        }
    }

    private static UniversalHandoff of(Map<String, Object> session) {
        return session.get(ATTRIBUTE) instanceof UniversalHandoff h ? h : new UniversalHandoff();
    }
}
