package org.twofold.web.portal;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import java.text.MessageFormat;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.ResourceBundle;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;

/**
 * The self-service pages' one place for messages: texts from the {@code msg} bundle, and domain
 * errors as the bundle's {@code error.<CODE>} text or else the code's own text (also the first-device
 * chooser's, {@code org.twofold.web.login.DeviceChooser}).
 */
public final class PageMessages {
    private PageMessages() {
    }

    public static String text(String key, Object... args) {
        FacesContext fc = FacesContext.getCurrentInstance();
        ResourceBundle bundle = fc.getApplication().getResourceBundle(fc, "msg");
        String pattern = bundle.getString(key);
        return args.length == 0 ? pattern : MessageFormat.format(pattern, args);
    }

    public static void info(String key, Object... args) {
        add(FacesMessage.SEVERITY_INFO, text(key, args));
    }

    public static void error(String key, Object... args) {
        add(FacesMessage.SEVERITY_ERROR, text(key, args));
    }

    /** Shows the domain error inside {@code e}, or rethrows {@code e} if it carries none. */
    public static void error(RuntimeException e) {
        Optional<TwofoldException> te = TwofoldException.in(e);
        if (te.isEmpty()) {
            throw e;
        }
        ErrorCode code = te.get().code();
        String text;
        try {
            text = text("error." + code.name());
        } catch (MissingResourceException missing) {
            text = code.text();
        }
        add(FacesMessage.SEVERITY_ERROR, text);
    }

    private static void add(FacesMessage.Severity severity, String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, text, null));
    }

    /** The client's address, for the audit trail. */
    static String origin() {
        return org.twofold.web.ClientAddress.ofFacesRequest();
    }
}
