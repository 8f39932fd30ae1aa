package org.twofold.directory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.twofold.site.Settings;

/**
 * How Twofold reaches the campus directory, from the {@code TWOFOLD_LDAP_*} settings (README,
 * "Directory (LDAP / Active Directory)"). Without {@code TWOFOLD_LDAP_URL} there is no directory
 * and every user is local, as before. A setting that cannot work (a URL of another scheme, a bind
 * DN without password, a bad filter) stops the start with a message naming it, rather than leave
 * logins failing later.
 *
 * @param servers the directory servers in the order they are tried (failover)
 * @param startTls whether {@code ldap://} connections are upgraded with StartTLS (RFC 4513 §3)
 * @param caFile PEM file of the CA certificates trusted for the directory's TLS, or null for the JVM's
 * @param bindDn the service account that searches (null: anonymous searches)
 * @param bindPassword its password
 * @param syncMinutes minutes between scheduled syncs, 0 for on demand only
 * @param maxDisablePercent the largest share of known directory users one sync may disable
 * @param disabledFilter entries of the user filter that this filter matches are disabled users (null: none)
 * @param activeDirectory whether entries are Active Directory accounts, whose {@code userAccountControl}
 *     bit 0x2 ({@code ACCOUNTDISABLE}) marks a disabled account
 * @param departmentGroups groups whose members belong to a department, the first a person is a member of winning
 */
public record DirectoryConfig(List<Server> servers, boolean startTls, Path caFile, String bindDn, char[] bindPassword,
                              String userBase, String userFilter, Attributes attributes, int syncMinutes, int maxDisablePercent,
                              String disabledFilter, boolean activeDirectory, List<DepartmentGroup> departmentGroups) {

    /** Active Directory's {@code ACCOUNTDISABLE} bit of {@code userAccountControl} ([MS-ADTS] §2.2.16). */
    public static final int ACCOUNT_DISABLE = 0x2;

    /** Without a disabled filter, Active Directory or groups (OpenLDAP-style, as the tests before them build it). */
    public DirectoryConfig(List<Server> servers, boolean startTls, Path caFile, String bindDn, char[] bindPassword,
                           String userBase, String userFilter, Attributes attributes, int syncMinutes, int maxDisablePercent) {
        this(servers, startTls, caFile, bindDn, bindPassword, userBase, userFilter, attributes, syncMinutes, maxDisablePercent, null, false, List.of());
    }

    /** The members of the group {@code dn} belong to {@code department}. */
    public record DepartmentGroup(String department, String dn) {
    }

    /** One directory server: {@code ldaps} speaks TLS from the first byte; {@code ldap} with StartTLS unless turned off. */
    public record Server(String host, int port, boolean ldaps) {
        @Override
        public String toString() {
            return (ldaps ? "ldaps://" : "ldap://") + host + ":" + port;
        }
    }

    /** The directory attribute each of Twofold's user fields is read from. */
    public record Attributes(String username, String displayName, String department, String mail, String mobile, String telephone) {
        /** With the telephone number in {@code telephoneNumber}. */
        public Attributes(String username, String displayName, String department, String mail, String mobile) {
            this(username, displayName, department, mail, mobile, "telephoneNumber");
        }

        /** Every attribute a sync reads. */
        public String[] all() {
            return new String[] {username, displayName, department, mail, mobile, telephone};
        }
    }

    /** The directory of this installation, or empty when {@code TWOFOLD_LDAP_URL} is unset. */
    public static Optional<DirectoryConfig> from(Settings s) {
        Optional<String> url = s.find(Settings.LDAP_URL);
        if (url.isEmpty()) {
            return Optional.empty();
        }
        String bindDn = s.find(Settings.LDAP_BIND_DN).orElse(null);
        char[] password = s.find(Settings.LDAP_BIND_PASSWORD).map(String::toCharArray)
                .or(() -> s.find(Settings.LDAP_BIND_PASSWORD_FILE).map(DirectoryConfig::readPasswordFile)).orElse(null);
        if (bindDn != null && password == null) {
            throw new IllegalStateException("TWOFOLD_LDAP_BIND_DN is set but neither TWOFOLD_LDAP_BIND_PASSWORD nor TWOFOLD_LDAP_BIND_PASSWORD_FILE");
        }
        String base = s.find(Settings.LDAP_USER_BASE).orElseThrow(() -> new IllegalStateException("TWOFOLD_LDAP_URL is set but TWOFOLD_LDAP_USER_BASE is not"));
        String filter = s.get(Settings.LDAP_USER_FILTER);
        try {
            com.unboundid.ldap.sdk.Filter.create(filter);
        } catch (com.unboundid.ldap.sdk.LDAPException e) {
            throw new IllegalStateException("TWOFOLD_LDAP_USER_FILTER is no LDAP filter: " + filter, e);
        }
        Attributes attributes = new Attributes(s.get(Settings.LDAP_USERNAME_ATTRIBUTE), s.get(Settings.LDAP_DISPLAY_NAME_ATTRIBUTE),
                s.get(Settings.LDAP_DEPARTMENT_ATTRIBUTE), s.get(Settings.LDAP_MAIL_ATTRIBUTE), s.get(Settings.LDAP_MOBILE_ATTRIBUTE),
                s.get(Settings.LDAP_TELEPHONE_ATTRIBUTE));
        String disabledFilter = s.find(Settings.LDAP_DISABLED_FILTER).filter(f -> !f.isBlank()).orElse(null);
        if (disabledFilter != null) {
            try {
                com.unboundid.ldap.sdk.Filter.create(disabledFilter);
            } catch (com.unboundid.ldap.sdk.LDAPException e) {
                throw new IllegalStateException("TWOFOLD_LDAP_DISABLED_FILTER is no LDAP filter: " + disabledFilter, e);
            }
        }
        boolean activeDirectory = s.find(Settings.LDAP_ACTIVE_DIRECTORY).map(v -> v.equalsIgnoreCase("true"))
                .orElse(attributes.username().equalsIgnoreCase("sAMAccountName"));
        int percent = s.getInt(Settings.LDAP_SYNC_MAX_DISABLE_PERCENT);
        if (percent < 0 || percent > 100) {
            throw new IllegalStateException("TWOFOLD_LDAP_SYNC_MAX_DISABLE_PERCENT must be between 0 and 100");
        }
        int minutes = s.getInt(Settings.LDAP_SYNC_MINUTES);
        if (minutes < 0) {
            throw new IllegalStateException("TWOFOLD_LDAP_SYNC_MINUTES must be 0 (on demand only) or more");
        }
        List<Server> servers = servers(url.get());
        boolean startTls = !s.find(Settings.LDAP_STARTTLS).orElse("true").equalsIgnoreCase("false");
        for (Server server : servers) {
            if (!startTls && !server.ldaps() && !loopback(server.host())) {
                throw new IllegalStateException("TWOFOLD_LDAP_STARTTLS=false would send passwords to " + server + " in clear: "
                        + "only a directory on this machine (localhost) may be reached without TLS");
            }
        }
        return Optional.of(new DirectoryConfig(servers, startTls,
                s.find(Settings.LDAP_CA_FILE).map(Path::of).orElse(null), bindDn, password, base, filter, attributes, minutes, percent,
                disabledFilter, activeDirectory, departmentGroups(s.find(Settings.LDAP_DEPARTMENT_GROUPS).orElse(""))));
    }

    /**
     * {@code TWOFOLD_LDAP_DEPARTMENT_GROUPS}: {@code Department: group DN} pairs separated by
     * semicolons, e.g. {@code Law: cn=law,ou=groups,dc=campus,dc=edu; Physics: cn=physics,ou=groups,dc=campus,dc=edu}.
     * A pair without a colon or with no valid DN is refused (a typo must not silently put people in no department).
     */
    static List<DepartmentGroup> departmentGroups(String setting) {
        List<DepartmentGroup> groups = new ArrayList<>();
        for (String pair : setting.split(";")) {
            if (pair.isBlank()) {
                continue;
            }
            int colon = pair.indexOf(':');
            String department = colon < 0 ? "" : pair.substring(0, colon).strip();
            String dn = colon < 0 ? "" : pair.substring(colon + 1).strip();
            if (department.isEmpty() || !com.unboundid.ldap.sdk.DN.isValidDN(dn) || dn.isEmpty()) {
                throw new IllegalStateException("TWOFOLD_LDAP_DEPARTMENT_GROUPS: '" + pair.strip() + "' is not 'Department: group DN'");
            }
            groups.add(new DepartmentGroup(department, dn));
        }
        return List.copyOf(groups);
    }

    /**
     * The servers of {@code TWOFOLD_LDAP_URL}: URLs separated by spaces or commas, each {@code
     * ldap://host[:port]} (port 389) or {@code ldaps://host[:port]} (636); anything else (a path,
     * a query, another scheme) is refused, so that a typo is not silently ignored.
     */
    static List<Server> servers(String urls) {
        List<Server> servers = new ArrayList<>();
        for (String u : urls.trim().split("[\\s,]+")) {
            URI uri;
            try {
                uri = new URI(u);
            } catch (URISyntaxException e) {
                throw new IllegalStateException("TWOFOLD_LDAP_URL: not a URL: " + u, e);
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("ldap") && !scheme.equals("ldaps")) {
                throw new IllegalStateException("TWOFOLD_LDAP_URL: " + u + " is neither ldap:// nor ldaps://");
            }
            if (uri.getHost() == null || (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))
                    || uri.getRawQuery() != null || uri.getUserInfo() != null) {
                throw new IllegalStateException("TWOFOLD_LDAP_URL: " + u + " must be ldap[s]://host[:port] only (the base and filter are settings of their own)");
            }
            boolean ldaps = scheme.equals("ldaps");
            servers.add(new Server(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : ldaps ? 636 : 389, ldaps));
        }
        return List.copyOf(servers);
    }

    private static boolean loopback(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return h.equalsIgnoreCase("localhost") || h.startsWith("127.") || h.equals("::1");
    }

    private static char[] readPasswordFile(String file) {
        try {
            List<String> lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
            if (lines.isEmpty() || lines.get(0).isEmpty()) {
                throw new IllegalStateException("TWOFOLD_LDAP_BIND_PASSWORD_FILE " + file + " is empty");
            }
            return lines.get(0).toCharArray();
        } catch (IOException e) {
            throw new UncheckedIOException("TWOFOLD_LDAP_BIND_PASSWORD_FILE " + file + " cannot be read", e);
        }
    }

    /** The configuration without its password, for logs. */
    @Override
    public String toString() {
        return "directory " + servers + (startTls ? " (StartTLS)" : "") + ", users " + userFilter + " under " + userBase
                + ", username " + attributes.username() + (bindDn == null ? ", anonymous search" : ", searching as " + bindDn)
                + (activeDirectory ? ", Active Directory (userAccountControl)" : "") + (disabledFilter == null ? "" : ", disabled " + disabledFilter)
                + (departmentGroups.isEmpty() ? "" : ", " + departmentGroups.size() + " department group(s)");
    }
}
