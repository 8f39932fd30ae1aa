package org.twofold.radius.door;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class AppendModeTest {

    @Test
    void splitsAtTheLastCommaSoPasswordsMayHoldCommas() {
        AppendMode a = AppendMode.split("pa,ss,word,push2");
        assertEquals("pa,ss,word", new String(a.password()));
        assertEquals("push2", a.second());
        assertEquals("123456", AppendMode.split("hunter2, 123456 ").second());
    }

    @Test
    void withoutSecondPasswordTheDefaultFactorIsAsked() {
        AppendMode a = AppendMode.split("hunter2");
        assertEquals("hunter2", new String(a.password()));
        assertNull(a.second());
        assertNull(AppendMode.split("hunter2,").second());
    }

    @Test
    void wipeClearsThePassword() {
        AppendMode a = AppendMode.split("hunter2,push");
        a.wipe();
        assertEquals("\0\0\0\0\0\0\0", new String(a.password()));
    }
}
