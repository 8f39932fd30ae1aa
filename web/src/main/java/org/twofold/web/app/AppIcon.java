package org.twofold.web.app;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;

/**
 * The approval app's icon as PNG in the sizes home screens use — iOS's {@code apple-touch-icon}
 * (180 iPhone, 167 iPad Pro, 152 iPad, 120 older iPhones; iOS takes no SVG there) and the web app
 * manifest's 192 and 512 (Android's install prompt asks for both) — drawn here from the same shapes
 * as {@code icon.svg} (a white check on Twofold blue, on a 96-unit grid), so the product ships no
 * image made elsewhere. Full-bleed and opaque: iOS rounds the corners itself and shows transparent
 * pixels black; the check lies inside the central 80 % circle a maskable icon must keep. Plain
 * Java: a 4×4 supersampled raster written as an RGB PNG (W3C PNG §11: IHDR, one zlib IDAT, IEND).
 */
@WebServlet({"/app/icon-120.png", "/app/icon-152.png", "/app/icon-167.png", "/app/icon-180.png", "/app/icon-192.png", "/app/icon-512.png"})
public class AppIcon extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Map<Integer, byte[]> DRAWN = new ConcurrentHashMap<>();
    private static final int BLUE = 0x1d4e89;
    private static final int WHITE = 0xffffff;
    /** The check's polyline and half its stroke width, in the 96-unit grid of {@code icon.svg}. */
    private static final double[][] CHECK = {{26, 50}, {40, 64}, {70, 32}};
    private static final double HALF_STROKE = 5;
    private static final int SAMPLES = 4;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getServletPath();
        int size = Integer.parseInt(path.substring(path.indexOf('-') + 1, path.indexOf(".png")));
        byte[] png = DRAWN.computeIfAbsent(size, AppIcon::png);
        response.setContentType("image/png");
        response.setHeader("Cache-Control", "max-age=86400");
        response.setContentLength(png.length);
        response.getOutputStream().write(png);
    }

    /** The icon, {@code size} pixels square, as a PNG file. */
    static byte[] png(int size) {
        byte[] raw = new byte[size * (1 + 3 * size)];
        int i = 0;
        for (int y = 0; y < size; y++) {
            raw[i++] = 0; // filter: none
            for (int x = 0; x < size; x++) {
                int rgb = pixel(x, y, size);
                raw[i++] = (byte) (rgb >> 16);
                raw[i++] = (byte) (rgb >> 8);
                raw[i++] = (byte) rgb;
            }
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(file, "IHDR", ByteBuffer.allocate(13).putInt(size).putInt(size).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0).array());
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(deflated)) {
            z.write(raw);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        chunk(file, "IDAT", deflated.toByteArray());
        chunk(file, "IEND", new byte[0]);
        return file.toByteArray();
    }

    /** The pixel's colour: blue, white where the check covers it, blended by how much of the pixel it covers. */
    private static int pixel(int x, int y, int size) {
        int covered = 0;
        for (int sy = 0; sy < SAMPLES; sy++) {
            for (int sx = 0; sx < SAMPLES; sx++) {
                double u = (x + (sx + 0.5) / SAMPLES) * 96.0 / size;
                double v = (y + (sy + 0.5) / SAMPLES) * 96.0 / size;
                if (onCheck(u, v)) {
                    covered++;
                }
            }
        }
        double a = covered / (double) (SAMPLES * SAMPLES);
        int rgb = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            int c = (int) Math.round(((BLUE >> shift) & 0xff) * (1 - a) + ((WHITE >> shift) & 0xff) * a);
            rgb |= c << shift;
        }
        return rgb;
    }

    /** Whether (u, v) lies within the stroke (round caps and joins: distance to the polyline). */
    private static boolean onCheck(double u, double v) {
        for (int s = 0; s + 1 < CHECK.length; s++) {
            double ax = CHECK[s][0];
            double ay = CHECK[s][1];
            double dx = CHECK[s + 1][0] - ax;
            double dy = CHECK[s + 1][1] - ay;
            double t = Math.max(0, Math.min(1, ((u - ax) * dx + (v - ay) * dy) / (dx * dx + dy * dy)));
            double px = ax + t * dx - u;
            double py = ay + t * dy - v;
            if (px * px + py * py <= HALF_STROKE * HALF_STROKE) {
                return true;
            }
        }
        return false;
    }

    private static void chunk(ByteArrayOutputStream file, String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        file.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        file.writeBytes(name);
        file.writeBytes(data);
        file.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
