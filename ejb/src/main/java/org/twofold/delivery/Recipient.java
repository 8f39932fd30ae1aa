package org.twofold.delivery;

import org.twofold.device.PhoneNumber;

/**
 * Where a message or call goes: the device, its number (E.164, absent for a tablet) and a landline
 * extension to dial after the call connects. {@link #toString()} shows the number masked only.
 */
public record Recipient(long deviceId, String e164, String extension) {

    /** The number's last four digits, all that is ever shown or logged; null without a number. */
    public String lastFour() {
        return e164 == null || e164.length() < 4 ? null : e164.substring(e164.length() - 4);
    }

    @Override
    public String toString() {
        return "device " + deviceId + " (" + PhoneNumber.masked(lastFour() == null ? "----" : lastFour()) + ")";
    }
}
