package org.twofold.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.twofold.policy.Factor;

class CarrierChoiceTest {
    @Test
    void theDemoRunsTheSimulatorWithTheVirtualPhonesForEverything() {
        CarrierChoice c = CarrierChoice.decide(null, true, null);
        assertTrue(c.simulator());
        assertEquals(List.of("simulated"), c.carriers());
        assertEquals(new Channels(true, true, true), c.channels());
        assertTrue(c.describe().contains("simulator ON"), c.describe());
    }

    @Test
    void noSettingsMeansNoSimulatorNoCarrierAndOnlyPasscodes() {
        CarrierChoice c = CarrierChoice.decide(null, false, null);
        assertFalse(c.simulator());
        assertEquals(List.of(), c.carriers());
        Channels none = c.channels();
        assertFalse(none.delivers(Factor.PUSH) || none.delivers(Factor.PHONE) || none.delivers(Factor.SMS) || none.delivers(Factor.AUTO));
        assertTrue(none.delivers(Factor.PASSCODE));
        assertTrue(c.describe().contains("carrier none") && c.describe().contains("push none") && c.describe().contains("simulator off"), c.describe());
    }

    @Test
    void aRealCarrierDeliversTextsAndCallsButNoPush() {
        CarrierChoice c = CarrierChoice.decide("http", false, null);
        assertEquals(new Channels(false, true, true), c.channels());
        assertTrue(c.describe().startsWith("Delivery: carrier http (texts and calls); push none"), c.describe());
    }

    @Test
    void simulatedWithoutTheSimulatorRefusesToStart() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> CarrierChoice.decide("http,simulated", false, null));
        assertTrue(e.getMessage().contains("TWOFOLD_SIMULATOR=true"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> CarrierChoice.decide("simulated", false, null), "the old default, now explicit, is refused too");
        assertThrows(IllegalStateException.class, () -> CarrierChoice.decide("simulated", true, "false"), "the demo with the simulator turned off");
    }

    @Test
    void theExplicitSettingTurnsTheSimulatorOnWithoutTheDemo() {
        CarrierChoice c = CarrierChoice.decide("http,simulated", false, "true");
        assertTrue(c.simulator());
        assertEquals(List.of("http", "simulated"), c.carriers());
        assertTrue(CarrierChoice.decide(null, false, "yes").simulator());
        assertFalse(CarrierChoice.decide(null, true, "false").simulator(), "TWOFOLD_SIMULATOR=false wins over the demo");
    }

    @Test
    void anUnknownCarrierRefusesToStart() {
        assertThrows(IllegalStateException.class, () -> CarrierChoice.decide("twilio", false, null));
    }
}
