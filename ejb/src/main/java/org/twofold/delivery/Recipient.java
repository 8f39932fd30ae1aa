package org.twofold.delivery;

/**
 * Where a message or call goes: the device, its number (E.164, absent for a tablet) and a landline
 * extension to dial after the call connects. {@link #toString()} shows the number masked only.
 */
public record Recipient(long deviceId, String e164, String extension) {

    @Override
    public String toString() {
        String last = e164 == null || e164.length() < 4 ? "----" : e164.substring(e164.length() - 4);
        return "device " + deviceId + " (XXX-XXX-" + last + ")";
    }
}
