package org.twofold.device;

/** Where a device stands: enrolled but not yet confirmed, usable, or disabled (lost or stolen). */
public enum DeviceState {
    PENDING,
    ACTIVE,
    DISABLED
}
