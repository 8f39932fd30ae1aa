package org.twofold.delivery;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One thing the simulated carrier delivered to a virtual phone; the body is sealed like any secret. */
@Entity
@Table(name = "TF_SIM_MESSAGE")
public class SimulatedMessage {

    /** What arrived. */
    public enum Kind {
        TEXT, CALL, PUSH
    }

    @Id
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "TF_IDS")
    private Long id;

    private long deviceId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    private Kind kind;

    @Column(length = 32)
    private String txid;

    @Column(nullable = false, length = 2000)
    private String sealedBody;

    @Column(nullable = false)
    private Instant createdAt;

    protected SimulatedMessage() {
    }

    SimulatedMessage(long deviceId, Kind kind, String txid, String sealedBody, Instant createdAt) {
        this.deviceId = deviceId;
        this.kind = kind;
        this.txid = txid;
        this.sealedBody = sealedBody;
        this.createdAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public long getDeviceId() {
        return deviceId;
    }

    public Kind getKind() {
        return kind;
    }

    public String getTxid() {
        return txid;
    }

    String sealedBody() {
        return sealedBody;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
