package org.twofold.admin;

/**
 * {@code org.twofold:type=Administration}: users, tokens, integrations and operators. Its policy
 * attributes are not written here: there is one per {@link org.twofold.policy.PolicySetting}, added
 * by {@link PolicyAttributes}.
 */
public interface AdministrationMXBean {

    @Description("Changes a user's status: active, bypass (second factor skipped), disabled or locked_out.")
    String setUserStatus(@Param("username") String username, @Param(value = "status", description = "active, bypass, disabled or locked_out") String status);

    @Description("Creates a department (or changes its approver), whose approver approves hardware tokens.")
    String createDepartment(@Param("name") String name, @Param(value = "approverUsername", description = "the approver's username") String approverUsername);

    @Description("Creates a user (username e.g. a university ID).")
    String createUser(@Param(value = "username", description = "1-64 letters, digits, . _ - @") String username,
                      @Param(value = "displayName", description = "the person's name") String displayName,
                      @Param(value = "department", description = "the user's department") String department);

    @Description("Sets a user's primary password (at least 8 characters); stored only as a slow salted hash.")
    String setUserPassword(@Param("username") String username,
                           @Param(value = "password", description = "the new primary password") String password);

    @Description("Imports a hardware token into stock: serial, kind (hotp or totp), Base32 secret, digits (6-8).")
    String importToken(@Param("serial") String serial,
                       @Param(value = "kind", description = "hotp or totp") String kind,
                       @Param(value = "secretBase32", description = "the token's seed in Base32, at least 128 bits") String secretBase32,
                       @Param(value = "digits", description = "6, 7 or 8") int digits);

    @Description("Imports hardware tokens from a PSKC file (RFC 6030) with plain secrets; returns one line per key: imported or refused and why.")
    String[] importTokensPskc(@Param(value = "xml", description = "the PSKC document") String xml);

    @Description("Imports hardware tokens from a password-protected PSKC file (RFC 6030, PBKDF2); one line per key.")
    String[] importTokensPskc(@Param(value = "xml", description = "the PSKC document") String xml,
                              @Param(value = "password", description = "the file's password") String password);

    @Description("Assigns a token in stock to a user directly (administrator's bulk provisioning; audited).")
    String assignToken(@Param("username") String username, @Param("serial") String serial);

    @Description("Creates a SOAP integration; returns its integration key and secret (the secret is shown only this once).")
    NewIntegration createIntegration(@Param(value = "name", description = "e.g. the VPN gateway's name") String name);

    @Description("Creates a console operator with role helpdesk or admin (password at least 12 characters).")
    String createOperator(@Param("name") String name, @Param("password") String password,
                          @Param(value = "role", description = "helpdesk or admin") String role);

    @Description("Backs up the embedded database online (consistent, while Twofold keeps serving) with the data key into a new "
            + "directory twofold-backup-<UTC time> under the given one, on the server; returns its path. Restore: start Twofold with "
            + "TWOFOLD_DATA_DIR set to a copy of it.")
    String backup(@Param(value = "directory", description = "a directory on the server, created if missing") String directory);

    @Description("Registers where the hosted login prompt returns users of an integration (absolute http(s) URL); the integration then may send users to /?app=<integration key>&state=<opaque>.")
    String setIntegrationReturnUrl(@Param(value = "name", description = "the integration's name") String name,
                                   @Param(value = "url", description = "e.g. https://app.example.edu/mfa/return") String url);

    @Description("Disables a SOAP integration: its credentials are refused from now on.")
    void disableIntegration(@Param(value = "integrationKey", description = "the integration key, DI...") String integrationKey);

    @Description("Registers a RADIUS client (a VPN gateway or other NAS) allowed to send Access-Requests from an address or CIDR block; "
            + "returns its shared secret (shown only this once). Mode password+mfa: User-Password is the password, then a comma and the "
            + "second password (password,push; password,123456), without one the default factor; mode password+challenge: the same, "
            + "but a password alone gets an Access-Challenge with a menu of the user's factors; mode mfa-only: User-Password is the second password alone.")
    NewRadiusClient createRadiusClient(@Param(value = "name", description = "e.g. the VPN gateway's name") String name,
                                       @Param(value = "addressOrCidr", description = "the NAS's address or block, e.g. 192.0.2.7 or 10.20.0.0/16") String addressOrCidr,
                                       @Param(value = "mode", description = "password+mfa, password+challenge or mfa-only") String mode);

    @Description("Disables a RADIUS client: its packets are dropped (and counted) from now on.")
    String disableRadiusClient(@Param(value = "name", description = "the RADIUS client's name") String name);

    @Description("Registers an OpenID Connect relying party (a web application, e.g. Apache with mod_auth_openidc); returns its client id "
            + "and, for a confidential client, its client secret (shown only this once). Type confidential: a server that keeps the secret "
            + "(client_secret_basic or client_secret_post); type public: a browser or native application without one, which must use PKCE S256. "
            + "Redirect URIs are absolute https URLs (http only on localhost), matched exactly.")
    NewOidcClient createOidcClient(@Param(value = "name", description = "e.g. Library web") String name,
                                   @Param(value = "redirectUris", description = "the application's callback URL(s), separated by spaces or commas, "
                                           + "e.g. https://library.example.edu/oidc/callback") String redirectUris,
                                   @Param(value = "type", description = "public or confidential") String type);

    @Description("Disables an OpenID Connect client: it can no longer start a login or redeem a code.")
    String disableOidcClient(@Param(value = "clientId", description = "the client id (OC...) or the client's name") String clientId);

    @Description("Makes new OpenID Connect signing keys (RS256 and ES256) and retires the current ones, which stay published in the JWK set "
            + "until every token they signed has expired.")
    String rotateOidcSigningKeys();

    @Description("Syncs users from the directory (TWOFOLD_LDAP_URL) now: creates new directory users, updates changed ones, disables those "
            + "gone from the directory (devices kept; never deletes). Returns one line: created, updated, disabled, unchanged, errors, duration.")
    String syncDirectory();
}
