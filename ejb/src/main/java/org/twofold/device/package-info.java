/**
 * Devices a user authenticates with: the five {@link org.twofold.device.DeviceKind}s and their
 * capabilities, the {@link org.twofold.device.Device} entity holding an OTP seed (sealed) and its
 * anti-replay state and its phone number (sealed; shown masked by {@link
 * org.twofold.device.PhoneNumber}), hardware tokens in stock ({@link
 * org.twofold.device.HardwareToken}), the one check of a code typed off a device ({@link
 * org.twofold.device.DeviceCodes}: login, first-code activation, HOTP resynchronisation), and the
 * services that enroll, list, select by index and disable them.
 */
package org.twofold.device;
