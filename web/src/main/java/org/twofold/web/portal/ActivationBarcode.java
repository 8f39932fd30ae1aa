package org.twofold.web.portal;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.twofold.device.Enrollment;

/**
 * {@code GET /activate/qr?code=...}: the QR code (SVG) of the activation link with that code, as
 * the Duo-compatible API's {@code /auth/v2/enroll} answers it in {@code activation_barcode} for an
 * integration to show in an {@code <img>}: the person scans it with the phone's camera and lands
 * on the activation page there. It draws only Twofold's own activation link, and for any code of
 * the right shape without looking it up (so it says nothing of whether a code exists, and cannot
 * be used to draw anyone else's text); the link itself carries the same code.
 */
@WebServlet("/activate/qr")
public class ActivationBarcode extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final int SIZE_PX = 220;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String code = request.getParameter("code");
        if (!Enrollment.linkCodeShape(code)) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setContentType("image/svg+xml");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(QrCode.svg(Enrollment.linkOf(code), SIZE_PX, "activation link"));
    }
}
