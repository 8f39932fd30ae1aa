package org.twofold.web;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;
import org.twofold.site.Readiness;
import org.twofold.site.Settings;

/**
 * Reports the pages as up once {@code GET /health} really answers 200 — the listener runs while the
 * server is still finishing the deployment, so it waits for that, in the background, rather than
 * announcing a readiness a script could not yet rely on.
 */
@WebListener
public class PagesReadiness implements ServletContextListener {
    private static final Logger LOG = Logger.getLogger(PagesReadiness.class.getName());
    private static final Duration PATIENCE = Duration.ofMinutes(2);

    @EJB
    private Readiness readiness;

    @Resource
    private ManagedExecutorService executor;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        String pages = Settings.current().pageUrl();
        executor.submit(() -> {
            if (!awaitHealthy(URI.create(pages + "health"))) {
                LOG.warning(() -> pages + "health did not answer 200 within " + PATIENCE.toSeconds()
                        + " s; is TWOFOLD_HTTP_PORT the port Payara listens on?");
            }
            readiness.up(Readiness.Component.PAGES, pages);
        });
    }

    private static boolean awaitHealthy(URI health) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return true;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            try {
                Thread.sleep(100); // polling interval of a background wait, not a test
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}
