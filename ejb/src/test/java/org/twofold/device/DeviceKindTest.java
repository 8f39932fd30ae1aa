package org.twofold.device;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeviceKindTest {
    @ParameterizedTest(name = "{0}: push={1} call={2} sms={3} passcodes={4}")
    @CsvSource({
        "SMARTPHONE,     true,  true,  true,  true",
        "TABLET,         true,  false, false, true",
        "MOBILE_PHONE,   false, true,  true,  false",
        "LANDLINE,       false, true,  false, false",
        "HARDWARE_TOKEN, false, false, false, true",
        "SECURITY_KEY,   false, false, false, false",
    })
    void hasTheDocumentedCapabilities(DeviceKind kind, boolean push, boolean call, boolean sms, boolean passcodes) {
        assertEquals(push, kind.canPush(), "push");
        assertEquals(call, kind.canCall(), "call");
        assertEquals(sms, kind.canSms(), "sms");
        assertEquals(passcodes, kind.makesPasscodes(), "passcodes");
    }

    @Test
    void tableCoversEveryKind() {
        assertEquals(EnumSet.of(DeviceKind.SMARTPHONE, DeviceKind.TABLET, DeviceKind.MOBILE_PHONE,
                DeviceKind.LANDLINE, DeviceKind.HARDWARE_TOKEN, DeviceKind.SECURITY_KEY), EnumSet.allOf(DeviceKind.class));
    }
}
