package org.twofold.radius;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.twofold.DisplayName;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditAction;
import org.twofold.audit.AuditTrail;
import org.twofold.secret.Secrets;
import org.twofold.site.AddressBlock;

/**
 * Registering and disabling RADIUS clients, and telling the RADIUS boundary which client a packet
 * came from (from {@link RadiusClientCache}: no query per packet). The shared secret is generated here (32 upper-case letters and digits, 160 random
 * bits, which every NAS we know accepts), returned once and stored sealed. Where blocks overlap, the most
 * specific enabled one names the client (longest prefix, as a router would choose); two enabled
 * clients never have the same block. Every change and
 * every refused change is audited.
 */
@Stateless
public class RadiusClients {
    /** A shared secret's length: every NAS we know takes 32 characters (some no more than 48 or 64). */
    static final int SECRET_LENGTH = 32;
    /** The longest name kept (the column's length). */

    @PersistenceContext(unitName = "twofold")
    private EntityManager em;

    @EJB
    private AuditTrail audit;

    @Inject
    private Secrets secrets;

    @Inject
    private Clock clock;

    @Inject
    private RadiusClientCache cache;

    @Resource
    private TransactionSynchronizationRegistry transactions;

    /**
     * Registers a client.
     *
     * @throws TwofoldException {@code MISSING_FIELD} or {@code INVALID_VALUE} (audited) for a blank or
     *     taken name, an address that is no IP literal or CIDR block, or an unknown mode
     */
    public NewRadiusClient create(Actor actor, String name, String addressOrCidr, String mode) {
        String n;
        try {
            n = DisplayName.checked(name, "RADIUS client");
        } catch (TwofoldException e) {
            throw audit.refused(actor, null, AuditAction.RADIUS_CLIENT_CREATE, e, "name");
        }
        AddressBlock block = AddressBlock.parse(addressOrCidr).orElseThrow(() -> audit.refused(actor, null, AuditAction.RADIUS_CLIENT_CREATE, new TwofoldException(ErrorCode.INVALID_VALUE,
                "addressOrCidr must be an IP address or CIDR block, e.g. 192.0.2.7 or 10.20.0.0/16"), "addressOrCidr"));
        RadiusMode m;
        try {
            m = RadiusMode.parse(mode);
        } catch (TwofoldException e) {
            throw audit.refused(actor, null, AuditAction.RADIUS_CLIENT_CREATE, e, "mode");
        }
        if (byName(n).isPresent()) {
            throw audit.refused(actor, null, AuditAction.RADIUS_CLIENT_CREATE, new TwofoldException(ErrorCode.INVALID_VALUE, "a RADIUS client named " + n + " already exists"), "name");
        }
        // Two enabled clients with the same block would leave one of them silently unheard (its
        // packets checked against the other's secret and dropped); a wider or narrower block is fine.
        Optional<String> holder = loadEnabled().stream().filter(c -> c.block().equals(block)).map(RadiusClientCache.Registered::name).findFirst();
        if (holder.isPresent()) {
            throw audit.refused(actor, null, AuditAction.RADIUS_CLIENT_CREATE, new TwofoldException(ErrorCode.INVALID_VALUE, "the RADIUS client " + holder.get() + " already has "
                    + block + "; disable it first (disableRadiusClient) to register another client there"), "addressOrCidr");
        }
        // letters and digits only: typed into NAS forms and passed to command-line tools, where a leading
        // '-' (as Base64url may give) reads as an option; 32 of 32 symbols are 160 bits
        String secret = secrets.codes().identifier("", SECRET_LENGTH);
        em.persist(new RadiusClient(n, block, m, secrets.box().seal(secret.getBytes(StandardCharsets.UTF_8), RadiusClient.SECRET_PURPOSE),
                clock.instant()));
        changed();
        audit.record(actor, null, AuditAction.RADIUS_CLIENT_CREATE, "done", null, n + " " + block + " " + m.keyword());
        return new NewRadiusClient(n, block.toString(), m, secret);
    }

    /**
     * Disables a client: its packets are dropped from now on.
     *
     * @throws TwofoldException {@code INVALID_VALUE} (audited) if no client has this name
     */
    public void disable(Actor actor, String name) {
        RadiusClient client = byName(name == null ? "" : name.trim())
                .orElseThrow(() -> audit.refused(actor, null, AuditAction.RADIUS_CLIENT_DISABLE, new TwofoldException(ErrorCode.INVALID_VALUE, "no RADIUS client with this name"), "name"));
        client.disable();
        changed();
        audit.record(actor, null, AuditAction.RADIUS_CLIENT_DISABLE, "done", null, client.getName());
    }

    /** Each enabled client's name and block ({@code name → block}), for the console and tests. */
    public Map<String, String> enabled() {
        return em.createNamedQuery(RadiusClient.ENABLED, RadiusClient.class).getResultStream()
                .collect(java.util.stream.Collectors.toMap(RadiusClient::getName, c -> c.block().map(AddressBlock::toString).orElse("?"),
                        (a, b) -> a, java.util.TreeMap::new));
    }

    /**
     * The enabled client whose block contains {@code address} (the most specific one), with its
     * secret opened; empty if none — the boundary then drops the packet.
     */
    public Optional<RadiusPeer> peerFor(InetAddress address) {
        return cache.get(this::loadEnabled).stream()
                .filter(c -> c.block().contains(address))
                .max(Comparator.comparingInt(c -> c.block().prefix()))
                .map(c -> new RadiusPeer(c.name(), c.mode(), secrets.box().open(c.sealedSecret(), RadiusClient.SECRET_PURPOSE)));
    }

    private List<RadiusClientCache.Registered> loadEnabled() {
        return em.createNamedQuery(RadiusClient.ENABLED, RadiusClient.class).getResultStream()
                .filter(c -> c.block().isPresent())
                .map(c -> new RadiusClientCache.Registered(c.block().get(), c.getName(), c.getMode(), c.sealedSecret()))
                .toList();
    }

    /** Evicts the cached list now and again when the transaction ends, so that no packet in between caches the old list. */
    private void changed() {
        cache.evict();
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                cache.evict();
            }
        });
    }

    private Optional<RadiusClient> byName(String name) {
        return em.createNamedQuery(RadiusClient.BY_NAME, RadiusClient.class).setParameter("name", name).getResultStream().findFirst();
    }
}
