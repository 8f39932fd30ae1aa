package org.twofold.web.carrier;

import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.twofold.delivery.CallEvent;
import org.twofold.delivery.CarrierCallbacks;

/**
 * {@code POST /carrier/callback}: the HTTP carrier reports a call's progress here. The servlet only
 * separates the signed URL's query from the POSTed fields and answers in the carrier's terms
 * (TwiML that ends the call after a key press, else 204); {@link CarrierCallbacks} decides.
 */
@WebServlet("/carrier/callback")
public class CarrierCallbackServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @EJB
    private transient CarrierCallbacks callbacks;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        request.setCharacterEncoding("UTF-8");
        Map<String, String> query = parse(request.getQueryString());
        Map<String, String> body = new HashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            if (!query.containsKey(name) && values.length > 0) {
                body.put(name, values[0]);
            }
        });
        Optional<CallEvent> event = callbacks.accept(request.getQueryString(), query, body, request.getHeader("X-Twilio-Signature"),
                org.twofold.web.ClientAddress.of(request));
        if (event.isEmpty()) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        if (event.get().kind() == CallEvent.Kind.KEY_PRESSED) {
            response.setContentType("text/xml");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("<Response><Say>Thank you. You are logged in.</Say><Hangup/></Response>");
        } else {
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
        }
    }

    private static Map<String, String> parse(String rawQuery) {
        Map<String, String> out = new HashMap<>();
        if (rawQuery == null) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            out.putIfAbsent(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
