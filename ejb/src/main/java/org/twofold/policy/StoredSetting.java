package org.twofold.policy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One stored policy setting: its attribute name and its value as text ({@link PolicySetting#text}).
 * A setting that was never changed has no row and takes its default, so a new setting needs no
 * schema change.
 */
@Entity
@Table(name = "TF_POLICY_SETTING")
class StoredSetting {
    @Id
    @Column(length = 64)
    private String name;

    @Column(name = "SETTING_VALUE", length = 200, nullable = false)
    private String value;

    @Column(nullable = false)
    private Instant updatedAt;

    protected StoredSetting() {
    }

    StoredSetting(String name, String value, Instant now) {
        this.name = name;
        this.value = value;
        this.updatedAt = now;
    }

    String name() {
        return name;
    }

    String value() {
        return value;
    }

    void change(String newValue, Instant now) {
        this.value = newValue;
        this.updatedAt = now;
    }
}
