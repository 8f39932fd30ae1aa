package org.twofold.web.portal;

import java.io.Serializable;
import java.util.Locale;
import org.twofold.device.DeviceState;
import org.twofold.device.DeviceView;

/** A device as a row of the portal's list (a class with getters: EL cannot read records). */
public final class DeviceRow implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long id;
    private final String kind;
    private final String name;
    private final String maskedNumber;
    private final String extension;
    private final String state;
    private final boolean active;
    private final boolean defaultDevice;

    DeviceRow(DeviceView d, Long defaultDeviceId) {
        this.id = d.id();
        this.kind = d.kind().name();
        this.name = d.name();
        this.maskedNumber = d.maskedNumber();
        this.extension = d.extension();
        this.state = d.state().name().toLowerCase(Locale.ROOT);
        this.active = d.state() == DeviceState.ACTIVE;
        this.defaultDevice = defaultDeviceId != null && defaultDeviceId == d.id();
    }

    public long getId() {
        return id;
    }

    /** The kind's name ({@code SMARTPHONE}, ...), the key of its label in the bundle. */
    public String getKind() {
        return kind;
    }

    public String getName() {
        return name;
    }

    public String getMaskedNumber() {
        return maskedNumber;
    }

    public String getExtension() {
        return extension;
    }

    /** {@code active}, {@code pending} or {@code disabled}. */
    public String getState() {
        return state;
    }

    public boolean isActive() {
        return active;
    }

    public boolean isDefaultDevice() {
        return defaultDevice;
    }
}
