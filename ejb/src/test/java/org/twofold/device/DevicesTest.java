package org.twofold.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;

class DevicesTest {
    private static DeviceView device(long id, DeviceState state) {
        return new DeviceView(id, DeviceKind.SMARTPHONE, "Phone " + id, null, null, state, true, true, true, true, Instant.EPOCH, false);
    }

    @Test
    void oneActiveDeviceCallsForAnother() {
        assertTrue(Devices.needsRedundancy(List.of(device(1, DeviceState.ACTIVE))));
        assertTrue(Devices.needsRedundancy(List.of()));
    }

    @Test
    void devicesNotYetActiveOrDisabledDoNotCountAsASecond() {
        assertTrue(Devices.needsRedundancy(List.of(device(1, DeviceState.ACTIVE), device(2, DeviceState.PENDING), device(3, DeviceState.DISABLED))));
    }

    @Test
    void twoActiveDevicesAreEnough() {
        assertFalse(Devices.needsRedundancy(List.of(device(1, DeviceState.ACTIVE), device(2, DeviceState.ACTIVE))));
    }
}
