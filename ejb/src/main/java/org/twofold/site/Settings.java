package org.twofold.site;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/**
 * Twofold's configuration, read in one place. A key {@code twofold.x.y} is looked up as the system
 * property {@code twofold.x.y}, then the environment variable {@code TWOFOLD_X_Y}, then the
 * documented defaults in {@code twofold-defaults.properties}. It has no Jakarta dependencies so that
 * the data source, which the container instantiates itself, reads the same values as the beans.
 */
public final class Settings {
    public static final String HTTP_PORT = "twofold.http.port";
    public static final String JMX_PORT = "twofold.jmx.port";
    public static final String JMX_HOST = "twofold.jmx.host";
    public static final String DATA_DIR = "twofold.data.dir";
    public static final String DB_URL = "twofold.db.url";
    public static final String DB_USER = "twofold.db.user";
    public static final String DB_PASSWORD = "twofold.db.password";
    public static final String ADMIN_USER = "twofold.admin.user";
    public static final String ADMIN_PASSWORD = "twofold.admin.password";
    public static final String DEMO = "twofold.demo";
    public static final String ORG_NAME = "twofold.org.name";
    public static final String HELPDESK_CONTACT = "twofold.helpdesk.contact";
    public static final String SECRET_KEY = "twofold.secret.key";
    public static final String CARRIER = "twofold.carrier";
    /** {@code true}: the simulated carrier and its virtual phones at {@code /phone} (default: {@code TWOFOLD_DEMO}). */
    public static final String SIMULATOR = "twofold.simulator";
    /** Addresses and CIDR blocks that may open {@code /phone} while the simulator is on (default: loopback). */
    public static final String PHONE_ALLOWED_FROM = "twofold.phone.allowed.from";
    /** The push channel: {@code webpush} (Web Push to the Twofold approval app) or {@code simulated} (see {@code CarrierChoice}). */
    public static final String PUSH = "twofold.push";
    /**
     * Hosts a push subscription's endpoint may name with plain {@code http} (comma-separated; default none:
     * every endpoint is {@code https}) — for a test's own push service on this machine.
     */
    public static final String PUSH_HTTP_HOSTS = "twofold.push.http.hosts";
    public static final String CARRIER_HTTP_URL = "twofold.carrier.http.url";
    public static final String CARRIER_HTTP_ACCOUNT = "twofold.carrier.http.account";
    public static final String CARRIER_HTTP_TOKEN = "twofold.carrier.http.token";
    public static final String CARRIER_HTTP_FROM = "twofold.carrier.http.from";
    public static final String CARRIER_HTTP_CALLBACK = "twofold.carrier.http.callback";
    /** A keystore (PKCS12 or JKS) with the JMX connector's key and certificate; unset: no TLS. */
    public static final String JMX_TLS_KEYSTORE = "twofold.jmx.tls.keystore";
    public static final String JMX_TLS_PASSWORD = "twofold.jmx.tls.password";
    /** The address users reach Twofold at, for links sent to them (activation links). */
    public static final String PUBLIC_URL = "twofold.public.url";
    /** Payara's HTTPS port ({@code --sslport}); when set, plain HTTP is redirected there. */
    public static final String HTTPS_PORT = "twofold.https.port";
    /** {@code true}: a TLS-terminating proxy in front sets {@code X-Forwarded-Proto}, and it is believed. */
    public static final String TRUST_PROXY = "twofold.trust.proxy";
    /** With {@link #TRUST_PROXY}: the addresses (CIDR list) of the proxies whose {@code X-Forwarded-*} headers are believed. */
    public static final String TRUSTED_PROXIES = "twofold.trusted.proxies";
    /** {@code true}: an administrator may also invoke the JVM's own MBeans that run code or dump memory. */
    public static final String JMX_JVM_CONTROL = "twofold.jmx.jvm.control";
    /**
     * {@code true}: duo_unix 1.x's REST v1 ({@code /rest/v1}, Debian 12's {@code pam_duo} and
     * {@code login_duo}) is answered — its signature has no date, so a captured request could be
     * replayed; off unless an operator who runs those clients turns it on.
     */
    public static final String DUO_REST_V1 = "twofold.duo.rest.v1";
    /** The UDP port of the RADIUS front end (RFC 2865); 0: off. */
    public static final String RADIUS_PORT = "twofold.radius.port";

    /** The campus directory: one or more {@code ldap://} or {@code ldaps://} URLs (space- or comma-separated, tried in order); unset: local users only. */
    public static final String LDAP_URL = "twofold.ldap.url";
    /** {@code ldap://} URLs are upgraded with StartTLS unless this is {@code false}. */
    public static final String LDAP_STARTTLS = "twofold.ldap.starttls";
    /** A PEM file of the CA certificates the directory's TLS certificate is checked against (default: the JVM's). */
    public static final String LDAP_CA_FILE = "twofold.ldap.ca.file";
    public static final String LDAP_BIND_DN = "twofold.ldap.bind.dn";
    public static final String LDAP_BIND_PASSWORD = "twofold.ldap.bind.password";
    /** A file holding the bind password (its first line), instead of {@link #LDAP_BIND_PASSWORD}. */
    public static final String LDAP_BIND_PASSWORD_FILE = "twofold.ldap.bind.password.file";
    public static final String LDAP_USER_BASE = "twofold.ldap.user.base";
    public static final String LDAP_USER_FILTER = "twofold.ldap.user.filter";
    public static final String LDAP_USERNAME_ATTRIBUTE = "twofold.ldap.username.attribute";
    public static final String LDAP_DISPLAY_NAME_ATTRIBUTE = "twofold.ldap.display.name.attribute";
    public static final String LDAP_DEPARTMENT_ATTRIBUTE = "twofold.ldap.department.attribute";
    public static final String LDAP_MAIL_ATTRIBUTE = "twofold.ldap.mail.attribute";
    public static final String LDAP_MOBILE_ATTRIBUTE = "twofold.ldap.mobile.attribute";
    public static final String LDAP_TELEPHONE_ATTRIBUTE = "twofold.ldap.telephone.attribute";
    /** Entries of the user filter that this filter matches are disabled users (unset: none). */
    public static final String LDAP_DISABLED_FILTER = "twofold.ldap.disabled.filter";
    /** {@code true}: Active Directory accounts ({@code userAccountControl}'s disabled bit read); default: when the username attribute is sAMAccountName. */
    public static final String LDAP_ACTIVE_DIRECTORY = "twofold.ldap.active.directory";
    /** {@code Department: group DN; ...}: members of these groups belong to these departments. */
    public static final String LDAP_DEPARTMENT_GROUPS = "twofold.ldap.department.groups";
    /** Minutes between scheduled syncs (0: on demand only). */
    public static final String LDAP_SYNC_MINUTES = "twofold.ldap.sync.minutes";
    /** The largest share (percent) of the directory users Twofold knows that one sync may disable. */
    public static final String LDAP_SYNC_MAX_DISABLE_PERCENT = "twofold.ldap.sync.max.disable.percent";

    private static volatile Settings current;

    private final Function<String, String> systemProperties;
    private final Function<String, String> environment;
    private final Properties defaults;

    Settings(Function<String, String> systemProperties, Function<String, String> environment, Properties defaults) {
        this.systemProperties = systemProperties;
        this.environment = environment;
        this.defaults = defaults;
    }

    /** The settings of this JVM: system properties, environment, then the built-in defaults. */
    public static Settings current() {
        Settings s = current;
        if (s == null) {
            s = new Settings(System::getProperty, System::getenv, loadDefaults());
            current = s;
        }
        return s;
    }

    /** Settings over explicit maps, for tests. */
    static Settings of(Map<String, String> properties, Map<String, String> environment) {
        return new Settings(properties::get, environment::get, loadDefaults());
    }

    private static Properties loadDefaults() {
        Properties p = new Properties();
        try (InputStream in = Settings.class.getResourceAsStream("twofold-defaults.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** {@code twofold.x.y} → {@code TWOFOLD_X_Y}. */
    static String environmentName(String key) {
        return key.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }

    /** The value, or empty when unset or blank everywhere. */
    public Optional<String> find(String key) {
        String v = systemProperties.apply(key);
        if (v == null || v.isBlank()) {
            v = environment.apply(environmentName(key));
        }
        if (v == null || v.isBlank()) {
            v = defaults.getProperty(key);
        }
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    public String get(String key) {
        return find(key).orElseThrow(() -> new IllegalStateException("Setting " + key + " ("
                + environmentName(key) + ") is not set"));
    }

    public int getInt(String key) {
        String v = get(key);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("Setting " + key + " (" + environmentName(key) + ") must be a number, not " + v, e);
        }
    }

    public boolean getBoolean(String key) {
        return find(key).map(v -> v.equalsIgnoreCase("true") || v.equals("1") || v.equalsIgnoreCase("yes")).orElse(false);
    }

    /** The data directory as an absolute path (relative paths resolve against the working directory). */
    public Path dataDir() {
        return Path.of(get(DATA_DIR)).toAbsolutePath().normalize();
    }

    /** The JDBC URL: {@code TWOFOLD_DB_URL}, or embedded Derby in the data directory. */
    public String databaseUrl() {
        return find(DB_URL).orElseGet(() -> "jdbc:derby:" + dataDir().resolve("db") + ";create=true");
    }

    public boolean embeddedDerby() {
        return databaseUrl().startsWith("jdbc:derby:") && !databaseUrl().startsWith("jdbc:derby://");
    }

    /** The client address of the JMX connector. */
    public String jmxServiceUrl() {
        return "service:jmx:rmi:///jndi/rmi://" + get(JMX_HOST) + ":" + getInt(JMX_PORT) + "/jmxrmi";
    }

    public String pageUrl() {
        return "http://localhost:" + getInt(HTTP_PORT) + "/";
    }

    /**
     * The address people reach Twofold at, ending in {@code /}: {@code TWOFOLD_PUBLIC_URL}, or
     * {@code http://localhost:<http port>/}. Links texted to users (activation links) start with it.
     */
    public String publicUrl() {
        String url = find(PUBLIC_URL).orElseGet(this::pageUrl);
        return url.endsWith("/") ? url : url + "/";
    }
}
