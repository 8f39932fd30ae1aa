package org.twofold.audit;

/**
 * Who acts, as the audit trail names them: a user at the login page, an integration over SOAP, an
 * operator over JMX, or the system itself. Boundaries build one and pass it to the services.
 */
public record Actor(String name, String origin) {

    public static Actor user(String username, String origin) {
        return new Actor("user:" + username, origin);
    }

    public static Actor integration(String key, String origin) {
        return new Actor("integration:" + key, origin);
    }

    public static Actor operator(String name, String origin) {
        return new Actor("operator:" + name, origin);
    }

    /** The campus directory, as the sync applies what it says (users created, updated, disabled). */
    public static Actor directory() {
        return new Actor("directory", null);
    }

    public static Actor system() {
        return new Actor("system", null);
    }
}
