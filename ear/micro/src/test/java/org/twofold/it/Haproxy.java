package org.twofold.it;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's haproxy in front of Twofold for a test (installed by the build, see the pom): a
 * temporary configuration on a free port — the common {@code global} and {@code defaults} with an
 * access log in the given format, then the test's own frontend and backend lines — started in the
 * foreground, waited for until it listens, and stopped by {@link #close()}.
 */
final class Haproxy implements AutoCloseable {
    final int port;
    final URI url;
    /** The access log, one line per request in the format the test chose. */
    final Path log;
    private final Process process;

    private Haproxy(int port, Path log, Process process) {
        this.port = port;
        this.url = URI.create("http://127.0.0.1:" + port + "/");
        this.log = log;
        this.process = process;
    }

    /**
     * Starts haproxy with its files in {@code dir}, named after {@code name}; {@code proxyLines} are
     * the frontend and backend sections, written after {@code defaults} (and {@code extraDefaults}),
     * with {@code PORT} standing for the port it listens on.
     */
    static Haproxy start(Path dir, String name, String logFormat, List<String> extraDefaults, List<String> proxyLines) throws IOException {
        int port = MicroServer.freePort();
        Path config = dir.resolve(name + "-haproxy-" + port + ".cfg");
        Path log = dir.resolve(name + "-haproxy-" + port + ".log");
        List<String> lines = new ArrayList<>(List.of(
                "global",
                "    log stdout format raw local0",
                "defaults",
                "    mode http",
                "    log global",
                "    log-format \"" + logFormat + "\"",
                "    timeout connect 2s",
                "    timeout client 60s",
                "    timeout server 60s"));
        lines.addAll(extraDefaults);
        proxyLines.forEach(l -> lines.add(l.replace("PORT", Integer.toString(port))));
        lines.add("");
        Files.writeString(config, String.join("\n", lines));
        String binary = Files.isExecutable(Path.of("/usr/sbin/haproxy")) ? "/usr/sbin/haproxy" : "haproxy";
        Process process = new ProcessBuilder(binary, "-db", "-f", config.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Haproxy haproxy = new Haproxy(port, log, process);
        haproxy.awaitListening(Duration.ofSeconds(30));
        return haproxy;
    }

    private void awaitListening(Duration limit) {
        Instant deadline = Instant.now().plus(limit);
        while (true) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                    close();
                    throw new IllegalStateException("haproxy did not listen; see " + log, notYet);
                }
                try {
                    // a bounded poll of a condition (haproxy listening), not a guess at its start-up time
                    process.waitFor(100, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for haproxy", e);
                }
            }
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
