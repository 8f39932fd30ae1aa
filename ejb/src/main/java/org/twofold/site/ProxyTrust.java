package org.twofold.site;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which address is the client: the one rule every boundary (pages, SOAP, carrier callbacks) asks
 * before it counts a failure against a source or writes an origin into the audit trail. Without
 * {@code TWOFOLD_TRUST_PROXY} the connection's peer is the client and {@code X-Forwarded-For} is
 * ignored (any client can send it). With it, a request whose peer is one of {@code
 * TWOFOLD_TRUSTED_PROXIES} (CIDR list, default loopback) came through a proxy, and the client is
 * found by walking {@code X-Forwarded-For} from the right — each proxy appends the address it saw —
 * skipping trusted proxies: the first address that is not one is the client. Entries to its left
 * were written by the client itself and are never believed (the walk of RFC 7239 §5.2 and of
 * Tomcat's {@code RemoteIpValve}). Plain Java; addresses are parsed as literals only, never looked
 * up in DNS.
 */
public final class ProxyTrust {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV4_WITH_PORT = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,3}){3}):\\d{1,5}");
    private static final Pattern BRACKETED_IPV6 = Pattern.compile("\\[([0-9A-Fa-f:.%\\w]+)](?::\\d{1,5})?");

    /** One trusted network: an address and the number of leading bits that must match. */
    record Network(byte[] address, int prefix) {
        boolean contains(InetAddress candidate) {
            byte[] c = candidate.getAddress();
            if (c.length != address.length) {
                return false;
            }
            int bits = prefix;
            for (int i = 0; i < c.length && bits > 0; i++, bits -= 8) {
                int mask = bits >= 8 ? 0xFF : (0xFF << (8 - bits)) & 0xFF;
                if ((c[i] & mask) != (address[i] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final boolean trustProxy;
    private final List<Network> trusted;

    /**
     * @param trustProxy whether any proxy is believed ({@code TWOFOLD_TRUST_PROXY})
     * @param trustedProxies comma-separated addresses or CIDR networks ({@code 10.0.0.0/8}, {@code ::1/128})
     * @throws IllegalArgumentException naming the entry that is no address or network
     */
    public ProxyTrust(boolean trustProxy, String trustedProxies) {
        this.trustProxy = trustProxy;
        List<Network> networks = new ArrayList<>();
        for (String entry : trustedProxies == null ? new String[0] : trustedProxies.split(",")) {
            String e = entry.trim();
            if (!e.isEmpty()) {
                networks.add(network(e));
            }
        }
        this.trusted = List.copyOf(networks);
    }

    /** As configured: {@code TWOFOLD_TRUST_PROXY} and {@code TWOFOLD_TRUSTED_PROXIES}. */
    public static ProxyTrust configured() {
        Settings settings = Settings.current();
        try {
            return new ProxyTrust(settings.getBoolean(Settings.TRUST_PROXY), settings.find(Settings.TRUSTED_PROXIES).orElse(""));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("TWOFOLD_TRUSTED_PROXIES: " + e.getMessage(), e);
        }
    }

    private static Network network(String entry) {
        int slash = entry.indexOf('/');
        String host = slash < 0 ? entry : entry.substring(0, slash);
        InetAddress address = literal(host).orElseThrow(() -> new IllegalArgumentException("not an IP address or CIDR network: " + entry));
        int max = address.getAddress().length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? max : Integer.parseInt(entry.substring(slash + 1).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an IP address or CIDR network: " + entry, e);
        }
        if (prefix < 0 || prefix > max) {
            throw new IllegalArgumentException("prefix out of 0.." + max + ": " + entry);
        }
        return new Network(address.getAddress(), prefix);
    }

    /** Whether {@code peer}, the connection's other end, is a proxy whose forwarding headers are believed. */
    public boolean trusts(String peer) {
        if (!trustProxy || peer == null) {
            return false;
        }
        Optional<InetAddress> address = literal(peer.trim());
        return address.isPresent() && trusted.stream().anyMatch(n -> n.contains(address.get()));
    }

    /**
     * The client's address.
     *
     * @param peer the connection's other end ({@code getRemoteAddr()})
     * @param forwardedFor every {@code X-Forwarded-For} header of the request, in order (each a
     *        comma-separated list); null or empty when there is none
     * @return {@code peer} unless it is a trusted proxy; else the rightmost address of the header
     *         that is not a trusted proxy, normalised ({@code 2001:db8::1}, ports and brackets
     *         removed); a trusted proxy's own address if every entry is trusted, or if the walk
     *         reaches an entry that is no address (the last address believed reported it)
     */
    public String clientAddress(String peer, List<String> forwardedFor) {
        if (!trusts(peer) || forwardedFor == null) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            if (header != null) {
                for (String hop : header.split(",")) {
                    hops.add(hop.trim());
                }
            }
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            if (hops.get(i).isEmpty()) {
                continue;
            }
            Optional<InetAddress> hop = literal(strip(hops.get(i)));
            if (hop.isEmpty()) {
                return client;
            }
            client = hop.get().getHostAddress();
            if (trusted.stream().noneMatch(n -> n.contains(hop.get()))) {
                return client;
            }
        }
        return client;
    }

    /** An entry without its port and brackets: {@code [2001:db8::1]:443} → {@code 2001:db8::1}. */
    private static String strip(String hop) {
        var bracketed = BRACKETED_IPV6.matcher(hop);
        if (bracketed.matches()) {
            return bracketed.group(1);
        }
        var withPort = IPV4_WITH_PORT.matcher(hop);
        return withPort.matches() ? withPort.group(1) : hop;
    }

    /** {@code text} as an IP address literal; empty for anything else (no DNS lookup is ever made). */
    static Optional<InetAddress> literal(String text) {
        boolean v4 = IPV4.matcher(text).matches();
        boolean v6 = text.indexOf(':') >= 0 && text.matches("[0-9A-Fa-f:.]+(%[\\w.]+)?");
        if (!v4 && !v6) {
            return Optional.empty();
        }
        if (v4) {
            for (String octet : text.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return Optional.empty();
                }
            }
        }
        try {
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
