package org.twofold.delivery;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Who may open the virtual phones ({@code /phone}, the page and every request it makes): nobody
 * when the simulator is off (the address does not exist: 404); with it, only clients whose address
 * is in {@code TWOFOLD_PHONE_ALLOWED_FROM} — addresses and CIDR blocks, by default the loopback
 * addresses {@code 127.0.0.0/8,::1}. A request that a proxy forwarded ({@code Forwarded} or
 * {@code X-Forwarded-For}) is refused whatever its connection's address: behind a proxy on the
 * same host every request would come from loopback. Plain Java; addresses are literals, never
 * looked up.
 */
public final class PhoneAccess {
    /** The default of {@code TWOFOLD_PHONE_ALLOWED_FROM}: this machine only. */
    public static final String LOOPBACK = "127.0.0.0/8,::1";
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    /** What {@code /phone} answers a request. */
    public enum Answer {
        SERVE, NOT_FOUND, REFUSED
    }

    private record Block(byte[] network, int bits) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final boolean simulator;
    private final List<Block> allowed;

    private PhoneAccess(boolean simulator, List<Block> allowed) {
        this.simulator = simulator;
        this.allowed = List.copyOf(allowed);
    }

    /**
     * @param allowedFrom comma-separated addresses and CIDR blocks (e.g. {@code 10.0.0.0/8, ::1}); null or blank: {@link #LOOPBACK}
     * @throws IllegalStateException if an entry is no address literal or CIDR block
     */
    public static PhoneAccess of(boolean simulator, String allowedFrom) {
        String list = allowedFrom == null || allowedFrom.isBlank() ? LOOPBACK : allowedFrom;
        List<Block> blocks = new ArrayList<>();
        for (String entry : list.split(",")) {
            String e = entry.trim();
            if (!e.isEmpty()) {
                blocks.add(block(e));
            }
        }
        return new PhoneAccess(simulator, blocks);
    }

    private static Block block(String entry) {
        int slash = entry.indexOf('/');
        String host = slash < 0 ? entry : entry.substring(0, slash);
        byte[] address = literal(host);
        if (address == null) {
            throw new IllegalStateException("TWOFOLD_PHONE_ALLOWED_FROM: '" + entry + "' is not an IP address or CIDR block (e.g. 127.0.0.1, 10.0.0.0/8, ::1)");
        }
        int bits = address.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException e) {
                bits = -1;
            }
            if (bits < 0 || bits > address.length * 8) {
                throw new IllegalStateException("TWOFOLD_PHONE_ALLOWED_FROM: '" + entry + "' has no valid prefix length (0 to " + address.length * 8 + ")");
            }
        }
        return new Block(address, bits);
    }

    /** The bytes of an IPv4 or IPv6 literal (an IPv4-mapped IPv6 address as IPv4), or null if it is none. */
    static byte[] literal(String text) {
        String t = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (!IPV4.matcher(t).matches() && !IPV6.matcher(t).matches()) {
            return null; // never a host name: no lookup
        }
        try {
            return InetAddress.getByName(t).getAddress();
        } catch (UnknownHostException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The answer to a request for {@code /phone}.
     *
     * @param remoteAddress the connection's client address, as the servlet container gives it
     * @param forwarded whether the request carries {@code Forwarded} or {@code X-Forwarded-For}
     */
    public Answer decide(String remoteAddress, boolean forwarded) {
        if (!simulator) {
            return Answer.NOT_FOUND;
        }
        byte[] address = remoteAddress == null ? null : literal(remoteAddress);
        if (forwarded || address == null) {
            return Answer.REFUSED;
        }
        return allowed.stream().anyMatch(b -> b.contains(address)) ? Answer.SERVE : Answer.REFUSED;
    }
}
