package org.twofold.ws;

import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.twofold.ErrorCode;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditAction;
import org.twofold.audit.AuditTrail;

/**
 * Refuses, with our fault and its stable code, the SOAP requests Metro would otherwise answer in
 * its own words: malformed XML, not SOAP 1.1, an unknown operation, a missing required field, a
 * body the schema does not allow ({@link RequestScreen}), a Content-Type other than SOAP 1.1's
 * {@code text/xml}. Then, on the same parse, checks the
 * integration's credentials for every operation but {@code ping} ({@link WsSecurity}) and leaves
 * the authenticated key on the request for the endpoint. Each refusal is audited. Requests that
 * pass go on unchanged, with a response the endpoint may turn into our fault ({@link Refusable}),
 * written here once Metro is done. Mapped for both packagings: {@code /ws/AuthService} in the Payara Micro WAR,
 * {@code /AuthService} in the {@code ws} WAR of the EAR.
 */
@WebFilter(urlPatterns = {"/ws/AuthService", "/AuthService"})
public class SoapRequestFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;
    /** The largest request read; integrators' requests are a few hundred bytes. */
    static final int MAX_BYTES = 64 * 1024;

    private transient RequestScreen screen;

    @Override
    public void init(FilterConfig config) throws ServletException {
        try (InputStream wsdl = config.getServletContext().getResourceAsStream("/WEB-INF/wsdl/AuthService.wsdl")) {
            if (wsdl == null) {
                throw new ServletException("WEB-INF/wsdl/AuthService.wsdl is missing");
            }
            screen = new RequestScreen(wsdl);
        } catch (IOException e) {
            throw new ServletException(e);
        }
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        if (!"POST".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = BoundedBody.read(request.getInputStream(), MAX_BYTES);
        RequestScreen.Request read = body == null ? null : screen.screen(body);
        if (read != null && read.refusal().isEmpty()) {
            Optional<RequestScreen.Refusal> wrongType = RequestScreen.contentType(request.getContentType());
            if (wrongType.isPresent()) {
                read = new RequestScreen.Request(read.operation(), read.claimedKey(), null, wrongType);
            }
        }
        if (body == null || read.refusal().isPresent()) {
            RequestScreen.Refusal refusal = body == null
                    ? new RequestScreen.Refusal(ErrorCode.MALFORMED_REQUEST, "The request is larger than " + MAX_BYTES + " bytes.", "too_large")
                    : read.refusal().get();
            Actor actor = Actor.integration(read == null || read.claimedKey() == null ? "?" : read.claimedKey(), WsSecurity.origin(request));
            boolean knownOperation = read != null && read.operation() != null && refusal.code() != ErrorCode.UNKNOWN_OPERATION;
            Domain.get(AuditTrail.class).recordRequestRefusal(actor, AuditAction.soap(knownOperation ? read.operation() : "request"),
                    refusal.reason(), refusal.code() == ErrorCode.UNKNOWN_OPERATION ? read.operation() : null);
            Faults.write(response, refusal.code(), refusal.message());
            return;
        }
        if (!WsSecurity.OPEN_OPERATION.equals(read.operation())) {
            try {
                request.setAttribute(WsSecurity.INTEGRATION_KEY, WsSecurity.authenticate(read.envelope(), WsSecurity.origin(request)));
            } catch (RuntimeException e) {
                Faults.Fault refused = Faults.Fault.of(e, "Checking a SOAP request's credentials failed");
                Faults.write(response, refused.code(), refused.message());
                return;
            }
        }
        Refusable answer = new Refusable(response);
        request.setAttribute(Faults.REFUSABLE, answer);
        chain.doFilter(new Replayed(request, body), answer);
        Faults.Fault refused = answer.refused();
        if (refused != null) {
            Faults.write(response, refused.code(), refused.message());
        }
    }

    /** The request with its body, already read, offered again to Metro. */
    private static final class Replayed extends HttpServletRequestWrapper {
        private final byte[] body;

        Replayed(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("blocking reads only");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding() == null ? StandardCharsets.UTF_8.name() : getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(getInputStream(), java.nio.charset.Charset.forName(encoding)));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
