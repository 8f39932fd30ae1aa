package org.twofold.web;

import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.twofold.site.Health;

/** {@code GET /health}: 200 and {@code {"status":"UP","database":"reachable"}}, or 503 if the database does not answer. */
@WebServlet("/health")
public class HealthServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(HealthServlet.class.getName());

    @EJB
    private transient Health health;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean up;
        try {
            health.probeDatabase();
            up = true;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Health check: the database does not answer: {0}", e.toString());
            up = false;
        }
        response.setStatus(up ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(up ? "{\"status\":\"UP\",\"database\":\"reachable\"}" : "{\"status\":\"DOWN\",\"database\":\"unreachable\"}");
    }
}
