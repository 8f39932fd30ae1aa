package org.twofold.directory;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;
import org.twofold.site.Settings;

/**
 * The campus directory of this installation ({@code TWOFOLD_LDAP_*}), or none. The primary
 * password of a directory user is checked here, by a bind ({@link DirectoryClient#authenticate});
 * {@link org.twofold.auth.PrimaryLogin} calls it for every door, so pages, SOAP, the Duo API and
 * any later front end that takes a password get the same rule.
 */
@ApplicationScoped
public class Directory {
    private static final Logger LOG = Logger.getLogger(Directory.class.getName());

    private DirectoryClient client;

    @PostConstruct
    void configure() {
        Optional<DirectoryConfig> config = DirectoryConfig.from(Settings.current());
        client = config.map(DirectoryClient::new).orElse(null);
        config.ifPresentOrElse(c -> LOG.info(() -> "Users from the " + c), () -> LOG.fine("No directory (TWOFOLD_LDAP_URL): local users only"));
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
    }

    public boolean configured() {
        return client != null;
    }

    /** The configuration, or {@code NO_DIRECTORY}. */
    public DirectoryConfig config() {
        return require().config();
    }

    /** What the directory says of this username and password ({@link DirectoryClient#authenticate}); without a directory, unavailable. */
    public DirectoryClient.Answer authenticate(String username, char[] password) {
        return client == null ? DirectoryClient.Answer.UNAVAILABLE : client.authenticate(username, password);
    }

    /**
     * Every user entry of the directory.
     *
     * @throws DirectoryUnavailableException if it does not answer to the last page
     */
    public List<DirectoryEntry> entries() {
        return require().entries();
    }

    private DirectoryClient require() {
        if (client == null) {
            throw new TwofoldException(ErrorCode.NO_DIRECTORY);
        }
        return client;
    }
}
