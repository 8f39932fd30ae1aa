package org.twofold.site;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Announces {@code Twofold ready} once every interface is up — pages, SOAP and the JMX connector —
 * whatever order the modules start in, with their addresses; any first-start notice (a generated
 * password, the demo users) is then written to the console only. Operators and scripts wait for
 * this line.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Readiness {
    private static final Logger LOG = Logger.getLogger(Readiness.class.getName());
    /** Standard output as the process got it; never closed (that would close descriptor 1). */
    private static final FileOutputStream CONSOLE = new FileOutputStream(FileDescriptor.out);

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
                    + "\n  health: " + up.get(Component.PAGES) + "health");
            if (notices.length() > 0) {
                console("Twofold ready. Shown once, on this console only (not in the log):" + notices + "\n");
                notices.setLength(0);
            }
        }
    }

    /**
     * Writes to the process's standard output itself (file descriptor 1), not to {@code System.out}:
     * Payara Micro hands {@code System.out} to its logging, and so to the log file; first-start
     * secrets belong on the console of the person who started Twofold, never in a log.
     */
    static void console(String text) {
        synchronized (CONSOLE) {
            try {
                CONSOLE.write(text.getBytes(StandardCharsets.UTF_8));
                CONSOLE.flush();
            } catch (IOException e) {
                LOG.warning(() -> "The first-start notice could not be written to the console: " + e.getMessage());
            }
        }
    }

    /** A notice shown once on the console after the ready line (the generated administrator password, the demo logins); never logged. */
    public synchronized void notice(String text) {
        if (announced) {
            console("Shown once, on this console only (not in the log):\n" + text + "\n");
        } else {
            notices.append("\n").append(text);
        }
    }

    public synchronized boolean isReady() {
        return announced;
    }
}
