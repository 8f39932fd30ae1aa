package org.twofold.admin;

import org.twofold.device.TokenInventory;
import org.twofold.integration.IntegrationCredentials;
import org.twofold.integration.Integrations;
import org.twofold.operator.Operators;
import org.twofold.user.Department;
import org.twofold.user.Departments;
import org.twofold.user.User;
import org.twofold.user.Users;
import org.twofold.site.Backups;

/** The Administration MBean: each operation calls one domain service as the calling operator. */
final class Administration implements AdministrationMXBean {
    private final Users users;
    private final TokenInventory tokens;
    private final Integrations integrations;
    private final Operators operators;
    private final Departments departments;
    private final Backups backups;

    Administration(Users users, TokenInventory tokens, Integrations integrations, Operators operators, Departments departments,
                   Backups backups) {
        this.users = users;
        this.tokens = tokens;
        this.integrations = integrations;
        this.operators = operators;
        this.departments = departments;
        this.backups = backups;
    }



    @Override
    public String setUserStatus(String username, String status) {
        users.setStatus(CurrentOperator.actor(), username, status);
        return "Status of " + username + " is now " + status;
    }

    @Override
    public String createDepartment(String name, String approverUsername) {
        Department d = departments.createOrUpdate(CurrentOperator.actor(), name, approverUsername);
        return "Department " + d.getName() + ", approver " + d.getApprover();
    }

    @Override
    public String createUser(String username, String displayName, String department) {
        User user = users.create(CurrentOperator.actor(), username, displayName, department);
        return "Created user " + user.getUsername();
    }

    @Override
    public String setUserPassword(String username, String password) {
        users.setPassword(CurrentOperator.actor(), username, password == null ? null : password.toCharArray());
        return "Password set for " + username;
    }

    @Override
    public String importToken(String serial, String kind, String secretBase32, int digits) {
        tokens.importToken(CurrentOperator.actor(), serial, kind, secretBase32, digits);
        return "Imported token " + serial;
    }

    @Override
    public String[] importTokensPskc(String xml) {
        return tokens.importPskc(CurrentOperator.actor(), xml, null).toArray(String[]::new);
    }

    @Override
    public String[] importTokensPskc(String xml, String password) {
        return tokens.importPskc(CurrentOperator.actor(), xml, password == null ? null : password.toCharArray()).toArray(String[]::new);
    }

    @Override
    public String assignToken(String username, String serial) {
        tokens.assign(CurrentOperator.actor(), username, serial);
        return "Assigned token " + serial + " to " + username;
    }

    @Override
    public NewIntegration createIntegration(String name) {
        IntegrationCredentials c = integrations.create(CurrentOperator.actor(), name);
        return new NewIntegration(c.name(), c.integrationKey(), c.secret());
    }

    @Override
    public String createOperator(String name, String password, String role) {
        operators.create(CurrentOperator.actor(), name, password == null ? null : password.toCharArray(), role);
        return "Created operator " + name;
    }

    @Override
    public String backup(String directory) {
        return "Backed up to " + backups.backup(CurrentOperator.actor(), directory)
                + " (restore: stop Twofold, start it with TWOFOLD_DATA_DIR set to a copy of that directory)";
    }

    /** The hosted prompt's service, for {@link #setIntegrationReturnUrl}. */
    private org.twofold.integration.HostedPrompt hostedPrompt;

    Administration withHostedPrompt(org.twofold.integration.HostedPrompt hostedPrompt) {
        this.hostedPrompt = hostedPrompt;
        return this;
    }

    @Override
    public String setIntegrationReturnUrl(String name, String url) {
        hostedPrompt.setReturnUrl(CurrentOperator.actor(), name, url);
        return "Return URL of " + name + " set";
    }

    @Override
    public void disableIntegration(String integrationKey) {
        integrations.disable(CurrentOperator.actor(), integrationKey);
    }

    /** The RADIUS clients' service, for {@link #createRadiusClient} and {@link #disableRadiusClient}. */
    private org.twofold.radius.RadiusClients radiusClients;

    Administration withRadiusClients(org.twofold.radius.RadiusClients radiusClients) {
        this.radiusClients = radiusClients;
        return this;
    }

    /** The directory sync, for {@link #syncDirectory}. */
    private org.twofold.directory.DirectorySync directorySync;

    Administration withDirectorySync(org.twofold.directory.DirectorySync directorySync) {
        this.directorySync = directorySync;
        return this;
    }

    @Override
    public NewRadiusClient createRadiusClient(String name, String addressOrCidr, String mode) {
        org.twofold.radius.NewRadiusClient c = radiusClients.create(CurrentOperator.actor(), name, addressOrCidr, mode);
        return new NewRadiusClient(c.name(), c.addressBlock(), c.mode().keyword(), c.sharedSecret());
    }

    @Override
    public String disableRadiusClient(String name) {
        radiusClients.disable(CurrentOperator.actor(), name);
        return "RADIUS client " + name.trim() + " disabled";
    }

    /** The OpenID Connect provider's clients and signing keys, for {@link #createOidcClient} and the operations after it. */
    private org.twofold.oidc.OidcClients oidcClients;
    private org.twofold.oidc.SigningKeys signingKeys;

    Administration withOpenIdConnect(org.twofold.oidc.OidcClients oidcClients, org.twofold.oidc.SigningKeys signingKeys) {
        this.oidcClients = oidcClients;
        this.signingKeys = signingKeys;
        return this;
    }

    @Override
    public NewOidcClient createOidcClient(String name, String redirectUris, String type) {
        org.twofold.oidc.NewOidcClient c = oidcClients.create(CurrentOperator.actor(), name, redirectUris, type);
        return new NewOidcClient(c.clientId(), c.name(), c.type().keyword(), String.join(" ", c.redirectUris()), c.clientSecret() == null ? "" : c.clientSecret());
    }

    @Override
    public String disableOidcClient(String clientId) {
        oidcClients.disable(CurrentOperator.actor(), clientId);
        return "OpenID Connect client " + clientId.trim() + " disabled";
    }

    @Override
    public String rotateOidcSigningKeys() {
        java.util.List<String> made = signingKeys.rotate(CurrentOperator.actor());
        return "New signing keys " + String.join(", ", made) + "; the previous keys stay published for "
                + org.twofold.oidc.KeyRing.PUBLISHED_AFTER_RETIREMENT.toMinutes() + " minutes";
    }

    @Override
    public String syncDirectory() {
        return directorySync.sync(CurrentOperator.actor()).line();
    }
}
