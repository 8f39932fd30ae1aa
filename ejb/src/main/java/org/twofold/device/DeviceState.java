package org.twofold.device;

/** Where a device stands: enrolled but not yet confirmed, usable, disabled (lost or stolen), or stale (needs re-enrollment). */
public enum DeviceState {
    PENDING,
    ACTIVE,
    DISABLED,
    /**
     * The approval app's push subscription was refused as gone by its push service (HTTP 404 or
     * 410, RFC 8030 §7.3): the app was removed or its data cleared. It receives nothing and is not
     * offered until the user enrolls the app again; the help desk sees it so.
     */
    STALE
}
