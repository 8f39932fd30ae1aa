package org.twofold.ws;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import org.twofold.site.Readiness;
import org.twofold.site.Settings;

/** Reports the SOAP interface as up, with its WSDL address, once this web module has started. */
@WebListener
public class SoapReadiness implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        Domain.get(Readiness.class).up(Readiness.Component.SOAP, Settings.current().pageUrl() + "ws/AuthService?wsdl");
    }
}
