package org.twofold.site;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Creates and upgrades Twofold's schema at start-up, before anything else touches the database.
 * Each upgrade is a numbered script ({@code schema/V<n>__<what>.sql}) of portable SQL, applied once
 * in its own transaction and recorded in {@code TF_SCHEMA_VERSION}; a database newer than this
 * build is refused rather than misread. The persistence unit itself generates no DDL.
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class Schema {
    private static final Logger LOG = Logger.getLogger(Schema.class.getName());

    /** The upgrades this build knows, in order; add a line (and its script) for each new version. */
    static final List<String> SCRIPTS = List.of("V1__initial.sql", "V2__domain_core.sql", "V3__failure_windows_token_counters.sql", "V4__transactions.sql", "V5__push_fatigue_policy.sql", "V6__hosted_prompt.sql", "V7__ws_nonces.sql", "V8__token_requests.sql", "V9__source_throttle.sql", "V10__cluster_rates.sql", "V11__policy_settings.sql", "V12__radius_clients.sql", "V13__directory_users.sql", "V14__security_keys.sql", "V15__universal_prompt.sql", "V16__webpush.sql", "V17__directory_sync_lease.sql", "V18__oidc_provider.sql", "V19__audit_without_time_index.sql");

    /** The scripts this build applies, in order. */
    public static List<String> scripts() {
        return SCRIPTS;
    }

    @Resource(lookup = "java:app/jdbc/twofold")
    private DataSource dataSource;

    @PostConstruct
    void upgrade() {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            int current = currentVersion(c);
            if (current > SCRIPTS.size()) {
                throw new IllegalStateException("The database has schema version " + current
                        + ", newer than this build of Twofold knows (" + SCRIPTS.size() + ")");
            }
            for (int v = current + 1; v <= SCRIPTS.size(); v++) {
                apply(c, v, SCRIPTS.get(v - 1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create or upgrade the schema: " + e.getMessage(), e);
        }
    }

    private static int currentVersion(Connection c) throws SQLException {
        if (!tableExists(c, "TF_SCHEMA_VERSION")) {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("CREATE TABLE TF_SCHEMA_VERSION (VERSION INTEGER NOT NULL PRIMARY KEY, "
                        + "DESCRIPTION VARCHAR(200) NOT NULL, APPLIED_AT TIMESTAMP NOT NULL)");
            }
            c.commit();
            return 0;
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MAX(VERSION) FROM TF_SCHEMA_VERSION")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static boolean tableExists(Connection c, String table) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        // Derby keeps unquoted names upper-case, PostgreSQL lower-case.
        for (String name : List.of(table, table.toLowerCase(java.util.Locale.ROOT))) {
            try (ResultSet rs = meta.getTables(null, null, name, new String[] {"TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void apply(Connection c, int version, String script) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String statement : statements(read(script))) {
                s.executeUpdate(statement);
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO TF_SCHEMA_VERSION (VERSION, DESCRIPTION, APPLIED_AT) VALUES (?, ?, ?)")) {
                p.setInt(1, version);
                p.setString(2, script);
                p.setTimestamp(3, Timestamp.from(Instant.now()));
                p.executeUpdate();
            }
            c.commit();
            LOG.info(() -> "Database schema upgraded to version " + version + " (" + script + ")");
        } catch (SQLException e) {
            c.rollback();
            throw e;
        }
    }

    private static String read(String script) {
        try (InputStream in = Schema.class.getResourceAsStream("schema/" + script)) {
            if (in == null) {
                throw new IllegalStateException("Missing schema script " + script);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The statements of a script: {@code --} comments dropped, split at semicolons ending a line. */
    public static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("--")) {
                continue;
            }
            current.append(current.length() == 0 ? "" : " ").append(l);
            if (l.endsWith(";")) {
                out.add(current.substring(0, current.length() - 1));
                current.setLength(0);
            }
        }
        if (current.length() > 0) {
            out.add(current.toString());
        }
        return out;
    }
}
