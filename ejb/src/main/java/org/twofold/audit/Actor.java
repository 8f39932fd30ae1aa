package org.twofold.audit;

/**
 * Who acts, as the audit trail names them: a user at the login page, an integration over SOAP or
 * the Duo-compatible API, an operator over JMX, a phone or a carrier answering, or the system
 * itself. Boundaries build one and pass it to the services; what tells actors apart (the throttle's
 * sources, a transaction's owner) reads its {@link Kind}, never the spelling of its {@link #name()}.
 *
 * @param kind   what sort of actor
 * @param id     which one of its kind (a username, an integration key, ...); null where the kind is one actor
 * @param origin where it acts from (a client address, "via" a gateway), null for the system
 */
public record Actor(Kind kind, String id, String origin) {

    /** The sorts of actor; each is the first word of the names the trail stores. */
    public enum Kind {
        USER("user", false),
        INTEGRATION("integration", true),
        /** A RADIUS client (a VPN or network device, "NAS") registered by an administrator. */
        RADIUS_CLIENT("radius", true),
        OPERATOR("operator", false),
        /** The console's local connection (no remote principal). */
        CONSOLE("jmx", false),
        /** Whoever holds an activation link. */
        ACTIVATION_LINK("activation-link", false),
        /** A (virtual) phone answering. */
        DEVICE("device", false),
        /** A telephony provider calling back. */
        CARRIER("carrier", false),
        /** The campus directory, as the sync applies what it says. */
        DIRECTORY("directory", false),
        SYSTEM("system", false);

        private final String word;
        private final boolean gateway;

        Kind(String word, boolean gateway) {
            this.word = word;
            this.gateway = gateway;
        }

        public String word() {
            return word;
        }

        /**
         * Whether it acts for many people from one place (an integration, a NAS): the throttle then
         * counts its failures per actor and the address it names, not per address alone.
         */
        public boolean gateway() {
            return gateway;
        }
    }

    /** Stands for a user not (yet) known: a login page visitor, an anonymous request. */
    public static final String UNKNOWN = "?";

    public Actor {
        if (kind == null) {
            throw new IllegalArgumentException("An actor has a kind");
        }
    }

    public static Actor user(String username, String origin) {
        return new Actor(Kind.USER, username == null ? UNKNOWN : username, origin);
    }

    /** A visitor who has not said (or proven) who they are. */
    public static Actor anonymous(String origin) {
        return new Actor(Kind.USER, UNKNOWN, origin);
    }

    public static Actor integration(String key, String origin) {
        return new Actor(Kind.INTEGRATION, key, origin);
    }

    public static Actor operator(String name, String origin) {
        return new Actor(Kind.OPERATOR, name, origin);
    }

    public static Actor localConsole() {
        return new Actor(Kind.CONSOLE, "local", null);
    }

    public static Actor activationLink(String origin) {
        return new Actor(Kind.ACTIVATION_LINK, null, origin);
    }

    public static Actor device(long deviceId, String origin) {
        return new Actor(Kind.DEVICE, Long.toString(deviceId), origin);
    }

    public static Actor radiusClient(String name, String origin) {
        return new Actor(Kind.RADIUS_CLIENT, name == null ? UNKNOWN : name, origin);
    }

    public static Actor carrier(String name, String origin) {
        return new Actor(Kind.CARRIER, name, origin);
    }

    /** The campus directory, as the sync applies what it says (users created, updated, disabled). */
    public static Actor directory() {
        return new Actor(Kind.DIRECTORY, null, null);
    }

    public static Actor system() {
        return new Actor(Kind.SYSTEM, null, null);
    }

    /** The same actor acting from {@code elsewhere}. */
    public Actor from(String elsewhere) {
        return new Actor(kind, id, elsewhere);
    }

    /** The name the trail stores: {@code user:alice}, {@code integration:DI…}, {@code system}. */
    public String name() {
        return id == null ? kind.word() : kind.word() + ":" + id;
    }
}
