package org.twofold.device;

import org.twofold.audit.Actor;

/**
 * A device was disabled (lost or stolen), fired within the transaction that disabled it, so that
 * what hangs on the device ends with it — the login requests waiting on it are cancelled by the
 * login package, which observes this without devices depending on it.
 */
public record DeviceDisabled(Actor actor, String username, long deviceId) {
}
