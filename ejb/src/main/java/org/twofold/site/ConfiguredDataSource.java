package org.twofold.site;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The JDBC data source behind {@code java:app/jdbc/twofold}: the container pools it, and it opens
 * connections to whatever {@link Settings#databaseUrl()} names (embedded Derby in the data
 * directory by default, PostgreSQL or another JDBC URL by {@code TWOFOLD_DB_URL}), with the driver
 * found among those on the application's class path. This is what lets one build run on either
 * database without a server-side pool definition.
 */
public class ConfiguredDataSource implements DataSource {
    private volatile Driver driver;
    private volatile String url;
    private PrintWriter logWriter;
    private int loginTimeout;

    @Override
    public Connection getConnection() throws SQLException {
        Settings settings = Settings.current();
        return connect(settings.find(Settings.DB_USER).orElse(null), settings.find(Settings.DB_PASSWORD).orElse(null));
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        return connect(user, password);
    }

    private Connection connect(String user, String password) throws SQLException {
        Driver d = driver();
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        Connection c = d.connect(url, props);
        if (c == null) {
            throw new SQLException("The driver refused the database URL " + redacted(url));
        }
        return c;
    }

    private Driver driver() throws SQLException {
        Driver d = driver;
        if (d != null) {
            return d;
        }
        Settings settings = Settings.current();
        String u = settings.databaseUrl();
        if (settings.embeddedDerby()) {
            // Derby's own log goes to the data directory, not the working directory.
            System.setProperty("derby.stream.error.file", settings.dataDir().resolve("derby.log").toString());
            settings.dataDir().toFile().mkdirs();
        }
        for (Driver candidate : ServiceLoader.load(Driver.class, ConfiguredDataSource.class.getClassLoader())) {
            if (candidate.acceptsURL(u)) {
                url = u;
                driver = candidate;
                return candidate;
            }
        }
        throw new SQLException("No JDBC driver on the class path accepts " + redacted(u));
    }

    /** A URL as it may be logged: without query parameters or {@code ;key=value} attributes,
     *  either of which could carry a password. */
    static String redacted(String url) {
        int q = url.indexOf('?');
        String u = q < 0 ? url : url.substring(0, q) + "?…";
        int a = u.indexOf(';');
        return a < 0 ? u : u.substring(0, a) + ";…";
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("Not a wrapper of " + iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
