package org.twofold.site;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import java.util.EnumMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Announces {@code Twofold ready} once every interface is up — pages, SOAP and the JMX connector —
 * whatever order the modules start in, followed by their addresses and any first-start notice
 * (the demo users). Operators and scripts wait for this line.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Readiness {
    private static final Logger LOG = Logger.getLogger(Readiness.class.getName());

    /** The interfaces that must be up before Twofold is ready. */
    public enum Component {
        PAGES, SOAP, JMX
    }

    private final Map<Component, String> up = new EnumMap<>(Component.class);
    private final StringBuilder notices = new StringBuilder();
    private boolean announced;

    public synchronized void up(Component component, String address) {
        up.put(component, address);
        if (!announced && up.size() == Component.values().length) {
            announced = true;
            LOG.info(() -> "Twofold ready\n  pages: " + up.get(Component.PAGES)
                    + "\n  SOAP:  " + up.get(Component.SOAP)
                    + "\n  JMX:   " + up.get(Component.JMX)
                    + "\n  health: " + up.get(Component.PAGES) + "health"
                    + notices);
        }
    }

    /** A notice shown after the ready line (e.g. the demo logins created on this start). */
    public synchronized void notice(String text) {
        notices.append("\n").append(text);
    }

    public synchronized boolean isReady() {
        return announced;
    }
}
