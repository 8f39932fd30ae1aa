package org.twofold.ws;

import jakarta.enterprise.inject.spi.CDI;

/**
 * The one way SOAP code reaches the domain services. Metro, bundled in the Payara Micro WAR,
 * instantiates endpoints and handlers itself, so nothing is injected into them; this looks the
 * service up in CDI (every {@code @Stateless} service is also a CDI bean) and works the same on a
 * full server, where the container's own Metro creates them. Each service is looked up once: the
 * reference of a {@code @Stateless} bean is a thread-safe proxy (the container hands every call to
 * a pooled instance), and the per-request {@code CDI.current().select(..).get()} was 9% of the
 * SOAP hot path's CPU samples. Only stateless (or normal-scoped) services may be reached here.
 */
final class Domain {
    private static final ClassValue<Object> SERVICES = new ClassValue<>() {
        @Override
        protected Object computeValue(Class<?> service) {
            return CDI.current().select(service).get();
        }
    };

    private Domain() {
    }

    static <T> T get(Class<T> service) {
        return service.cast(SERVICES.get(service));
    }
}
