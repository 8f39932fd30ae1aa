package org.twofold.web.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.LuminanceSource;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.junit.jupiter.api.Test;

class QrCodeTest {
    private static final String URI = "otpauth://totp/Twofold:alice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Twofold&algorithm=SHA1&digits=6&period=30";

    @Test
    void aPhoneReadsBackTheUriFromTheModules() throws Exception {
        boolean[][] dark = QrCode.modules(URI);
        int scale = 4;
        int n = dark.length * scale;
        int[] pixels = new int[n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                pixels[y * n + x] = dark[y / scale][x / scale] ? 0xFF000000 : 0xFFFFFFFF;
            }
        }
        LuminanceSource source = new RGBLuminanceSource(n, n, pixels);
        assertEquals(URI, new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)), java.util.Map.of(com.google.zxing.DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText());
    }

    @Test
    void svgIsSelfContainedAndLabelled() {
        String svg = QrCode.svg(URI, 200, "QR code for \"alice\"");
        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"QR code for &quot;alice&quot;\""), svg);
        assertTrue(svg.contains("<path fill=\"#000\" d=\"M"), svg);
        assertTrue(!svg.contains("http://") || svg.indexOf("http://") == svg.indexOf("http://www.w3.org/2000/svg"), "no outside reference");
    }
}
