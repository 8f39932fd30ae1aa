package org.twofold.site;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressTest {

    @ParameterizedTest
    @CsvSource({
        "192.0.2.10, 192.0.2.10",
        "' 10.1.2.3 ', 10.1.2.3",
        "0.0.0.0, 0.0.0.0",
        "255.255.255.255, 255.255.255.255",
        "2001:db8::1, 2001:db8:0:0:0:0:0:1",
        "::1, 0:0:0:0:0:0:0:1",
        "::ffff:192.0.2.1, 192.0.2.1",
    })
    void readsLiterals(String text, String canonical) {
        assertEquals(Optional.of(canonical), IpAddress.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "localhost", "example.edu", "256.1.1.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.4/24",
        "2001:db8::g", "[::1]", "fe80::1%eth0", "1:2:3:4:5:6:7:8:9", "::1::2", "1.2.3.4; DROP TABLE", "\u0661.2.3.4"})
    void refusesAnythingElse(String text) {
        assertEquals(Optional.empty(), IpAddress.parse(text), text);
    }
}
