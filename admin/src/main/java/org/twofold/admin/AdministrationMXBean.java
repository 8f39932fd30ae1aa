package org.twofold.admin;

/** {@code org.twofold:type=Administration}: users, tokens, integrations and operators. */
public interface AdministrationMXBean {

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

    @Description("Assigns a token in stock to a user directly (administrator's bulk provisioning; audited).")
    String assignToken(@Param("username") String username, @Param("serial") String serial);

    @Description("Creates a SOAP integration; returns its integration key and secret (the secret is shown only this once).")
    NewIntegration createIntegration(@Param(value = "name", description = "e.g. the VPN gateway's name") String name);

    @Description("Creates a console operator with role helpdesk or admin (password at least 12 characters).")
    String createOperator(@Param("name") String name, @Param("password") String password,
                          @Param(value = "role", description = "helpdesk or admin") String role);
}
