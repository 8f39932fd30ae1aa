package org.twofold.ws;

import jakarta.enterprise.inject.spi.CDI;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The one way SOAP code reaches the domain services. Metro, bundled in the Payara Micro WAR,
 * instantiates endpoints and handlers itself, so nothing is injected into them; this looks an
 * enterprise bean up by its portable name in the module ({@code java:module/Authentication}: the
 * WAR, where the services are a library), and anything else, or in the EAR, in CDI (every
 * {@code @Stateless} service is also a CDI bean); it works the same on a full server, where the
 * container's own Metro creates them. Each service is looked up once: the
 * reference of a {@code @Stateless} bean is a thread-safe proxy (the container hands every call to
 * a pooled instance), and the per-request {@code CDI.current().select(..).get()} was 9% of the
 * SOAP hot path's CPU samples. Only stateless (or normal-scoped) services may be reached here.
 */
final class Domain {
    private static final ClassValue<Object> SERVICES = new ClassValue<>() {
        @Override
        protected Object computeValue(Class<?> service) {
            try {
                // The container's own reference: a CDI proxy of an enterprise bean asks the
                // container for the bean's business object on every call, and Payara answers that
                // for a no-interface view through a caught IllegalArgumentException (a stack trace
                // per call: 11% of the SOAP auth's CPU samples).
                return InitialContext.doLookup("java:module/" + service.getSimpleName());
            } catch (NamingException notInThisModule) {
                // the EAR, where the services are an EJB module of their own
                return CDI.current().select(service).get();
            }
        }
    };

    private Domain() {
    }

    static <T> T get(Class<T> service) {
        return service.cast(SERVICES.get(service));
    }
}
