package org.twofold.ws;

import jakarta.enterprise.inject.spi.CDI;

/**
 * The one way SOAP code reaches the domain services. Metro, bundled in the Payara Micro WAR,
 * instantiates endpoints and handlers itself, so nothing is injected into them; this looks the
 * service up in CDI (every {@code @Stateless} service is also a CDI bean) and works the same on a
 * full server, where the container's own Metro creates them.
 */
final class Domain {
    private Domain() {
    }

    static <T> T get(Class<T> service) {
        return CDI.current().select(service).get();
    }
}
