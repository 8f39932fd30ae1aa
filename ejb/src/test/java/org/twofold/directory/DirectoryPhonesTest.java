package org.twofold.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DirectoryPhonesTest {

    @Test
    void bothNumbersAreOfferedAsTheKindOfDeviceTheyBecome() {
        List<DirectoryPhones.Offer> offers = DirectoryPhones.offered("+1 (410) 555-0177", "410.555.0188", Set.of());
        assertEquals(List.of(new DirectoryPhones.Offer(DirectoryPhones.Source.MOBILE, "XXX-XXX-0177"),
                new DirectoryPhones.Offer(DirectoryPhones.Source.TELEPHONE, "XXX-XXX-0188")), offers);
        assertEquals(org.twofold.device.DeviceKind.MOBILE_PHONE, offers.get(0).source().kind());
        assertEquals(org.twofold.device.DeviceKind.LANDLINE, offers.get(1).source().kind());
    }

    @Test
    void aNumberADeviceAlreadyHasIsNotOfferedAgain() {
        assertEquals(List.of(new DirectoryPhones.Offer(DirectoryPhones.Source.TELEPHONE, "XXX-XXX-0188")),
                DirectoryPhones.offered("+14105550177", "+14105550188", Set.of("XXX-XXX-0177")));
    }

    @Test
    void whatIsNoPhoneNumberIsNotOfferedAndOneNumberIsOfferedOnce() {
        assertEquals(List.of(), DirectoryPhones.offered(null, "  ", Set.of()));
        assertEquals(List.of(), DirectoryPhones.offered("ext. 4711", "call the front desk", Set.of()));
        assertEquals(List.of(new DirectoryPhones.Offer(DirectoryPhones.Source.MOBILE, "XXX-XXX-0177")),
                DirectoryPhones.offered("+14105550177", "+1 410 555 0177", Set.of()));
    }
}
