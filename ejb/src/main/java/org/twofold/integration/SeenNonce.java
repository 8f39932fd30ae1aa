package org.twofold.integration;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A UsernameToken nonce an integration has used, remembered until its token is stale. */
@Entity
@Table(name = "TF_WS_NONCE")
@IdClass(SeenNonce.Key.class)
class SeenNonce {
    @Id
    @Column(name = "INTEGRATIONKEY", length = 32)
    private String integrationKey;

    @Id
    @Column(name = "NONCE", length = 88)
    private String nonce;

    @Column(name = "STALEAFTER", nullable = false)
    private Instant staleAfter;

    protected SeenNonce() {
    }

    SeenNonce(String integrationKey, String nonce, Instant staleAfter) {
        this.integrationKey = integrationKey;
        this.nonce = nonce;
        this.staleAfter = staleAfter;
    }

    /** The composite primary key. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private String integrationKey;
        private String nonce;

        public Key() {
        }

        Key(String integrationKey, String nonce) {
            this.integrationKey = integrationKey;
            this.nonce = nonce;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(integrationKey, k.integrationKey) && Objects.equals(nonce, k.nonce);
        }

        @Override
        public int hashCode() {
            return Objects.hash(integrationKey, nonce);
        }
    }
}
