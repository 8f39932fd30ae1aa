package org.twofold.site;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.annotation.sql.DataSourceDefinitions;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Defines Twofold's data sources and, on undeploy, shuts embedded Derby down cleanly so that a
 * redeploy (or the next start) opens the database without recovery. The schema is created and
 * extended by {@link Schema}.
 *
 * <p>Two pools on the same database: {@code java:app/jdbc/twofold} for the work, in the JTA
 * transaction, and {@code java:app/jdbc/twofold-sequence}, outside any transaction, on which
 * EclipseLink allocates blocks of ids from {@code TF_SEQUENCE} (see {@code persistence.xml}). With
 * one pool, a transaction that allocated ids held the {@code TF_SEQUENCE} row lock until it
 * committed, and an audit row written meanwhile in its own transaction ({@code REQUIRES_NEW}, e.g.
 * a carrier failover while texting an activation link) waited for that lock: a deadlock that ended
 * only at the lock time-out.
 */
@DataSourceDefinitions({
    @DataSourceDefinition(
            name = "java:app/jdbc/twofold",
            className = "org.twofold.site.ConfiguredDataSource",
            minPoolSize = 2,
            maxPoolSize = 32,
            transactional = true,
            properties = {
                // Each pooled connection keeps its prepared statements (the hot path runs the same
                // five or so on every request), so the driver does not look each one up again: with
                // embedded Derby that lookup is a database-wide synchronized statement cache, which
                // JFR showed contended under load. The type must be set (a blank means LRU): Payara
                // otherwise reads a missing type as the class name "null" (payara/Payara#6647).
                "fish.payara.statement-cache-size=32",
                "fish.payara.statement-cache-type= "
            }),
    @DataSourceDefinition(
            name = "java:app/jdbc/twofold-sequence",
            className = "org.twofold.site.ConfiguredDataSource",
            minPoolSize = 1,
            maxPoolSize = 8,
            transactional = false)
})
@Singleton
@Startup
public class Database {
    private static final Logger LOG = Logger.getLogger(Database.class.getName());

    @PreDestroy
    void shutDownEmbeddedDerby() {
        if (!Settings.current().embeddedDerby()) {
            return;
        }
        try {
            DriverManager.getConnection("jdbc:derby:;shutdown=true").close();
        } catch (SQLException e) {
            // Derby reports a clean shutdown as SQLState XJ015.
            if (!"XJ015".equals(e.getSQLState())) {
                LOG.log(Level.WARNING, "Embedded Derby did not shut down cleanly: {0}", e.getMessage());
            }
        }
    }
}
