package org.twofold.site;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * One IP address or CIDR block (RFC 4632 §3.1 for IPv4, RFC 4291 §2.3 for IPv6), as an
 * administrator names the devices allowed to use a door, e.g. {@code 192.0.2.7} or {@code
 * 10.20.0.0/16}. Parsing never looks a name up ({@link IpAddress}); an IPv4 block never contains
 * an IPv6 address nor the reverse. Written in its canonical form: the network address (host bits
 * cleared) and the prefix, a single address without one.
 *
 * @param network the block's first address (host bits zero)
 * @param prefix the number of leading bits that must match
 */
public record AddressBlock(InetAddress network, int prefix) {

    /**
     * The block written as {@code text}: an address literal, or one followed by {@code /prefix}.
     *
     * @return empty if {@code text} is neither, or its prefix is out of range (0–32, 0–128)
     */
    public static Optional<AddressBlock> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim();
        int slash = t.indexOf('/');
        Optional<String> literal = IpAddress.parse(slash < 0 ? t : t.substring(0, slash));
        if (literal.isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(literal.get()).getAddress(); // a literal: no lookup
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        int max = bytes.length * 8;
        int prefix = max;
        if (slash >= 0) {
            String p = t.substring(slash + 1);
            if (!p.matches("[0-9]{1,3}")) {
                return Optional.empty();
            }
            prefix = Integer.parseInt(p);
            if (prefix > max) {
                return Optional.empty();
            }
        }
        for (int i = 0; i < bytes.length; i++) {
            int bits = Math.max(0, Math.min(8, prefix - i * 8));
            bytes[i] &= (byte) (0xFF << (8 - bits));
        }
        try {
            return Optional.of(new AddressBlock(InetAddress.getByAddress(bytes), prefix));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code address} lies in this block. */
    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        byte[] n = network.getAddress();
        if (a.length != n.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            int bits = Math.max(0, Math.min(8, prefix - i * 8));
            int mask = (0xFF << (8 - bits)) & 0xFF;
            if ((a[i] & mask) != (n[i] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** {@code 10.20.0.0/16}, or the address alone for a single address. */
    @Override
    public String toString() {
        return prefix == network.getAddress().length * 8 ? network.getHostAddress() : network.getHostAddress() + "/" + prefix;
    }
}
