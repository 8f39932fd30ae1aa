package org.twofold.oidc;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;

/**
 * A client's registered redirection endpoints (RFC 6749 §3.1.2): absolute {@code https} URLs (or
 * {@code http} on a loopback host, for a native application or a test), with no fragment and no
 * user information. A request's {@code redirect_uri} must be one of them character for character
 * (OpenID Connect Core §3.1.2.1: "simple string comparison") — no prefix, no normalisation — so that
 * no code is ever sent to an address the administrator did not register.
 */
public record RedirectUris(List<String> uris) {
    /** The longest URL kept; the column holds them together. */
    static final int MAX_URI = 500;
    /** At most this many per client. */
    static final int MAX_COUNT = 5;

    public RedirectUris {
        uris = List.copyOf(uris);
    }

    /**
     * The URLs in {@code text}, separated by commas or white space.
     *
     * @throws TwofoldException {@code MISSING_FIELD} if none, {@code INVALID_VALUE} naming the first bad one
     */
    public static RedirectUris parse(String text) {
        LinkedHashSet<String> found = new LinkedHashSet<>();
        for (String part : (text == null ? "" : text).split("[,\\s]+")) {
            if (!part.isEmpty()) {
                found.add(valid(part));
            }
        }
        if (found.isEmpty()) {
            throw new TwofoldException(ErrorCode.MISSING_FIELD, "redirectUris is required: the application's absolute https callback URL(s)");
        }
        if (found.size() > MAX_COUNT) {
            throw new TwofoldException(ErrorCode.INVALID_VALUE, "at most " + MAX_COUNT + " redirect URIs");
        }
        return new RedirectUris(new ArrayList<>(found));
    }

    private static String valid(String text) {
        String why = null;
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || uri.getHost() == null) {
                why = "not an absolute URL";
            } else if (uri.getRawFragment() != null || text.contains("#")) {
                why = "a redirect URI has no fragment";
            } else if (uri.getRawUserInfo() != null) {
                why = "a redirect URI has no user information";
            } else if (!scheme.equals("https") && !(scheme.equals("http") && loopback(uri.getHost()))) {
                why = "https is required (http only on localhost, 127.0.0.1 or [::1])";
            } else if (text.length() > MAX_URI) {
                why = "longer than " + MAX_URI + " characters";
            }
        } catch (URISyntaxException e) {
            why = "not a URL";
        }
        if (why != null) {
            throw new TwofoldException(ErrorCode.INVALID_VALUE, "redirect URI " + text + ": " + why);
        }
        return text;
    }

    private static boolean loopback(String host) {
        return host.equalsIgnoreCase("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
    }

    /** Whether {@code requested} is one of these, compared exactly. */
    public boolean contains(String requested) {
        return requested != null && uris.contains(requested);
    }

    /** The one registered URI, when the request may omit it (Core §3.1.2.1 requires it; RFC 6749 §3.1.2.3 allows this). */
    public String only() {
        return uris.size() == 1 ? uris.get(0) : null;
    }

    /** How the list is stored: one URL a line. */
    String stored() {
        return String.join("\n", uris);
    }

    static RedirectUris fromStored(String stored) {
        return new RedirectUris(List.of(stored.split("\n")));
    }
}
