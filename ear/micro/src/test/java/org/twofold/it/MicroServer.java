package org.twofold.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Twofold started as the README's run command starts it — {@code java -jar payara-micro.jar
 * --deploy twofold.war} in its own process — for the tests that must kill, restart or multiply the
 * server, which Arquillian's managed container cannot do. Ports are picked free; the server's output
 * goes to a log file next to its data directory. {@link #fresh} runs the simulator (the tests answer
 * on the virtual phones); {@link #production} and {@link #demo} start it as an operator would.
 */
final class MicroServer implements AutoCloseable {
    static final String ADMIN = "crashadmin";
    static final String ADMIN_PASSWORD = "crash-admin-" + Long.toHexString(System.nanoTime());

    final Path dataDir;
    final int httpPort;
    final int jmxPort;
    private final List<String> options;
    private final List<String> microOptions;
    private Process process;
    private int starts;
    private Path log;
    /** {@code -Dtwofold.simulator=true} (the tests' virtual phones), or left to the server's defaults. */
    private boolean simulator = true;
    /** Whether the administrator's password is configured ({@link #ADMIN_PASSWORD}) or generated and read off the console. */
    private boolean configuredAdmin = true;
    /** Payara's own log file ({@code --logToFile}), or null: Payara then logs to the console. */
    private Path payaraLog;
    private String generatedPassword;

    private MicroServer(Path dataDir, int httpPort, int jmxPort, List<String> options, List<String> microOptions) {
        this.dataDir = dataDir;
        this.httpPort = httpPort;
        this.jmxPort = jmxPort;
        this.options = options;
        this.microOptions = microOptions;
    }

    /**
     * Payara Micro's options of a single node, as the README's run command has them: no Hazelcast,
     * page sessions in memory (the pre-boot commands of {@code single-node.txt}).
     */
    static List<String> singleNode() {
        return List.of("--nohazelcast", "--prebootcommandfile", System.getProperty("twofold.singleNode"));
    }

    /** A server on a new data directory under {@code target/}, with free ports; not started yet. */
    static MicroServer fresh(String name, String... options) throws IOException {
        return fresh(name, singleNode(), options);
    }

    /**
     * As {@link #fresh(String, String...)}, with Payara Micro options of its own instead of
     * {@link #singleNode()} (e.g. {@code --clustername}, {@code --clustermode} for a node of a cluster).
     */
    static MicroServer fresh(String name, List<String> microOptions, String... options) throws IOException {
        Path dir = Path.of("target", name + "-" + Instant.now().toEpochMilli()).toAbsolutePath();
        Files.createDirectories(dir);
        return new MicroServer(dir, freePort(), freePort(), List.of(options), List.copyOf(microOptions));
    }

    /**
     * A server started as an operator starts one for production: no {@code TWOFOLD_DEMO}, no
     * simulator setting, no administrator password (one is generated and shown on the console), and
     * Payara's log in a file of its own ({@code --logToFile}), apart from the console.
     */
    static MicroServer production(String name, String... options) throws IOException {
        MicroServer server = fresh(name, options);
        server.simulator = false;
        server.configuredAdmin = false;
        server.payaraLog = server.dataDir.resolveSibling(server.dataDir.getFileName() + "-payara.log");
        return server;
    }

    /** As the README's run command with {@code TWOFOLD_DEMO=true}, Payara's log in a file of its own. */
    static MicroServer demo(String name, String... options) throws IOException {
        List<String> all = new ArrayList<>(List.of("-Dtwofold.demo=true"));
        all.addAll(List.of(options));
        return production(name, all.toArray(String[]::new));
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * The JVM's part of every launch line, as the README's run command has it: java with the launch
     * options written once in {@code twofold.args} (a Java argument file), a data directory and ports.
     */
    static List<String> java(Path dataDir, int httpPort, int jmxPort) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "@" + System.getProperty("twofold.launchArgs"),
                "-Dtwofold.data.dir=" + dataDir, "-Dtwofold.http.port=" + httpPort, "-Dtwofold.jmx.port=" + jmxPort);
    }

    /** Payara Micro's part of a launch line: its jar, its options, the port and the assembled WAR. */
    static List<String> payaraMicro(int httpPort, List<String> microOptions) {
        List<String> part = new ArrayList<>(List.of("-jar", System.getProperty("payara.microJar")));
        part.addAll(microOptions);
        part.addAll(List.of("--port", Integer.toString(httpPort), "--deploy", System.getProperty("it.war")));
        return part;
    }

    /** Starts the server and returns once {@code GET /health} answers 200 (at most 5 minutes). */
    MicroServer start() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(java(dataDir, httpPort, jmxPort));
        command.add("-Dtwofold.admin.user=" + ADMIN);
        // RADIUS off unless a test's options turn it on: two servers on one machine cannot share UDP 1812
        command.add("-Dtwofold.radius.port=0");
        if (configuredAdmin) {
            command.add("-Dtwofold.admin.password=" + ADMIN_PASSWORD);
        }
        if (simulator) {
            command.add("-Dtwofold.simulator=true");
        }
        command.addAll(options);
        command.addAll(httpsJvmOptions());
        command.addAll(payaraMicro(httpPort, microOptions));
        command.addAll(httpsMicroOptions());
        if (payaraLog != null) {
            command.addAll(List.of("--logToFile", payaraLog.toString()));
        }
        starts++;
        log = dataDir.resolveSibling(dataDir.getFileName() + "-server-" + starts + ".log");
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        awaitHealthy(log);
        return this;
    }

    private void awaitHealthy(Path log) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(base() + "health")).timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Twofold exited with " + process.exitValue() + " before it was ready; see " + log);
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            // a bounded poll of a condition, not a guess at how long start-up takes
            process.waitFor(250, TimeUnit.MILLISECONDS);
        }
        throw new IllegalStateException("Twofold was not ready within 5 minutes; see " + log + "\n" + whyNotReady(log));
    }

    /**
     * What a start that hangs was doing, for the test report (a CI machine's log files are gone
     * once it fails): the server's main thread as {@code jcmd Thread.print} shows it, and the end
     * of its log.
     */
    private String whyNotReady(Path log) {
        StringBuilder why = new StringBuilder();
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(process.pid()), "Thread.print").redirectErrorStream(true).start();
            String dump = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            jcmd.waitFor(30, TimeUnit.SECONDS);
            for (String thread : dump.split("\n\n")) {
                if (thread.startsWith("\"main\"")) {
                    why.append("main thread:\n").append(thread.lines().limit(40).collect(Collectors.joining("\n")))
                            .append('\n');
                }
            }
        } catch (IOException e) {
            why.append("no thread dump: ").append(e).append('\n');
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            why.append("end of the log:\n");
            lines.subList(Math.max(0, lines.size() - 30), lines.size())
                    .forEach(line -> why.append(line.replaceAll("\u001B\\[[0-9;]*m", "")).append('\n'));
        } catch (IOException e) {
            why.append("no log: ").append(e);
        }
        return why.toString();
    }

    /** SIGKILL: the JVM gets no chance to flush, close or shut Derby down. */
    void kill() throws InterruptedException {
        process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor();
    }

    /** The log file of the {@code n}th start (1 for the first). */
    Path log(int n) {
        return dataDir.resolveSibling(dataDir.getFileName() + "-server-" + n + ".log");
    }

    /** The running server process's command line as the operating system shows it to every local user. */
    String commandLine() {
        return process.info().commandLine().orElseThrow(() -> new IllegalStateException("the OS shows no command line"));
    }

    /** The properties file the keystore and its password were handed over in (HTTPS only). */
    Path tlsPropertiesFile() {
        return dataDir.resolveSibling(dataDir.getFileName() + "-tls.properties");
    }

    /** The log file of the latest start (the console's output, and Payara's log unless it has its own file). */
    Path log() {
        return log;
    }

    /**
     * Payara's own log file ({@link #production}, {@link #demo}), or null. Payara's file handler
     * numbers the file it writes ({@code --logToFile x.log} writes {@code x.log.0}): the newest file
     * so named, or the name given while there is none yet.
     */
    Path payaraLog() throws IOException {
        if (payaraLog == null) {
            return null;
        }
        String name = payaraLog.getFileName().toString();
        try (var files = Files.list(payaraLog.getParent())) {
            return files.filter(f -> f.getFileName().toString().startsWith(name) && !f.getFileName().toString().endsWith(".lck"))
                    .max(java.util.Comparator.comparing(f -> f.toFile().lastModified())).orElse(payaraLog);
        }
    }

    /** Everything the server wrote: the console of every start and Payara's own log file. */
    String allOutput() throws IOException {
        StringBuilder all = new StringBuilder();
        for (int n = 1; n <= starts; n++) {
            all.append(Files.readString(log(n), StandardCharsets.ISO_8859_1));
        }
        if (payaraLog != null && Files.exists(payaraLog())) {
            all.append(Files.readString(payaraLog(), StandardCharsets.ISO_8859_1));
        }
        return all.toString();
    }

    /**
     * The console line matching {@code pattern} (its first group), once the server has written it
     * (at most a minute after it became healthy: the ready line follows the last interface up).
     */
    String awaitConsole(java.util.regex.Pattern pattern) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (true) {
            java.util.regex.Matcher m = pattern.matcher(Files.readString(log, StandardCharsets.ISO_8859_1));
            if (m.find()) {
                return m.group(1);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the console of " + log + " never showed " + pattern);
            }
            process.waitFor(250, TimeUnit.MILLISECONDS); // a bounded poll of a condition
        }
    }

    /** The administrator's password: configured, or the one generated on the first start and shown on its console. */
    String adminPassword() throws IOException, InterruptedException {
        if (configuredAdmin) {
            return ADMIN_PASSWORD;
        }
        if (generatedPassword == null) {
            generatedPassword = awaitConsole(GENERATED_PASSWORD);
        }
        return generatedPassword;
    }

    /** How the first start shows the generated administrator password (Bootstrap). */
    static final java.util.regex.Pattern GENERATED_PASSWORD = java.util.regex.Pattern.compile("JMX administrator created: user \\S+, password (\\S+)");

    URL base() throws IOException {
        return URI.create("http://localhost:" + httpPort + "/").toURL();
    }

    /** A JMX session as the bootstrap administrator. */
    /** The administrator's JMX login to this server. */
    Jmx admin() throws IOException {
        String password;
        try {
            password = adminPassword();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return Jmx.login(jmxPort, ADMIN, password);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    /** HTTPS (0: none), as the README's run command turns it on with TWOFOLD_HTTPS_PORT and TWOFOLD_TLS_*. */
    int httpsPort;
    private Path tlsKeystore;
    private String tlsPassword;

    /** A server on a new data directory that also serves HTTPS with the key under alias {@code twofold} of {@code keystore}. */
    static MicroServer freshWithHttps(String name, Path keystore, String password, String... options) throws IOException {
        MicroServer server = fresh(name, options);
        server.httpsPort = freePort();
        server.tlsKeystore = keystore.toAbsolutePath();
        server.tlsPassword = password;
        return server;
    }

    private List<String> httpsJvmOptions() {
        return httpsPort == 0 ? List.of() : List.of("-Dtwofold.https.port=" + httpsPort);
    }

    /**
     * As the run command: the keystore and its password go to Payara Micro in a properties file
     * only its owner can read ({@code --systemProperties}), never as {@code -D} arguments.
     */
    private List<String> httpsMicroOptions() throws IOException {
        if (httpsPort == 0) {
            return List.of();
        }
        Path file = tlsPropertiesFile();
        Files.deleteIfExists(file);
        Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        java.util.Properties tls = new java.util.Properties();
        tls.setProperty("javax.net.ssl.keyStore", tlsKeystore.toString());
        tls.setProperty("javax.net.ssl.keyStorePassword", tlsPassword);
        try (var out = Files.newOutputStream(file)) {
            tls.store(out, null);
        }
        return List.of("--systemProperties", file.toString(), "--sslport", Integer.toString(httpsPort), "--sslcert", "twofold");
    }

    URI httpsBase() {
        return URI.create("https://localhost:" + httpsPort + "/");
    }
}
