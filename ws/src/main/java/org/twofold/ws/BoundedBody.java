package org.twofold.ws;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body read whole, but never past a limit: what the SOAP screen and the Duo-compatible
 * API read before they look at a request, so that an endless or huge body costs no more memory
 * than the limit.
 */
public final class BoundedBody {
    private BoundedBody() {
    }

    /** The whole body, or null if it is larger than {@code maxBytes}. */
    public static byte[] read(InputStream in, int maxBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) != -1) {
            if (out.size() + n > maxBytes) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
