package org.twofold.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;

/**
 * Backs {@code /expired}: where "Start again" leads — the page whose form could not be restored
 * (its name checked, see {@link ExpiredViews#pageOf}), or the login page.
 */
@Named
@RequestScoped
public class ExpiredPage {
    /** The address of the page to start again at, within Twofold. */
    public String getStartUrl() {
        FacesContext fc = FacesContext.getCurrentInstance();
        String page = fc.getExternalContext().getRequestParameterMap().get("page");
        return fc.getExternalContext().getRequestContextPath() + "/" + ExpiredViews.pageOf(page).orElse("");
    }
}
