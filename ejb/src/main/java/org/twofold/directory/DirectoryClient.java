package org.twofold.directory;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.OperationType;
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
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
 * <li>{@link #entries}: every user under the base that the filter selects, in pages (RFC 2696),
 *     each marked disabled if the directory says so (Active Directory's {@code userAccountControl}
 *     bit 0x2, read from the entry; the configured disabled filter, asked of the directory), its
 *     department from the first configured group it is a member of, else from its attribute.</li>
 * </ul>
 * A disabled account is also {@link Answer#NOT_FOUND} to {@link #authenticate}: its password is not tried.
 * Servers are tried in their order (failover); {@code ldap://} is upgraded with StartTLS (RFC 4511
 * §4.14) unless turned off, and TLS checks the certificate chain (the CA file, or the JVM's CAs)
 * and the host name. Password checks use two connection pools (UnboundID's {@link
 * LDAPConnectionPool}): one bound as the service account for the searches, one whose connections
 * only ever bind as the users; a pooled connection the directory dropped (a restart, a failover) is
 * replaced and the operation retried once, on the first server that answers. A sync reads on a
 * connection of its own.
 */
public final class DirectoryClient {
    private static final Logger LOG = Logger.getLogger(DirectoryClient.class.getName());
    static final int PAGE_SIZE = 500;
    static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    static final long RESPONSE_TIMEOUT_MILLIS = 15_000;
    static final String USER_ACCOUNT_CONTROL = "userAccountControl";
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

    /** The most connections each pool keeps (more are opened under load, and closed when given back). */
    static final int POOL_SIZE = 10;

    private final DirectoryConfig config;
    private final ServerSet servers;
    /** Connections bound as the service account: the searches of password checks. */
    private final LDAPConnectionPool searches;
    /** Connections that bind as the users (and do nothing else). */
    private final LDAPConnectionPool binds;

    public DirectoryClient(DirectoryConfig config) {
        this.config = config;
        this.servers = serverSet(config);
        try {
            this.searches = pool(servers, config.bindDn() == null ? null : new SimpleBindRequest(config.bindDn(), utf8(config.bindPassword())), "searches");
            this.binds = pool(servers, null, "binds");
        } catch (LDAPException e) {
            throw new IllegalStateException("the directory's connection pools cannot be made: " + e.getMessage(), e);
        }
    }

    /** A pool that opens no connection before it needs one (so that Twofold starts while the directory is down). */
    private static LDAPConnectionPool pool(ServerSet servers, SimpleBindRequest bind, String name) throws LDAPException {
        LDAPConnectionPool pool = new LDAPConnectionPool(servers, bind, 0, POOL_SIZE, 1, null, false);
        pool.setConnectionPoolName("twofold-directory-" + name);
        pool.setRetryFailedOperationsDueToInvalidConnections(EnumSet.of(OperationType.SEARCH, OperationType.BIND));
        pool.setMaxWaitTimeMillis(CONNECT_TIMEOUT_MILLIS);
        return pool;
    }

    /** Closes the pools' connections. */
    public void close() {
        searches.close();
        binds.close();
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
        try {
            SearchRequest search = new SearchRequest(config.userBase(), SearchScope.SUB, userFilter(username),
                    config.activeDirectory() ? new String[] {USER_ACCOUNT_CONTROL} : new String[] {SearchRequest.NO_ATTRIBUTES});
            search.setSizeLimit(2);
            search.setTimeLimitSeconds((int) (RESPONSE_TIMEOUT_MILLIS / 1000));
            SearchResult found;
            try {
                found = searches.search(search);
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
            SearchResultEntry entry = found.getSearchEntries().get(0);
            if (config.activeDirectory() && accountDisabled(entry)) {
                return Answer.NOT_FOUND;
            }
            byte[] secret = utf8(password);
            try {
                binds.bind(new SimpleBindRequest(entry.getDN(), secret));
                return Answer.BOUND;
            } catch (LDAPException e) {
                if (e.getResultCode() == ResultCode.INVALID_CREDENTIALS || !unavailable(e)) {
                    return Answer.WRONG_PASSWORD;
                }
                throw e;
            } finally {
                Arrays.fill(secret, (byte) 0);
            }
        } catch (LDAPException e) {
            LOG.log(Level.WARNING, "The directory did not answer a password check: " + e.getResultCode() + " " + e.getDiagnosticMessage());
            return Answer.UNAVAILABLE;
        }
    }

    /** Whether Active Directory's {@code userAccountControl} of this entry has the {@code ACCOUNTDISABLE} bit (0x2). */
    static boolean accountDisabled(com.unboundid.ldap.sdk.Entry entry) {
        Long flags = entry.getAttributeValueAsLong(USER_ACCOUNT_CONTROL);
        return flags != null && (flags & DirectoryConfig.ACCOUNT_DISABLE) != 0;
    }

    /**
     * The base filter and the username: {@code (&(<filter>)(<attribute>=<username>))} (with {@code
     * (!(<disabled filter>))} when one is set), the username
     * an assertion value escaped as RFC 4515 §3 says — it can match only an entry with exactly that
     * value, never widen the search.
     */
    Filter userFilter(String username) {
        try {
            Filter equality = Filter.createEqualityFilter(config.attributes().username(), username);
            if (config.disabledFilter() != null) {
                return Filter.createANDFilter(Filter.create(config.userFilter()), Filter.createNOTFilter(Filter.create(config.disabledFilter())), equality);
            }
            return Filter.createANDFilter(Filter.create(config.userFilter()), equality);
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
            Set<DN> disabled = new HashSet<>();
            if (config.disabledFilter() != null) {
                Filter both = Filter.createANDFilter(Filter.create(config.userFilter()), Filter.create(config.disabledFilter()));
                pages(c, both, new String[] {SearchRequest.NO_ATTRIBUTES}, e -> disabled.add(e.getParsedDN()));
            }
            Map<DN, String> departments = groupDepartments(c);
            List<String> attributes = new ArrayList<>(List.of(a.all()));
            if (config.activeDirectory()) {
                attributes.add(USER_ACCOUNT_CONTROL);
            }
            pages(c, Filter.create(config.userFilter()), attributes.toArray(String[]::new), e -> {
                DN dn = e.getParsedDN();
                String department = departments.getOrDefault(dn, e.getAttributeValue(a.department()));
                boolean off = disabled.contains(dn) || config.activeDirectory() && accountDisabled(e);
                entries.add(new DirectoryEntry(e.getDN(), e.getAttributeValue(a.username()), e.getAttributeValue(a.displayName()), department,
                        e.getAttributeValue(a.mail()), e.getAttributeValue(a.mobile()), e.getAttributeValue(a.telephone()), off));
            });
            return entries;
        } catch (LDAPException e) {
            throw new DirectoryUnavailableException("the directory's search failed: " + e.getResultCode() + " " + e.getDiagnosticMessage(), e);
        }
    }

    /** Every entry under the base that {@code filter} selects, page by page (RFC 2696), to {@code each}. */
    private void pages(LDAPConnection c, Filter filter, String[] attributes, LdapConsumer each) throws LDAPException {
        ASN1OctetString cookie = null;
        do {
            SearchRequest search = new SearchRequest(config.userBase(), SearchScope.SUB, filter, attributes);
            search.setControls(new SimplePagedResultsControl(PAGE_SIZE, cookie, true));
            SearchResult page = c.search(search);
            for (SearchResultEntry e : page.getSearchEntries()) {
                each.accept(e);
            }
            SimplePagedResultsControl paged = SimplePagedResultsControl.get(page);
            cookie = paged == null || !paged.moreResultsToReturn() ? null : paged.getCookie();
        } while (cookie != null);
    }

    @FunctionalInterface
    private interface LdapConsumer {
        void accept(SearchResultEntry e) throws LDAPException;
    }

    /**
     * The department of each member of the configured groups ({@code member} of a {@code
     * groupOfNames} or an AD group, {@code uniqueMember} of a {@code groupOfUniqueNames}; AD's ranged
     * values of large groups followed to the last range): the first group in the setting's order wins.
     * A configured group the directory does not have is logged and ignored (its members keep the
     * department attribute).
     */
    private Map<DN, String> groupDepartments(LDAPConnection c) throws LDAPException {
        Map<DN, String> departments = new HashMap<>();
        for (DirectoryConfig.DepartmentGroup group : config.departmentGroups()) {
            List<String> members = members(c, group.dn());
            if (members == null) {
                LOG.warning(() -> "TWOFOLD_LDAP_DEPARTMENT_GROUPS: the directory has no group " + group.dn() + " (its members keep their department attribute)");
                continue;
            }
            for (String member : members) {
                if (DN.isValidDN(member)) {
                    departments.putIfAbsent(new DN(member), group.department());
                }
            }
        }
        return departments;
    }

    /** The member DNs of a group, or null if there is no such entry. */
    static List<String> members(LDAPConnection c, String groupDn) throws LDAPException {
        com.unboundid.ldap.sdk.Entry group;
        try {
            group = c.getEntry(groupDn, "member", "uniqueMember");
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
                return null;
            }
            throw e;
        }
        if (group == null) {
            return null;
        }
        List<String> members = new ArrayList<>();
        while (true) {
            String next = null;
            for (Attribute attribute : group.getAttributes()) {
                String name = attribute.getName().toLowerCase(java.util.Locale.ROOT);
                if (name.equals("member") || name.equals("uniquemember")) {
                    members.addAll(Arrays.asList(attribute.getValues()));
                } else if (name.startsWith("member;range=")) {
                    // Active Directory returns a large group's members in ranges (MaxValRange, 1500 by default)
                    members.addAll(Arrays.asList(attribute.getValues()));
                    String end = name.substring(name.indexOf('-') + 1);
                    if (!end.equals("*")) {
                        next = "member;range=" + (Long.parseLong(end) + 1) + "-*";
                    }
                }
            }
            if (next == null) {
                return members;
            }
            group = c.getEntry(groupDn, next);
            if (group == null) {
                return members;
            }
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
