package org.twofold.web;

import java.util.Locale;
import java.util.Optional;
import org.twofold.site.Settings;

/**
 * Whether a request came over TLS, and where a plain-HTTP request belongs instead. Twofold serves
 * HTTPS itself (Payara's {@code --sslport}, {@code TWOFOLD_HTTPS_PORT}) or sits behind a
 * TLS-terminating proxy ({@code TWOFOLD_TRUST_PROXY=true}: the proxy's {@code X-Forwarded-Proto}
 * is believed — and only then, since any client can send that header). With an HTTPS port, every
 * plain-HTTP request is sent there with {@code 308} (method and body kept), except the health
 * probe, which monitoring asks over plain HTTP on the host itself. Plain Java: no servlet types.
 */
public final class Transport {
    /** The one path left on plain HTTP when HTTPS is configured. */
    static final String HEALTH = "/health";

    private final Integer httpsPort;
    private final boolean trustProxy;

    /**
     * @param httpsPort the HTTPS port, or null when Twofold serves no HTTPS itself
     * @param trustProxy whether {@code X-Forwarded-Proto} is to be believed
     */
    public Transport(Integer httpsPort, boolean trustProxy) {
        this.httpsPort = httpsPort;
        this.trustProxy = trustProxy;
    }

    /**
     * Whether the request reached the user over TLS: the connection itself, or (with a trusted
     * proxy) a first {@code X-Forwarded-Proto} value of {@code https}.
     */
    public boolean secure(boolean connectionSecure, String forwardedProto) {
        if (connectionSecure) {
            return true;
        }
        if (!trustProxy || forwardedProto == null) {
            return false;
        }
        String first = forwardedProto.split(",", 2)[0].trim().toLowerCase(Locale.ROOT);
        return first.equals("https");
    }

    /**
     * Where a request that did not come over TLS must go instead: {@code https://host:port} plus
     * the same path and query; empty when it may be answered as it is (it is secure, no HTTPS port
     * is configured, or it is the health probe). {@code host} is the request's server name (the
     * {@code Host} header without port); a bracketed IPv6 literal stays bracketed.
     */
    public Optional<String> redirect(boolean secure, String host, String path, String query) {
        if (secure || httpsPort == null || HEALTH.equals(path)) {
            return Optional.empty();
        }
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        String port = httpsPort == 443 ? "" : ":" + httpsPort;
        return Optional.of("https://" + h + port + path + (query == null || query.isEmpty() ? "" : "?" + query));
    }

    /** As configured: {@code TWOFOLD_HTTPS_PORT} and {@code TWOFOLD_TRUST_PROXY}. */
    public static Transport configured() {
        Settings settings = Settings.current();
        return new Transport(settings.find(Settings.HTTPS_PORT).map(Integer::valueOf).orElse(null),
                settings.getBoolean(Settings.TRUST_PROXY));
    }

    /** The value for {@code Strict-Transport-Security} on responses over TLS: one year. */
    public static String hsts() {
        return "max-age=31536000";
    }
}
