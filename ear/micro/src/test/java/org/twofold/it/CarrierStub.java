package org.twofold.it;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for a Twilio-style carrier's REST API, in the test JVM: it records every request the
 * server sends and accepts numbers ending in 9999 (201), failing the rest (500) so that those fall
 * over to the simulated carrier.
 */
final class CarrierStub {
    /** One request the server sent: path, Authorization header, form fields (repeated ones kept). */
    record Request(String path, String authorization, Map<String, List<String>> form) {
        String field(String name) {
            List<String> v = form.get(name);
            return v == null || v.isEmpty() ? null : v.get(0);
        }
    }

    final List<Request> requests = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    private CarrierStub(HttpServer server) {
        this.server = server;
    }

    static CarrierStub start(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            CarrierStub stub = new CarrierStub(server);
            server.createContext("/2010-04-01/", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                Request r = new Request(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Authorization"), parse(body));
                stub.requests.add(r);
                String to = r.field("To");
                boolean ok = to != null && to.endsWith("9999");
                byte[] answer = (ok ? "{\"sid\":\"SM1\",\"status\":\"queued\"}" : "{\"code\":20500,\"message\":\"Internal error\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(ok ? 201 : 500, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            server.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, List<String>> parse(String form) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            out.computeIfAbsent(name, k -> new ArrayList<>()).add(eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** The newest request whose {@code To} is {@code to} on a path ending in {@code endpoint}. */
    Request last(String endpoint, String to) {
        Request found = null;
        for (Request r : requests) {
            if (r.path().endsWith(endpoint) && to.equals(r.field("To"))) {
                found = r;
            }
        }
        if (found == null) {
            throw new AssertionError("the carrier received no " + endpoint + " for " + to + "; it received " + requests);
        }
        return found;
    }

    void stop() {
        server.stop(0);
    }
}
