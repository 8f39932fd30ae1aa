package org.twofold.delivery;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.twofold.site.Settings;

/**
 * How this server delivers, decided once from the settings: whether the simulator is on (the
 * virtual phones at {@code /phone}, which show anyone every user's texts, calls and pushes — for
 * trying Twofold, never for production) and the carriers for texts and calls, in order.
 * <ul>
 * <li>the simulator is on with {@code TWOFOLD_SIMULATOR=true}, or with {@code TWOFOLD_DEMO=true}
 *     unless {@code TWOFOLD_SIMULATOR=false};</li>
 * <li>{@code TWOFOLD_CARRIER} lists {@code http} and {@code simulated}; unset, it is
 *     {@code simulated} with the simulator and nothing without (no texts, no calls);</li>
 * <li>{@code simulated} in {@code TWOFOLD_CARRIER} without the simulator, or an unknown name, is a
 *     configuration error: Twofold refuses to start rather than silently expose or drop phones.</li>
 * </ul>
 * Pushes ({@code TWOFOLD_PUSH}) go by Web Push to the Twofold approval app ({@code webpush}, the
 * default when {@code TWOFOLD_PUBLIC_URL} is {@code https} and the simulator is off) or to the virtual
 * phones ({@code simulated}, the default with the simulator). Plain Java.
 */
public record CarrierChoice(boolean simulator, List<String> carriers, String push) {
    public static final String SIMULATED = "simulated";
    public static final String HTTP = "http";
    /** {@code TWOFOLD_PUSH=webpush}: pushes go by Web Push to the Twofold approval app. */
    public static final String WEBPUSH = "webpush";
    /** No push channel. */
    public static final String NONE = "none";

    public CarrierChoice {
        carriers = List.copyOf(carriers);
    }

    /** Pushes to the virtual phones while the simulator is on, else none. */
    public CarrierChoice(boolean simulator, List<String> carriers) {
        this(simulator, carriers, simulator ? SIMULATED : NONE);
    }

    /**
     * Decides from the raw settings, pushes included.
     *
     * @param pushSetting {@code TWOFOLD_PUSH} ({@code webpush} or {@code simulated}), or null when
     *     unset: then {@code simulated} with the simulator, else {@code webpush} when {@code publicUrl}
     *     is {@code https} (a web app receives pushes only from a secure origin), else none
     * @throws IllegalStateException on a setting Twofold must not start with, saying which and why
     */
    public static CarrierChoice decide(String carrierSetting, boolean demo, String simulatorSetting, String pushSetting, String publicUrl) {
        CarrierChoice base = decide(carrierSetting, demo, simulatorSetting);
        String push;
        if (pushSetting == null || pushSetting.isBlank()) {
            push = base.simulator() ? SIMULATED
                    : publicUrl != null && publicUrl.trim().toLowerCase(Locale.ROOT).startsWith("https://") ? WEBPUSH : NONE;
        } else {
            push = pushSetting.trim().toLowerCase(Locale.ROOT);
            if (!push.equals(WEBPUSH) && !push.equals(SIMULATED)) {
                throw new IllegalStateException("TWOFOLD_PUSH names an unknown push channel: " + push + " (webpush, or simulated with TWOFOLD_SIMULATOR=true)");
            }
            if (push.equals(SIMULATED) && !base.simulator()) {
                throw new IllegalStateException("TWOFOLD_PUSH=simulated, but the simulator is off: pushes to the virtual phones at /phone are "
                        + "for trying Twofold only (TWOFOLD_DEMO=true or TWOFOLD_SIMULATOR=true). Use TWOFOLD_PUSH=webpush in production.");
            }
        }
        return new CarrierChoice(base.simulator(), base.carriers(), push);
    }

    /**
     * Decides from the raw settings.
     *
     * @param carrierSetting {@code TWOFOLD_CARRIER}, or null when unset
     * @param demo {@code TWOFOLD_DEMO}
     * @param simulatorSetting {@code TWOFOLD_SIMULATOR}, or null when unset
     * @throws IllegalStateException on a setting Twofold must not start with, saying which and why
     */
    public static CarrierChoice decide(String carrierSetting, boolean demo, String simulatorSetting) {
        boolean simulator = simulatorSetting == null || simulatorSetting.isBlank() ? demo : truth(simulatorSetting);
        List<String> names = new ArrayList<>();
        if (carrierSetting == null || carrierSetting.isBlank()) {
            if (simulator) {
                names.add(SIMULATED);
            }
        } else {
            Arrays.stream(carrierSetting.split(",")).map(s -> s.trim().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).forEach(names::add);
        }
        for (String name : names) {
            if (!name.equals(SIMULATED) && !name.equals(HTTP)) {
                throw new IllegalStateException("TWOFOLD_CARRIER names an unknown carrier: " + name + " (http, or simulated with TWOFOLD_SIMULATOR=true)");
            }
        }
        if (names.contains(SIMULATED) && !simulator) {
            throw new IllegalStateException("TWOFOLD_CARRIER names 'simulated', but the simulator is off: the virtual phones at /phone show "
                    + "every user's texts, calls and pushes to whoever opens them, so they run only with TWOFOLD_DEMO=true or "
                    + "TWOFOLD_SIMULATOR=true (for trying Twofold, never in production). Remove 'simulated' from TWOFOLD_CARRIER "
                    + "(e.g. TWOFOLD_CARRIER=http) or set TWOFOLD_SIMULATOR=true.");
        }
        return new CarrierChoice(simulator, names);
    }

    /** The choice of this JVM's settings. */
    public static CarrierChoice current() {
        Settings s = Settings.current();
        return decide(s.find(Settings.CARRIER).orElse(null), s.getBoolean(Settings.DEMO), s.find(Settings.SIMULATOR).orElse(null),
                s.find(Settings.PUSH).orElse(null), s.find(Settings.PUBLIC_URL).orElse(null));
    }

    private static boolean truth(String v) {
        String t = v.trim();
        return t.equalsIgnoreCase("true") || t.equals("1") || t.equalsIgnoreCase("yes");
    }

    /** What can be delivered: pushes through the virtual phones or Web Push, texts and calls through a carrier. */
    public Channels channels() {
        boolean carrier = !carriers.isEmpty();
        return new Channels(!push.equals(NONE), carrier, carrier, push.equals(WEBPUSH));
    }

    /** The start-up line: which carriers, which channels, and whether the simulator is on. */
    public String describe() {
        return "Delivery: carrier " + (carriers.isEmpty() ? "none (no texts, no calls: they are not offered)" : String.join(",", carriers) + " (texts and calls)")
                + "; push " + (push.equals(SIMULATED) ? "to the virtual phones" : push.equals(WEBPUSH) ? "by Web Push to the Twofold approval app" : "none (not offered)")
                + "; simulator " + (simulator ? "ON: /phone shows every user's texts, calls and pushes — for trying Twofold only, never in production"
                        : "off (no /phone)");
    }
}
