package org.twofold.it;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/**
 * A web application protected by OpenID Connect as campuses protect them: Debian's {@code apache2}
 * with {@code mod_auth_openidc} ({@code libapache2-mod-auth-openidc}, installed by the build through
 * {@code .ci/ensure-packages}), started by the test in the foreground on a free loopback port with a
 * configuration of its own in a temporary directory (never the system's service or its
 * configuration), and stopped after. Its one page, {@code /protected/claims}, is a CGI script that
 * prints the {@code OIDC_CLAIM_*} variables mod_auth_openidc passes to the application. The
 * configuration is the README's example ("Web applications"), with the test's addresses.
 *
 * <p>The application is named by {@code 127.0.0.1} and Twofold by {@code localhost}: two sites for
 * the browser, as an application and its login service are, so no cookie of one reaches the other.
 */
final class Apache implements AutoCloseable {
    final Path dir;
    final int port;
    private final Process process;

    private Apache(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** The page the application protects. */
    String page() {
        return "http://127.0.0.1:" + port + "/protected/claims";
    }

    /** The redirect URI to register for it: mod_auth_openidc's own, inside the protected path. */
    static String redirectUri(int port) {
        return "http://127.0.0.1:" + port + "/protected/redirect_uri";
    }

    /** The access and error logs (mod_auth_openidc's messages), for a failing test's message. */
    String log() {
        StringBuilder out = new StringBuilder();
        for (String name : new String[] {"access.log", "error.log"}) {
            try {
                out.append("\n--- ").append(name).append(":\n").append(Files.readString(dir.resolve(name)));
            } catch (IOException e) {
                out.append("\n(no ").append(name).append(": ").append(e).append(')');
            }
        }
        return out.toString();
    }

    /**
     * Starts Apache on {@code port} as the relying party {@code clientId}/{@code clientSecret} of the
     * provider whose issuer is {@code issuer}; returns once it accepts connections.
     */
    static Apache start(int port, String issuer, String clientId, String clientSecret) throws Exception {
        // under /tmp, readable by the user Apache's children run as (www-data when started by root)
        Path dir = Files.createTempDirectory("twofold-it-apache-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.createDirectories(dir.resolve("run"));
        Path cgi = Files.createDirectories(dir.resolve("cgi"));
        Path claims = cgi.resolve("claims");
        Files.writeString(claims, String.join("\n",
                "#!/bin/sh",
                "printf 'Content-Type: text/plain; charset=utf-8\\r\\n\\r\\n'",
                "env | grep '^OIDC_CLAIM_' | sort",
                ""), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(claims, PosixFilePermissions.fromString("rwxr-xr-x"));
        boolean root = "root".equals(System.getProperty("user.name"));
        String modules = "/usr/lib/apache2/modules/";
        Files.writeString(dir.resolve("httpd.conf"), String.join("\n",
                "ServerRoot " + dir,
                "ServerName 127.0.0.1",
                "Listen 127.0.0.1:" + port,
                "DefaultRuntimeDir " + dir.resolve("run"),
                "PidFile " + dir.resolve("run/httpd.pid"),
                "ErrorLog " + dir.resolve("error.log"),
                "LogLevel warn auth_openidc:info",
                "LogFormat \"%h \\\"%r\\\" %>s %{Location}o\" brief",
                "CustomLog " + dir.resolve("access.log") + " brief",
                "LoadModule mpm_prefork_module " + modules + "mod_mpm_prefork.so",
                "LoadModule authn_core_module " + modules + "mod_authn_core.so",
                "LoadModule authz_core_module " + modules + "mod_authz_core.so",
                "LoadModule authz_user_module " + modules + "mod_authz_user.so",
                "LoadModule alias_module " + modules + "mod_alias.so",
                "LoadModule cgi_module " + modules + "mod_cgi.so",
                "LoadModule auth_openidc_module " + modules + "mod_auth_openidc.so",
                root ? "User www-data" : "",
                root ? "Group www-data" : "",
                "StartServers 2",
                "MaxRequestWorkers 10",
                // ---- the README's example, with the test's addresses ----
                "OIDCProviderMetadataURL " + issuer + "/.well-known/openid-configuration",
                "OIDCClientID " + clientId,
                "OIDCClientSecret " + clientSecret,
                "OIDCRedirectURI " + redirectUri(port),
                "OIDCCryptoPassphrase " + HexFormat.of().formatHex(new SecureRandom().generateSeed(16)),
                "OIDCScope \"openid profile\"",
                "OIDCPKCEMethod S256",
                "OIDCProviderTokenEndpointAuth client_secret_basic",
                "OIDCAuthRequestParams max_age=3600",
                "OIDCCookieSameSite On",
                "OIDCRemoteUserClaim preferred_username",
                "ScriptAlias /protected/ " + cgi + "/",
                "<Location /protected/>",
                "    AuthType openid-connect",
                "    Require valid-user",
                "</Location>",
                ""), StandardCharsets.UTF_8);
        // In a session of its own: Apache's prefork parent stops by signalling its whole process group
        // (killpg(getpgrp(), SIGTERM)), which, in the foreground, would be the test JVM's and Maven's.
        // setsid(1) execs apache2 in place (the JVM's child leads no group), so this is Apache's pid.
        Process p = new ProcessBuilder("setsid", "/usr/sbin/apache2", "-f", dir.resolve("httpd.conf").toString(), "-DFOREGROUND")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("apache.out").toFile())).start();
        Apache apache = new Apache(dir, port, p);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            if (!p.isAlive()) {
                throw new IllegalStateException("apache2 exited with " + p.exitValue() + ": " + Files.readString(dir.resolve("apache.out")) + apache.log());
            }
            try (Socket s = new Socket("127.0.0.1", port)) {
                return apache;
            } catch (ConnectException notYet) {
                if (Instant.now().isAfter(deadline)) {
                    apache.close();
                    throw new IllegalStateException("apache2 did not listen within 30 s: " + apache.log());
                }
                p.waitFor(100, TimeUnit.MILLISECONDS); // a bounded poll of a condition
            }
        }
    }

    /** Stops Apache (SIGTERM: the parent stops its children) and removes its directory. */
    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (var files = Files.walk(dir)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
