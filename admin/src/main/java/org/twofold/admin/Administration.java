package org.twofold.admin;

import org.twofold.device.TokenInventory;
import org.twofold.integration.IntegrationCredentials;
import org.twofold.integration.Integrations;
import org.twofold.operator.Operators;
import org.twofold.user.User;
import org.twofold.user.Users;

/** The Administration MBean: each operation calls one domain service as the calling operator. */
final class Administration implements AdministrationMXBean {
    private final Users users;
    private final TokenInventory tokens;
    private final Integrations integrations;
    private final Operators operators;

    Administration(Users users, TokenInventory tokens, Integrations integrations, Operators operators) {
        this.users = users;
        this.tokens = tokens;
        this.integrations = integrations;
        this.operators = operators;
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
}
