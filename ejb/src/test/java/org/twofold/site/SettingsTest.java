package org.twofold.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsTest {
    private static Settings defaultsOnly() {
        return Settings.of(Map.of(), Map.of());
    }

    @Test
    void mapsKeysToEnvironmentNames() {
        assertEquals("TWOFOLD_HTTP_PORT", Settings.environmentName(Settings.HTTP_PORT));
        assertEquals("TWOFOLD_DB_URL", Settings.environmentName(Settings.DB_URL));
        assertEquals("TWOFOLD_SECRET_KEY", Settings.environmentName(Settings.SECRET_KEY));
    }

    @Test
    void systemPropertyWinsOverEnvironment() {
        Settings s = Settings.of(Map.of("twofold.http.port", "7001"), Map.of("TWOFOLD_HTTP_PORT", "7002"));
        assertEquals(7001, s.getInt(Settings.HTTP_PORT));
    }

    @Test
    void environmentWinsOverDefaults() {
        Settings s = Settings.of(Map.of(), Map.of("TWOFOLD_HTTP_PORT", "7002"));
        assertEquals(7002, s.getInt(Settings.HTTP_PORT));
    }

    @Test
    void blankSystemPropertyFallsThroughToEnvironment() {
        Settings s = Settings.of(Map.of("twofold.http.port", "  "), Map.of("TWOFOLD_HTTP_PORT", "7002"));
        assertEquals(7002, s.getInt(Settings.HTTP_PORT));
    }

    @Test
    void blankEnvironmentFallsThroughToDefault() {
        Settings s = Settings.of(Map.of(), Map.of("TWOFOLD_HTTP_PORT", ""));
        assertEquals(8080, s.getInt(Settings.HTTP_PORT));
    }

    @Test
    void environmentIsNotReadUnderThePropertyName() {
        Settings s = Settings.of(Map.of(), Map.of("twofold.http.port", "7003"));
        assertEquals(8080, s.getInt(Settings.HTTP_PORT));
    }

    @Test
    void valuesAreTrimmed() {
        Settings s = Settings.of(Map.of("twofold.org.name", "  Acme  "), Map.of());
        assertEquals("Acme", s.get(Settings.ORG_NAME));
    }

    @Test
    void documentedDefaultsApply() {
        Settings s = defaultsOnly();
        assertEquals(8080, s.getInt(Settings.HTTP_PORT));
        assertEquals(9010, s.getInt(Settings.JMX_PORT));
        assertEquals("twofold-data", s.get(Settings.DATA_DIR));
        assertEquals("localhost", s.get(Settings.JMX_HOST));
        assertEquals("admin", s.get(Settings.ADMIN_USER));
        assertFalse(s.getBoolean(Settings.DEMO));
    }

    @Test
    void unsetSettingIsEmpty() {
        Settings s = defaultsOnly();
        assertEquals(Optional.empty(), s.find(Settings.SECRET_KEY));
        assertEquals(Optional.empty(), s.find(Settings.DB_URL));
    }

    @Test
    void getOfUnsetSettingNamesTheEnvironmentVariable() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> defaultsOnly().get(Settings.SECRET_KEY));
        assertTrue(e.getMessage().contains("TWOFOLD_SECRET_KEY"), e.getMessage());
    }

    @Test
    void getIntOfNonNumberNamesTheEnvironmentVariable() {
        Settings s = Settings.of(Map.of(), Map.of("TWOFOLD_HTTP_PORT", "eighty"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.getInt(Settings.HTTP_PORT));
        assertTrue(e.getMessage().contains("TWOFOLD_HTTP_PORT"), e.getMessage());
        assertTrue(e.getMessage().contains("eighty"), e.getMessage());
        assertTrue(e.getCause() instanceof NumberFormatException, String.valueOf(e.getCause()));
    }

    @Test
    void getBooleanAcceptsTrueOneAndYes() {
        for (String yes : new String[] {"true", "TRUE", "1", "yes", "Yes"}) {
            assertTrue(Settings.of(Map.of("twofold.demo", yes), Map.of()).getBoolean(Settings.DEMO), yes);
        }
        for (String no : new String[] {"false", "0", "no", "on"}) {
            assertFalse(Settings.of(Map.of("twofold.demo", no), Map.of()).getBoolean(Settings.DEMO), no);
        }
    }

    @Test
    void dataDirIsAbsolute() {
        Path dir = defaultsOnly().dataDir();
        assertTrue(dir.isAbsolute(), dir.toString());
        assertEquals(Path.of("twofold-data").toAbsolutePath().normalize(), dir);
    }

    @Test
    void databaseUrlDefaultsToEmbeddedDerbyInTheDataDir() {
        Settings s = defaultsOnly();
        Path dataDir = Path.of("twofold-data").toAbsolutePath().normalize();
        assertEquals("jdbc:derby:" + dataDir.resolve("db") + ";create=true", s.databaseUrl());
        assertTrue(s.embeddedDerby());
    }

    @Test
    void databaseUrlFollowsAConfiguredDataDir() {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "tf", "..", "tf-data").toAbsolutePath();
        Settings s = Settings.of(Map.of(), Map.of("TWOFOLD_DATA_DIR", dir.toString()));
        assertEquals(dir.normalize(), s.dataDir());
        assertEquals("jdbc:derby:" + dir.normalize().resolve("db") + ";create=true", s.databaseUrl());
    }

    @Test
    void configuredPostgresUrlIsUsedAsIs() {
        String url = "jdbc:postgresql://db.example:5432/twofold";
        Settings s = Settings.of(Map.of(), Map.of("TWOFOLD_DB_URL", url));
        assertEquals(url, s.databaseUrl());
        assertFalse(s.embeddedDerby());
    }

    @Test
    void derbyNetworkServerIsNotEmbedded() {
        Settings s = Settings.of(Map.of(), Map.of("TWOFOLD_DB_URL", "jdbc:derby://db.example:1527/twofold"));
        assertFalse(s.embeddedDerby());
    }

    @Test
    void jmxServiceUrlDefaultsToLocalhost9010() {
        assertEquals("service:jmx:rmi:///jndi/rmi://localhost:9010/jmxrmi", defaultsOnly().jmxServiceUrl());
    }

    @Test
    void jmxServiceUrlFollowsHostAndPort() {
        Settings s = Settings.of(Map.of("twofold.jmx.port", "9999"), Map.of("TWOFOLD_JMX_HOST", "twofold.example"));
        assertEquals("service:jmx:rmi:///jndi/rmi://twofold.example:9999/jmxrmi", s.jmxServiceUrl());
    }

    @Test
    void pageUrlUsesTheHttpPort() {
        assertEquals("http://localhost:8080/", defaultsOnly().pageUrl());
        assertEquals("http://localhost:8181/", Settings.of(Map.of(), Map.of("TWOFOLD_HTTP_PORT", "8181")).pageUrl());
    }

    @Test
    void theDirectoryComesFromTheTwofoldLdapVariablesAndIsAbsentWithoutAUrl(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        assertTrue(org.twofold.directory.DirectoryConfig.from(defaultsOnly()).isEmpty(), "no TWOFOLD_LDAP_URL: local users only");
        Path secret = dir.resolve("bind-password");
        java.nio.file.Files.writeString(secret, "from-a-file\n");
        var c = org.twofold.directory.DirectoryConfig.from(Settings.of(Map.of(), Map.of("TWOFOLD_LDAP_URL", "ldaps://dc1.campus.example ldaps://dc2.campus.example",
                "TWOFOLD_LDAP_BIND_DN", "cn=twofold,dc=campus", "TWOFOLD_LDAP_BIND_PASSWORD_FILE", secret.toString(),
                "TWOFOLD_LDAP_USER_BASE", "ou=people,dc=campus", "TWOFOLD_LDAP_USERNAME_ATTRIBUTE", "sAMAccountName"))).orElseThrow();
        assertEquals(2, c.servers().size());
        assertEquals("from-a-file", new String(c.bindPassword()));
        assertEquals("(objectClass=inetOrgPerson)", c.userFilter());
        assertEquals("sAMAccountName", c.attributes().username());
        assertEquals("displayName", c.attributes().displayName());
        assertEquals(60, c.syncMinutes());
        assertTrue(c.startTls());
        assertFalse(c.toString().contains("from-a-file"), "the password is not in what is logged: " + c);
        assertThrows(IllegalStateException.class, () -> org.twofold.directory.DirectoryConfig.from(Settings.of(Map.of(), Map.of("TWOFOLD_LDAP_URL", "ldap://dc1",
                "TWOFOLD_LDAP_BIND_DN", "cn=twofold", "TWOFOLD_LDAP_USER_BASE", "ou=people"))), "a bind DN without a password");
        assertThrows(IllegalStateException.class, () -> org.twofold.directory.DirectoryConfig.from(Settings.of(Map.of(), Map.of("TWOFOLD_LDAP_URL", "ldap://dc1",
                "TWOFOLD_LDAP_USER_BASE", "ou=people", "TWOFOLD_LDAP_USER_FILTER", "(uid=broken"))), "a filter that is no filter");
        assertThrows(IllegalStateException.class, () -> org.twofold.directory.DirectoryConfig.from(Settings.of(Map.of(), Map.of("TWOFOLD_LDAP_URL",
                "ldap://dc1.campus.example", "TWOFOLD_LDAP_STARTTLS", "false", "TWOFOLD_LDAP_USER_BASE", "ou=people"))), "passwords in clear across the network");
        assertFalse(org.twofold.directory.DirectoryConfig.from(Settings.of(Map.of(), Map.of("TWOFOLD_LDAP_URL", "ldap://localhost:3890",
                "TWOFOLD_LDAP_STARTTLS", "false", "TWOFOLD_LDAP_USER_BASE", "ou=people"))).orElseThrow().startTls(), "a directory on this machine may go without");
    }
}
