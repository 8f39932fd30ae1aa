package org.twofold.radius;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import org.twofold.site.AddressBlock;

/**
 * A RADIUS client (NAS) an administrator registered: its name, the address or CIDR block its
 * packets must come from, its {@link RadiusMode}, and its shared secret sealed under the data key.
 * A disabled client keeps its row (and name) for the audit trail; its packets are dropped.
 */
@Entity
@Table(name = "TF_RADIUS_CLIENT")
@NamedQuery(name = RadiusClient.ENABLED, query = "SELECT c FROM RadiusClient c WHERE c.enabled = 'Y'")
@NamedQuery(name = RadiusClient.BY_NAME, query = "SELECT c FROM RadiusClient c WHERE c.name = :name")
public class RadiusClient {
    static final String ENABLED = "RadiusClient.enabled";
    static final String BY_NAME = "RadiusClient.byName";
    static final String SECRET_PURPOSE = "radius-shared-secret";

    @Id
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "TF_IDS")
    private Long id;

    @Column(nullable = false, unique = true, length = 100)
    private String name;

    /** The address or CIDR block, canonical ({@link AddressBlock#toString()}). */
    @Column(nullable = false, length = 50)
    private String addressBlock;

    @Enumerated(EnumType.STRING)
    @Column(name = "CLIENTMODE", nullable = false, length = 32)
    private RadiusMode mode;

    @Column(nullable = false, length = 200)
    private String sealedSecret;

    /** {@code Y} or {@code N} (no BOOLEAN column: the schema stays portable). */
    @Column(nullable = false, length = 1)
    private String enabled = "Y";

    @Column(nullable = false)
    private Instant createdAt;

    protected RadiusClient() {
    }

    RadiusClient(String name, AddressBlock block, RadiusMode mode, String sealedSecret, Instant createdAt) {
        this.name = name;
        this.addressBlock = block.toString();
        this.mode = mode;
        this.sealedSecret = sealedSecret;
        this.createdAt = createdAt;
    }

    public String getName() {
        return name;
    }

    public RadiusMode getMode() {
        return mode;
    }

    /** The block its packets must come from; empty only if the stored text were damaged. */
    public Optional<AddressBlock> block() {
        return AddressBlock.parse(addressBlock);
    }

    String sealedSecret() {
        return sealedSecret;
    }

    public boolean isEnabled() {
        return "Y".equals(enabled);
    }

    void disable() {
        enabled = "N";
    }
}
