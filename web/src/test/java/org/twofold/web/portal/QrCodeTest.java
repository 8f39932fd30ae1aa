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

    /**
     * The SVG the portal shows, drawn as a browser draws it (every path square filled, the rest the
     * white background) and read back by ZXing.
     */
    @Test
    void aPhoneReadsBackTheUriFromTheSvgAsDrawn() throws Exception {
        String svg = QrCode.svg(URI, 200, "QR code");
        org.w3c.dom.Document doc = javax.xml.parsers.DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(svg.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        String[] box = doc.getDocumentElement().getAttribute("viewBox").split(" ");
        int minX = Integer.parseInt(box[0]);
        int minY = Integer.parseInt(box[1]);
        int side = Integer.parseInt(box[2]);
        assertEquals(QrCode.modules(URI).length, side, "the whole symbol, quiet zone included, is in view");
        boolean[][] dark = QrCode.modules(URI);
        for (int i = 0; i < side; i++) {
            for (int margin : new int[] {0, 1, 2, 3, side - 4, side - 3, side - 2, side - 1}) {
                assertTrue(!dark[i][margin] && !dark[margin][i], "a light margin of 4 modules (ISO/IEC 18004 quiet zone)");
            }
        }
        String d = ((org.w3c.dom.Element) doc.getElementsByTagName("path").item(0)).getAttribute("d");
        int scale = 8;
        int n = side * scale;
        int[] pixels = new int[n * n];
        java.util.Arrays.fill(pixels, 0xFFFFFFFF);
        java.util.regex.Matcher square = java.util.regex.Pattern.compile("M(-?[0-9]+) (-?[0-9]+)h1v1h-1z").matcher(d);
        int squares = 0;
        while (square.find()) {
            int x = Integer.parseInt(square.group(1)) - minX;
            int y = Integer.parseInt(square.group(2)) - minY;
            for (int py = y * scale; py < (y + 1) * scale; py++) {
                java.util.Arrays.fill(pixels, py * n + x * scale, py * n + (x + 1) * scale, 0xFF000000);
            }
            squares++;
        }
        assertTrue(squares > 0);
        assertEquals("", d.replaceAll("M(-?[0-9]+) (-?[0-9]+)h1v1h-1z", ""), "the path is made of module squares only");
        LuminanceSource source = new RGBLuminanceSource(n, n, pixels);
        // PURE_BARCODE: ZXing's camera-picture detector misjudges perfectly aligned synthetic images
        // at most scales (it finds nothing or samples off the grid); a pure symbol in its margin is read as drawn.
        assertEquals(URI, new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)),
                java.util.Map.of(com.google.zxing.DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText());
    }

    @Test
    void svgIsSelfContainedAndLabelled() {
        String svg = QrCode.svg(URI, 200, "QR code for \"alice\"");
        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"QR code for &quot;alice&quot;\""), svg);
        assertTrue(svg.contains("<path fill=\"#000\" d=\"M"), svg);
        assertTrue(!svg.contains("http://") || svg.indexOf("http://") == svg.indexOf("http://www.w3.org/2000/svg"), "no outside reference");
    }
}
