package org.twofold.site;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

/**
 * The site's own texts (organization name, how to reach the help desk) as pages see them:
 * {@code #{site.organizationName}}. They are configuration, never literals in pages or code.
 */
@Named("site")
@ApplicationScoped
public class SiteSettings {

    public String getOrganizationName() {
        return Settings.current().get(Settings.ORG_NAME);
    }

    public String getHelpDeskContact() {
        return Settings.current().get(Settings.HELPDESK_CONTACT);
    }
}
