package org.twofold.web;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.FacesException;
import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;
import java.util.regex.Pattern;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditAction;
import org.twofold.audit.AuditTrail;

/**
 * A form post whose view state cannot be restored — the session ended, the page was open too long,
 * the view state was tampered with, or the post never came from a page Twofold served — gets
 * {@code /expired} ("start again", nothing was changed) instead of a 500 with a stack trace. Faces
 * restores no view for such a post, so no action ran. The refusal is audited
 * ({@code page.post → refused (view_expired)}) with the page's name. Registered in
 * {@code faces-config.xml}; every other exception goes on to the next handler (and the error page).
 */
public class ExpiredViews extends ExceptionHandlerFactory {
    /** The page that says so. */
    static final String EXPIRED_PAGE = "/expired";
    private static final Pattern PAGE_NAME = Pattern.compile("[a-z]{1,20}");

    public ExpiredViews(ExceptionHandlerFactory wrapped) {
        super(wrapped);
    }

    @Override
    public ExceptionHandler getExceptionHandler() {
        return new Handler(getWrapped().getExceptionHandler());
    }

    /**
     * The page a view id belongs to, for "start again": {@code /bypass.xhtml} → {@code bypass},
     * {@code /index.xhtml} → empty (the login page); anything else (a made-up view id) → empty.
     */
    static Optional<String> pageOf(String viewId) {
        if (viewId == null) {
            return Optional.empty();
        }
        String name = viewId.startsWith("/") ? viewId.substring(1) : viewId;
        name = name.endsWith(".xhtml") ? name.substring(0, name.length() - ".xhtml".length()) : name;
        return PAGE_NAME.matcher(name).matches() && !name.equals("index") && !name.equals("expired")
                ? Optional.of(name) : Optional.empty();
    }

    private static final class Handler extends ExceptionHandlerWrapper {
        Handler(ExceptionHandler wrapped) {
            super(wrapped);
        }

        @Override
        public void handle() throws FacesException {
            Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator();
            while (events.hasNext()) {
                ExceptionQueuedEvent event = events.next();
                ViewExpiredException expired = expired(event.getContext().getException());
                if (expired == null) {
                    continue;
                }
                events.remove();
                startAgain(event.getContext().getContext(), expired.getViewId());
            }
            getWrapped().handle();
        }

        private static ViewExpiredException expired(Throwable t) {
            for (Throwable c = t; c != null; c = c.getCause()) {
                if (c instanceof ViewExpiredException v) {
                    return v;
                }
            }
            return null;
        }

        private static void startAgain(FacesContext fc, String viewId) {
            ExternalContext ec = fc.getExternalContext();
            Optional<String> page = pageOf(viewId);
            Object request = ec.getRequest();
            String origin = request instanceof HttpServletRequest http ? ClientAddress.of(http) : null;
            CDI.current().select(AuditTrail.class).get()
                    .recordRequestRefusal(Actor.anonymous(origin), AuditAction.PAGE_POST, "view_expired", page.orElse("login"));
            try {
                ec.redirect(ec.getRequestContextPath() + EXPIRED_PAGE + page.map(p -> "?page=" + p).orElse(""));
            } catch (IOException e) {
                throw new FacesException(e);
            }
            fc.responseComplete();
        }
    }
}
