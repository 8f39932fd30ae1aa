package org.twofold.web.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AppIconTest {
    @ParameterizedTest
    @ValueSource(ints = {120, 152, 167, 180, 192, 512})
    void theIconIsAnOpaquePngOfItsSizeWithTheWhiteCheckOnTwofoldBlue(int size) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(AppIcon.png(size)));
        assertEquals(size, image.getWidth());
        assertEquals(size, image.getHeight());
        assertEquals(false, image.getColorModel().hasAlpha(), "iOS shows transparent pixels black");
        assertEquals(0x1d4e89, image.getRGB(0, 0) & 0xffffff, "full-bleed blue to the corner");
        assertEquals(0x1d4e89, image.getRGB(size - 1, size - 1) & 0xffffff);
        assertEquals(0xffffff, image.getRGB(size * 40 / 96, size * 62 / 96) & 0xffffff, "the check's corner is white");
        assertEquals(0x1d4e89, image.getRGB(size * 70 / 96, size * 70 / 96) & 0xffffff, "below the check's long arm is blue");
    }
}
