package org.twofold.radius.door;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RadiusWordsTest {

    @Test
    void theMenuNumbersEachChoiceAndOffersAPasscode() {
        assertEquals(List.of("Choose: 1. Push to iPhone (XXX-XXX-0105) 2. Call iPhone (XXX-XXX-0105) 3. SMS passcodes to iPhone (XXX-XXX-0105), or enter a passcode"),
                RadiusWords.menu(List.of("Push to iPhone (XXX-XXX-0105)", "Call iPhone (XXX-XXX-0105)", "SMS passcodes to iPhone (XXX-XXX-0105)"), true));
        assertEquals(List.of("Choose: 1. Call Desk (XXX-XXX-4357)"), RadiusWords.menu(List.of("Call Desk (XXX-XXX-4357)"), false));
        assertEquals(List.of("Enter a passcode"), RadiusWords.menu(List.of(), true));
    }

    @Test
    void aLongMenuIsCutBeforeAChoiceIntoAttributesOf253BytesAtMost() {
        List<String> options = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            options.add("Push to Phone number " + i + " with a rather long name (XXX-XXX-01" + (10 + i) + ")");
        }
        List<String> lines = RadiusWords.fitted(RadiusWords.menu(options, true));
        assertTrue(lines.size() > 1, lines.toString());
        for (String line : lines) {
            assertTrue(line.getBytes(StandardCharsets.UTF_8).length <= RadiusWords.MAX_ATTRIBUTE, line);
        }
        assertTrue(lines.get(1).matches("[0-9]+\\. Push to .*"), lines.get(1));
        assertEquals(RadiusWords.menu(options, true).get(0), String.join(" ", lines));
    }
}
