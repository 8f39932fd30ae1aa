package org.twofold.integration;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;

/**
 * The rule for a hosted-prompt return URL: absolute {@code https} (or {@code http}, for local and
 * test set-ups), with a host, without user info or fragment, at most 500 characters. The prompt
 * only ever sends users to a URL registered this way, never to one taken from a request.
 */
public final class ReturnUrl {
    private ReturnUrl() {
    }

    /**
     * The URL, trimmed, if it follows the rule.
     *
     * @throws TwofoldException {@code MISSING_FIELD} if blank, {@code INVALID_VALUE} otherwise
     */
    public static String check(String text) {
        if (text == null || text.isBlank()) {
            throw new TwofoldException(ErrorCode.MISSING_FIELD, "return URL is required");
        }
        String url = text.trim();
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (url.length() > 500 || !(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null
                    || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
                throw new TwofoldException(ErrorCode.INVALID_VALUE,
                        "return URL must be an absolute http(s) URL with a host, without user info or fragment, at most 500 characters");
            }
            return url;
        } catch (URISyntaxException e) {
            throw new TwofoldException(ErrorCode.INVALID_VALUE, "return URL is not a URL");
        }
    }

    /** The origin ({@code scheme://host[:port]}) of a checked URL, e.g. for a Content-Security-Policy. */
    public static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }
}
