/**
 * Devices a user authenticates with: the five {@link org.twofold.device.DeviceKind}s and their
 * capabilities, the {@link org.twofold.device.Device} entity holding an OTP seed (sealed) and its
 * anti-replay state, hardware tokens in stock ({@link org.twofold.device.HardwareToken}), and the
 * services that enroll and assign them.
 */
package org.twofold.device;
