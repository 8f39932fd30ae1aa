package org.twofold.audit;

import java.util.regex.Pattern;

/**
 * What an audit row records, as a type: an {@link Area} (what the action is about, and whether its
 * outcomes are authentication decisions the {@link Statistics} count) and the action's name within
 * it. Its {@link #code()} — {@code auth.push}, {@code user.lockout}, {@code preauth} — is what the
 * trail stores and shows; the code is derived here and nowhere else, so what reads the trail back
 * (statistics, the self-service portal's list of logins, alerts, throttles) matches on the type,
 * never on a spelling. Boundaries name their own refusals in their area ({@link #soap}, {@link #duo},
 * {@link #page}) with the operation's own name.
 *
 * @param area what the action is about
 * @param name the action within its area; empty for an area that is one action ({@code preauth})
 */
public record AuditAction(Area area, String name) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_]*");

    /** What an action is about: its code's first word. */
    public enum Area {
        /** A second-factor decision: {@code auth.push}, {@code auth.passcode}, ... */
        AUTH("auth", true),
        /** A primary-password check. */
        LOGIN("login", true),
        /** The help desk's bypass codes, and a user's own one-time code when the phone is lost. */
        BYPASS("bypass", true),
        /** Which factors a user may use now, asked before a login. */
        PREAUTH("preauth", false),
        USER("user", false),
        DEPARTMENT("department", false),
        DEVICE("device", false),
        TOKEN("token", false),
        BROWSER("browser", false),
        PASSCODE("passcode", false),
        SMS("sms", false),
        PUSH("push", false),
        PHONE("phone", false),
        NOTICE("notice", false),
        INTEGRATION("integration", false),
        HOSTED("hosted", false),
        OPERATOR("operator", false),
        /** The help desk's reads about a user. */
        HELPDESK("helpdesk", false),
        POLICY("policy", false),
        DATABASE("database", false),
        DELIVERY("delivery", false),
        CARRIER("carrier", false),
        JMX("jmx", false),
        AUDIT("audit", false),
        /** Refusals of the SOAP boundary before a request reaches the domain. */
        SOAP("soap", false),
        /** Refusals of the Duo-compatible API before a request reaches the domain. */
        DUO("duo", false),
        /** The campus directory (LDAP / Active Directory): its syncs. */
        DIRECTORY("directory", false),
        /** The RADIUS front end: its clients (NAS) and the requests it drops before they reach the domain. */
        RADIUS("radius", false),
        /** Refusals of the pages before a request reaches the domain. */
        PAGE("page", false),
        /** Duo Universal Prompt compatibility (Duo Web SDK v4): its requests, codes and token exchanges. */
        UNIVERSAL("universal", false),
        /** The OpenID Connect provider: its clients, signing keys, codes and tokens. */
        OIDC("oidc", false);

        private final String word;
        private final boolean decisions;

        Area(String word, boolean decisions) {
            this.word = word;
            this.decisions = decisions;
        }

        /** The first word of its actions' codes. */
        public String word() {
            return word;
        }

        /** Whether its actions' outcomes are authentication decisions, counted by the {@link Statistics}. */
        public boolean decisions() {
            return decisions;
        }

        /** The JPQL {@code LIKE} pattern of its actions' codes. */
        public String codePattern() {
            return word + ".%";
        }
    }

    public static final AuditAction PREAUTH = new AuditAction(Area.PREAUTH, "");

    public static final AuditAction AUTH_PUSH = auth("push");
    public static final AuditAction AUTH_PHONE = auth("phone");
    public static final AuditAction AUTH_SMS = auth("sms");
    public static final AuditAction AUTH_PASSCODE = auth("passcode");
    public static final AuditAction AUTH_SECOND_PASSWORD = auth("secondPassword");
    public static final AuditAction AUTH_REMEMBERED = auth("remembered");
    public static final AuditAction AUTH_STATUS = auth("status");
    public static final AuditAction AUTH_CANCEL = auth("cancel");
    /** A security key's or passkey's assertion (WebAuthn), checked as a second factor. */
    public static final AuditAction AUTH_SECURITY_KEY = auth("securityKey");
    /** What a user without an active device met after the password (NewUserPolicy), and the login their first device completed. */
    public static final AuditAction AUTH_NEW_USER = auth("newUser");
    public static final AuditAction LOGIN_PASSWORD = new AuditAction(Area.LOGIN, "password");
    public static final AuditAction BYPASS_IDENTIFY = new AuditAction(Area.BYPASS, "identify");
    public static final AuditAction BYPASS_PROOF_FAILED = new AuditAction(Area.BYPASS, "proofFailed");
    public static final AuditAction BYPASS_SELF_SERVICE = new AuditAction(Area.BYPASS, "selfService");

    public static final AuditAction USER_CREATE = new AuditAction(Area.USER, "create");
    public static final AuditAction USER_STATUS = new AuditAction(Area.USER, "status");
    public static final AuditAction USER_PASSWORD = new AuditAction(Area.USER, "password");
    public static final AuditAction USER_UNLOCK = new AuditAction(Area.USER, "unlock");
    public static final AuditAction USER_LOCKOUT = new AuditAction(Area.USER, "lockout");
    /** A directory user's attributes changed by the sync. */
    public static final AuditAction USER_UPDATE = new AuditAction(Area.USER, "update");
    public static final AuditAction USER_IDENTITY_PROOF = new AuditAction(Area.USER, "identityProof");
    /** A new user created with a smartphone to activate by link (the Duo API's {@code enroll}). */
    public static final AuditAction USER_ENROLL = new AuditAction(Area.USER, "enroll");
    public static final AuditAction DEPARTMENT_CREATE = new AuditAction(Area.DEPARTMENT, "create");
    public static final AuditAction DEPARTMENT_UPDATE = new AuditAction(Area.DEPARTMENT, "update");

    public static final AuditAction DEVICE_ENROLL = new AuditAction(Area.DEVICE, "enroll");
    public static final AuditAction DEVICE_ACTIVATE = new AuditAction(Area.DEVICE, "activate");
    public static final AuditAction DEVICE_ACTIVATION_LINK = new AuditAction(Area.DEVICE, "activationLink");
    public static final AuditAction DEVICE_VERIFY_NUMBER = new AuditAction(Area.DEVICE, "verifyNumber");
    public static final AuditAction DEVICE_RENAME = new AuditAction(Area.DEVICE, "rename");
    public static final AuditAction DEVICE_PREFERENCES = new AuditAction(Area.DEVICE, "preferences");
    public static final AuditAction DEVICE_DISABLE = new AuditAction(Area.DEVICE, "disable");
    public static final AuditAction DEVICE_REMOVE = new AuditAction(Area.DEVICE, "remove");
    /** A security key's or passkey's registration ceremony refused (the key is not added). */
    public static final AuditAction DEVICE_SECURITY_KEY = new AuditAction(Area.DEVICE, "securityKey");
    /** The Twofold approval app registered its push subscription and device key with its one-time code (or was refused). */
    public static final AuditAction DEVICE_APP_REGISTER = new AuditAction(Area.DEVICE, "appRegister");
    /** The approval app's browser renewed its push subscription and the app sent the new one, signed by its device key (or was refused). */
    public static final AuditAction DEVICE_APP_RENEW = new AuditAction(Area.DEVICE, "appRenew");
    /** The approval app's push subscription is gone (404/410 from its push service): the device needs re-enrollment. */
    public static final AuditAction DEVICE_STALE = new AuditAction(Area.DEVICE, "stale");
    public static final AuditAction TOKEN_IMPORT = new AuditAction(Area.TOKEN, "import");
    public static final AuditAction TOKEN_ASSIGN = new AuditAction(Area.TOKEN, "assign");
    public static final AuditAction TOKEN_RESYNC = new AuditAction(Area.TOKEN, "resync");
    public static final AuditAction TOKEN_REQUEST = new AuditAction(Area.TOKEN, "request");
    public static final AuditAction TOKEN_APPROVE = new AuditAction(Area.TOKEN, "approve");
    public static final AuditAction TOKEN_DENY = new AuditAction(Area.TOKEN, "deny");
    public static final AuditAction BROWSER_REMEMBER = new AuditAction(Area.BROWSER, "remember");
    public static final AuditAction BROWSER_FORGET = new AuditAction(Area.BROWSER, "forget");

    public static final AuditAction PASSCODE_TEMPORARY = new AuditAction(Area.PASSCODE, "temporary");
    public static final AuditAction SMS_BATCH = new AuditAction(Area.SMS, "batch");
    public static final AuditAction PUSH_FRAUD = new AuditAction(Area.PUSH, "fraud");
    /** An approval app's signed answer to a push; refused when the signature or the device is wrong. */
    public static final AuditAction PUSH_ANSWER = new AuditAction(Area.PUSH, "answer");
    /** An approval app asking for its waiting requests; refused when its signature is wrong or stale. */
    public static final AuditAction PUSH_LIST = new AuditAction(Area.PUSH, "list");
    /** A Web Push message its push service did not accept. */
    public static final AuditAction PUSH_DELIVERY = new AuditAction(Area.PUSH, "delivery");
    public static final AuditAction PHONE_OPEN = new AuditAction(Area.PHONE, "open");
    public static final AuditAction NOTICE_BYPASS_CODE = new AuditAction(Area.NOTICE, "bypassCode");

    public static final AuditAction INTEGRATION_CREATE = new AuditAction(Area.INTEGRATION, "create");
    public static final AuditAction INTEGRATION_DISABLE = new AuditAction(Area.INTEGRATION, "disable");
    public static final AuditAction INTEGRATION_AUTHENTICATE = new AuditAction(Area.INTEGRATION, "authenticate");
    public static final AuditAction INTEGRATION_RATE = new AuditAction(Area.INTEGRATION, "rate");
    public static final AuditAction INTEGRATION_RETURN_URL = new AuditAction(Area.INTEGRATION, "returnUrl");
    public static final AuditAction HOSTED_PROMPT = new AuditAction(Area.HOSTED, "prompt");
    public static final AuditAction HOSTED_RESULT = new AuditAction(Area.HOSTED, "result");
    public static final AuditAction OPERATOR_CREATE = new AuditAction(Area.OPERATOR, "create");
    public static final AuditAction OPERATOR_LOGIN = new AuditAction(Area.OPERATOR, "login");
    public static final AuditAction HELPDESK_DESCRIBE = new AuditAction(Area.HELPDESK, "describe");
    /** A console operation that succeeded (who called what, about whom). */
    public static final AuditAction JMX_CALL = jmx("call");
    public static final AuditAction POLICY_CHANGE = new AuditAction(Area.POLICY, "change");
    public static final AuditAction DATABASE_BACKUP = new AuditAction(Area.DATABASE, "backup");
    public static final AuditAction DELIVERY = new AuditAction(Area.DELIVERY, "");
    public static final AuditAction CARRIER_CALLBACK = new AuditAction(Area.CARRIER, "callback");
    public static final AuditAction PAGE_POST = page("post");
    public static final AuditAction DIRECTORY_SYNC = new AuditAction(Area.DIRECTORY, "sync");
    public static final AuditAction RADIUS_CLIENT_CREATE = new AuditAction(Area.RADIUS, "clientCreate");
    public static final AuditAction RADIUS_CLIENT_DISABLE = new AuditAction(Area.RADIUS, "clientDisable");
    /** An Access-Request the RADIUS front end refused (dropped or rejected) before or around the domain. */
    public static final AuditAction RADIUS_REQUEST = new AuditAction(Area.RADIUS, "request");
    /** A Duo Web SDK v4 authorization request (its signed {@code request} JWT) accepted or refused. */
    public static final AuditAction UNIVERSAL_AUTHORIZE = new AuditAction(Area.UNIVERSAL, "authorize");
    /** A code issued to a Duo Web SDK v4 application once its user passed the second factor. */
    public static final AuditAction UNIVERSAL_CODE = new AuditAction(Area.UNIVERSAL, "code");
    /** A Duo Web SDK v4 code exchanged for its ID token, or refused (replayed, expired, another redirect URI, ...). */
    public static final AuditAction UNIVERSAL_TOKEN = new AuditAction(Area.UNIVERSAL, "token");
    public static final AuditAction OIDC_CLIENT_CREATE = new AuditAction(Area.OIDC, "clientCreate");
    public static final AuditAction OIDC_CLIENT_DISABLE = new AuditAction(Area.OIDC, "clientDisable");
    /** Signing keys made (first use) or rotated. */
    public static final AuditAction OIDC_KEY_ROTATE = new AuditAction(Area.OIDC, "keyRotate");
    /** An authentication request refused, or answered with a code after the login. */
    public static final AuditAction OIDC_AUTHORIZE = new AuditAction(Area.OIDC, "authorize");
    /** A code redeemed at the token endpoint, or refused there. */
    public static final AuditAction OIDC_TOKEN = new AuditAction(Area.OIDC, "token");
    public static final AuditAction OIDC_USERINFO = new AuditAction(Area.OIDC, "userinfo");
    public static final AuditAction OIDC_END_SESSION = new AuditAction(Area.OIDC, "endSession");
    /** The count of refusals from one source in one window, beyond those written one by one ({@link RefusalSummaries}). */
    public static final AuditAction AUDIT_SUMMARY = new AuditAction(Area.AUDIT, "summary");

    public AuditAction {
        if (area == null || name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("An audit action is an area and a name of letters and underscores: " + area + " " + name);
        }
    }

    /** The second-factor decision of a factor, named by its keyword ({@code push}, {@code passcode}, ...). */
    public static AuditAction auth(String factorKeyword) {
        return new AuditAction(Area.AUTH, factorKeyword);
    }

    /** A SOAP operation refused by the SOAP boundary itself. */
    public static AuditAction soap(String operation) {
        return named(Area.SOAP, operation);
    }

    /** A Duo-compatible API endpoint's request, as that boundary names it. */
    public static AuditAction duo(String endpoint) {
        return named(Area.DUO, endpoint);
    }

    /** A page's request refused by the pages themselves. */
    public static AuditAction page(String name) {
        return named(Area.PAGE, name);
    }

    /** A console (JMX) operation, named by its MBean operation. */
    public static AuditAction jmx(String operation) {
        return named(Area.JMX, operation);
    }

    /**
     * A boundary's action named by what a request said (an operation, an endpoint): a name that is
     * not one of letters and underscores becomes {@code unknown} — a request never chooses what the
     * trail's vocabulary holds.
     */
    private static AuditAction named(Area area, String name) {
        return new AuditAction(area, name != null && !name.isEmpty() && name.length() <= 64 && NAME.matcher(name).matches() ? name : "unknown");
    }

    /** What the trail stores and shows: {@code area.name}, or the area's word alone. */
    public String code() {
        return name.isEmpty() ? area.word() : area.word() + "." + name;
    }

    /** Whether the {@link Statistics} count its outcomes: authentication decisions, and lockouts. */
    public boolean counted() {
        return area.decisions() || equals(USER_LOCKOUT);
    }

    @Override
    public String toString() {
        return code();
    }
}
