package org.twofold.site;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IP address written as a literal (IPv4 dotted quad, or IPv6 in any of RFC 4291 §2.2's forms,
 * without brackets or zone), as integrators name their users' addresses. Parsing never looks a name
 * up: anything that is not a literal is no address.
 */
public final class IpAddress {
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private IpAddress() {
    }

    /** The address in its canonical text (IPv6 compressed as the JDK writes it), or empty if {@code text} is none. */
    public static Optional<String> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim();
        if (IPV4.matcher(t).matches()) {
            return Optional.of(t);
        }
        // Only hex digits, colons and dots (and at least one colon): the JDK reads it as an IPv6
        // literal and never asks a resolver.
        if (!t.contains(":") || !IPV6_CHARS.matcher(t).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(t).getHostAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
