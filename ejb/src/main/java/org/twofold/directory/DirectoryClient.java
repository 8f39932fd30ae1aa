package org.twofold.directory;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.ServerSet;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.SingleServerSet;
import com.unboundid.ldap.sdk.FailoverServerSet;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * The directory over LDAP (UnboundID LDAP SDK), with no Jakarta in it so that it is tested against
 * a real directory server in plain JUnit. Two things only:
 * <ul>
 * <li>{@link #authenticate}: is this the user's password? — a search as the service account for
 *     the one entry whose username attribute equals the name typed (an equality filter, so {@code *},
 *     parentheses, backslashes and NUL in it are escaped per RFC 4515 §3 and match only themselves),
 *     then a simple bind (RFC 4513 §5.1.3) as that entry's DN with the password. No hash is ever read;
 *     an empty password is refused before the directory is asked (an empty simple bind would be an
 *     "unauthenticated bind", RFC 4513 §5.1.2, which many servers accept);</li>
 * <li>{@link #entries}: every user under the base that the filter selects, in pages (RFC 2696).</li>
 * </ul>
 * Servers are tried in their order (failover); {@code ldap://} is upgraded with StartTLS (RFC 4511
 * §4.14) unless turned off, and TLS checks the certificate chain (the CA file, or the JVM's CAs)
 * and the host name. Each call uses a connection of its own and closes it.
 */
public final class DirectoryClient {
    private static final Logger LOG = Logger.getLogger(DirectoryClient.class.getName());
    static final int PAGE_SIZE = 500;
    static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    static final long RESPONSE_TIMEOUT_MILLIS = 15_000;
    /** Result codes that say "the directory did not answer", as opposed to "it answered no". */
    private static final Set<ResultCode> UNAVAILABLE = Set.of(ResultCode.SERVER_DOWN, ResultCode.CONNECT_ERROR, ResultCode.TIMEOUT,
            ResultCode.LOCAL_ERROR, ResultCode.UNAVAILABLE, ResultCode.BUSY, ResultCode.ENCODING_ERROR, ResultCode.DECODING_ERROR,
            ResultCode.OTHER, ResultCode.UNWILLING_TO_PERFORM, ResultCode.PROTOCOL_ERROR, ResultCode.NO_SUCH_OBJECT,
            ResultCode.TIME_LIMIT_EXCEEDED, ResultCode.ADMIN_LIMIT_EXCEEDED, ResultCode.INAPPROPRIATE_AUTHENTICATION,
            ResultCode.CONFIDENTIALITY_REQUIRED, ResultCode.STRONG_AUTH_REQUIRED, ResultCode.INSUFFICIENT_ACCESS_RIGHTS);

    /** What the directory said of a username and password. */
    public enum Answer {
        /** The bind as the user's entry succeeded: the password is right. */
        BOUND,
        /** The directory refused the bind (or the password was empty): wrong password. */
        WRONG_PASSWORD,
        /** No entry (or more than one) has this username under the base and filter. */
        NOT_FOUND,
        /** The directory did not answer: nothing can be decided. */
        UNAVAILABLE
    }

    private final DirectoryConfig config;
    private final ServerSet servers;

    public DirectoryClient(DirectoryConfig config) {
        this.config = config;
        this.servers = serverSet(config);
    }

    public DirectoryConfig config() {
        return config;
    }

    private static ServerSet serverSet(DirectoryConfig config) {
        SSLContext tls = tlsContext(config);
        List<ServerSet> sets = new ArrayList<>();
        for (DirectoryConfig.Server s : config.servers()) {
            LDAPConnectionOptions options = new LDAPConnectionOptions();
            options.setConnectTimeoutMillis(CONNECT_TIMEOUT_MILLIS);
            options.setResponseTimeoutMillis(RESPONSE_TIMEOUT_MILLIS);
            options.setBindWithDNRequiresPassword(true);
            options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
            if (s.ldaps()) {
                sets.add(new SingleServerSet(s.host(), s.port(), tls.getSocketFactory(), options));
            } else if (config.startTls()) {
                sets.add(new SingleServerSet(s.host(), s.port(), SocketFactory.getDefault(), options, null,
                        new com.unboundid.ldap.sdk.StartTLSPostConnectProcessor(tls)));
            } else {
                sets.add(new SingleServerSet(s.host(), s.port(), options));
            }
        }
        return sets.size() == 1 ? sets.get(0) : new FailoverServerSet(sets);
    }

    private static SSLContext tlsContext(DirectoryConfig config) {
        try {
            TrustManager trust = config.caFile() == null ? JVMDefaultTrustManager.getInstance() : new PEMFileTrustManager(config.caFile().toFile());
            return new SSLUtil(trust).createSSLContext();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TWOFOLD_LDAP_CA_FILE " + config.caFile() + " cannot be used: " + e.getMessage(), e);
        }
    }

    /** See the class comment. {@code username} is used as given (callers check its form first). */
    public Answer authenticate(String username, char[] password) {
        if (username == null || username.isEmpty() || password == null || password.length == 0) {
            return username == null || username.isEmpty() ? Answer.NOT_FOUND : Answer.WRONG_PASSWORD;
        }
        try (LDAPConnection c = connect()) {
            SearchRequest search = new SearchRequest(config.userBase(), SearchScope.SUB, userFilter(username), SearchRequest.NO_ATTRIBUTES);
            search.setSizeLimit(2);
            search.setTimeLimitSeconds((int) (RESPONSE_TIMEOUT_MILLIS / 1000));
            SearchResult found;
            try {
                found = c.search(search);
            } catch (LDAPSearchException e) {
                if (e.getResultCode() == ResultCode.SIZE_LIMIT_EXCEEDED) {
                    LOG.warning(() -> "More than one directory entry has the username " + config.attributes().username() + "=" + username
                            + ": refused (no entry is bound)");
                    return Answer.NOT_FOUND;
                }
                throw e;
            }
            if (found.getEntryCount() != 1) {
                return Answer.NOT_FOUND;
            }
            String dn = found.getSearchEntries().get(0).getDN();
            byte[] secret = utf8(password);
            try {
                c.bind(new SimpleBindRequest(dn, secret));
                return Answer.BOUND;
            } catch (LDAPException e) {
                if (e.getResultCode() == ResultCode.INVALID_CREDENTIALS || !unavailable(e)) {
                    return Answer.WRONG_PASSWORD;
                }
                throw e;
            } finally {
                Arrays.fill(secret, (byte) 0);
            }
        } catch (DirectoryUnavailableException e) {
            return Answer.UNAVAILABLE;
        } catch (LDAPException e) {
            LOG.log(Level.WARNING, "The directory did not answer a password check: " + e.getResultCode() + " " + e.getDiagnosticMessage());
            return Answer.UNAVAILABLE;
        }
    }

    /**
     * The base filter and the username: {@code (&(<filter>)(<attribute>=<username>))}, the username
     * an assertion value escaped as RFC 4515 §3 says — it can match only an entry with exactly that
     * value, never widen the search.
     */
    Filter userFilter(String username) {
        try {
            return Filter.createANDFilter(Filter.create(config.userFilter()), Filter.createEqualityFilter(config.attributes().username(), username));
        } catch (LDAPException e) {
            throw new IllegalStateException("TWOFOLD_LDAP_USER_FILTER is no LDAP filter: " + config.userFilter(), e);
        }
    }

    /**
     * Every entry under the base that the filter selects, read in pages of {@value #PAGE_SIZE}.
     *
     * @throws DirectoryUnavailableException if the directory does not answer, or stops answering
     *     before the last page (a partial list must never read as "the others are gone")
     */
    public List<DirectoryEntry> entries() {
        DirectoryConfig.Attributes a = config.attributes();
        List<DirectoryEntry> entries = new ArrayList<>();
        try (LDAPConnection c = connect()) {
            ASN1OctetString cookie = null;
            do {
                SearchRequest search = new SearchRequest(config.userBase(), SearchScope.SUB, Filter.create(config.userFilter()), a.all());
                search.setControls(new SimplePagedResultsControl(PAGE_SIZE, cookie, true));
                SearchResult page = c.search(search);
                for (SearchResultEntry e : page.getSearchEntries()) {
                    entries.add(new DirectoryEntry(e.getDN(), e.getAttributeValue(a.username()), e.getAttributeValue(a.displayName()),
                            e.getAttributeValue(a.department()), e.getAttributeValue(a.mail()), e.getAttributeValue(a.mobile())));
                }
                SimplePagedResultsControl paged = SimplePagedResultsControl.get(page);
                cookie = paged == null || !paged.moreResultsToReturn() ? null : paged.getCookie();
            } while (cookie != null);
            return entries;
        } catch (LDAPException e) {
            throw new DirectoryUnavailableException("the directory's search failed: " + e.getResultCode() + " " + e.getDiagnosticMessage(), e);
        }
    }

    /** A connection to the first server that answers, bound as the service account (or anonymous). */
    private LDAPConnection connect() {
        LDAPConnection c;
        try {
            c = servers.getConnection();
        } catch (LDAPException e) {
            LOG.log(Level.WARNING, "No directory server of " + config.servers() + " answers: " + e.getResultCode() + " " + e.getDiagnosticMessage());
            throw new DirectoryUnavailableException("no directory server answers", e);
        }
        if (config.bindDn() != null) {
            byte[] secret = utf8(config.bindPassword());
            try {
                c.bind(new SimpleBindRequest(config.bindDn(), secret));
            } catch (LDAPException e) {
                c.close();
                // a refused service account is the operator's to fix; for users it is an outage
                LOG.log(Level.SEVERE, "The directory refused TWOFOLD_LDAP_BIND_DN " + config.bindDn() + ": " + e.getResultCode() + " " + e.getDiagnosticMessage());
                throw new DirectoryUnavailableException("the directory refused the service account", e);
            } finally {
                Arrays.fill(secret, (byte) 0);
            }
        }
        return c;
    }

    private static boolean unavailable(LDAPException e) {
        return UNAVAILABLE.contains(e.getResultCode()) || e.getResultCode().isClientSideResultCode();
    }

    private static byte[] utf8(char[] chars) {
        ByteBuffer b = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        if (b.hasArray()) {
            Arrays.fill(b.array(), (byte) 0);
        }
        return bytes;
    }
}
