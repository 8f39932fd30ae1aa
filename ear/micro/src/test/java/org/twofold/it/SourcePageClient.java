package org.twofold.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A {@link PageClient} whose connections leave from a chosen local address — on Linux any
 * {@code 127.x.y.z} is the loopback interface, so one machine plays many clients — and that can add
 * headers a client chooses itself (a spoofed {@code X-Forwarded-For}). The JDK's HTTP client cannot
 * bind its source address, so this speaks plain HTTP/1.1 over a socket, one connection per request
 * ({@code Connection: close}); it keeps the session cookies and follows redirects as a browser does.
 */
final class SourcePageClient {

    private final InetAddress source;
    private final URI base;
    private final Map<String, String> headers;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private String page = "";
    private URI at;

    /**
     * @param source the local address every connection is bound to
     * @param base the server's root ({@code http://127.0.0.1:port/})
     * @param headers sent with every request (e.g. {@code X-Forwarded-For}); may be empty
     */
    SourcePageClient(String source, URI base, Map<String, String> headers) throws IOException {
        this.source = InetAddress.getByName(source);
        this.base = base;
        this.headers = Map.copyOf(headers);
    }

    /** GETs {@code path} (relative to the server's root), following redirects; returns the page. */
    String get(String path) throws IOException {
        at = base.resolve(path);
        return follow("GET", at, null);
    }

    /** Posts the form {@code formId} of the current page as {@link PageClient#submit} does; returns the page it leads to. */
    String submit(String formId, Map<String, String> fields, String button) throws IOException {
        PageClient.FormPost post = PageClient.FormPost.of(page, at, formId, fields, button);
        at = post.action();
        return follow("POST", at, post.body());
    }

    private String follow(String method, URI uri, String form) throws IOException {
        for (int hops = 0; hops < 5; hops++) {
            Response r = send(method, uri, form);
            if (r.status / 100 == 3 && r.headers.containsKey("location")) {
                uri = uri.resolve(r.headers.get("location"));
                method = "GET";
                form = null;
                continue;
            }
            at = uri;
            page = r.body;
            if (r.status != 200) {
                throw new IllegalStateException("HTTP " + r.status + " for " + uri);
            }
            return page;
        }
        throw new IllegalStateException("too many redirects from " + uri);
    }

    private record Response(int status, Map<String, String> headers, String body) {
    }

    private Response send(String method, URI uri, String form) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(source, 0));
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
            socket.setSoTimeout(60_000);
            StringBuilder request = new StringBuilder()
                    .append(method).append(' ').append(uri.getRawPath()).append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                    .append(" HTTP/1.1\r\nHost: ").append(uri.getHost()).append(':').append(uri.getPort())
                    .append("\r\nConnection: close\r\nAccept: text/html\r\n");
            headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
            if (!cookies.isEmpty()) {
                request.append("Cookie: ").append(String.join("; ", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()))
                        .append("\r\n");
            }
            byte[] body = form == null ? new byte[0] : form.getBytes(StandardCharsets.UTF_8);
            if (form != null) {
                request.append("Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ").append(body.length).append("\r\n");
            }
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return read(socket.getInputStream());
        }
    }

    private Response read(InputStream in) throws IOException {
        byte[] all = in.readAllBytes();
        String raw = new String(all, StandardCharsets.ISO_8859_1);
        int end = raw.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IOException("no complete HTTP answer: " + raw);
        }
        String[] lines = raw.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> h = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            if (name.equals("set-cookie")) {
                String pair = value.split(";", 2)[0];
                int eq = pair.indexOf('=');
                cookies.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
            h.put(name, value);
        }
        byte[] content = java.util.Arrays.copyOfRange(all, end + 4, all.length);
        if ("chunked".equalsIgnoreCase(h.get("transfer-encoding"))) {
            content = dechunk(content);
        }
        return new Response(status, h, new String(content, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < chunked.length) {
            int lineEnd = i;
            while (lineEnd + 1 < chunked.length && !(chunked[lineEnd] == '\r' && chunked[lineEnd + 1] == '\n')) {
                lineEnd++;
            }
            String sizeLine = new String(chunked, i, lineEnd - i, StandardCharsets.ISO_8859_1).split(";", 2)[0].trim();
            int size = sizeLine.isEmpty() ? 0 : Integer.parseInt(sizeLine, 16);
            if (size == 0) {
                break;
            }
            out.write(chunked, lineEnd + 2, size);
            i = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }
}
