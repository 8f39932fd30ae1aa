package org.twofold.web;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import org.twofold.site.Readiness;
import org.twofold.site.Settings;

/** Reports the pages as up once this web module has started. */
@WebListener
public class PagesReadiness implements ServletContextListener {
    @Inject
    private Readiness readiness;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        readiness.up(Readiness.Component.PAGES, Settings.current().pageUrl());
    }
}
