package org.twofold.admin;

import org.twofold.device.TokenInventory;
import org.twofold.integration.IntegrationCredentials;
import org.twofold.integration.Integrations;
import org.twofold.operator.Operators;
import java.util.function.UnaryOperator;
import org.twofold.policy.Policies;
import org.twofold.policy.Policy;
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
    private final Policies policies;
    private final Departments departments;
    private final Backups backups;

    Administration(Users users, TokenInventory tokens, Integrations integrations, Operators operators, Policies policies, Departments departments,
                   Backups backups) {
        this.users = users;
        this.tokens = tokens;
        this.integrations = integrations;
        this.operators = operators;
        this.policies = policies;
        this.departments = departments;
        this.backups = backups;
    }

    private Policy policy() {
        return policies.current();
    }

    private void change(UnaryOperator<Policy> change) {
        policies.change(CurrentOperator.actor(), change);
    }

    @Override
    public int getSmsBatchSize() {
        return policy().smsBatchSize();
    }

    @Override
    public void setSmsBatchSize(int value) {
        change(p -> p.withSmsBatchSize(value));
    }

    @Override
    public int getBypassCodeMinutes() {
        return policy().bypassCodeMinutes();
    }

    @Override
    public void setBypassCodeMinutes(int value) {
        change(p -> p.withBypassCodeMinutes(value));
    }

    @Override
    public int getTemporaryPasscodeMaxHours() {
        return policy().temporaryPasscodeMaxHours();
    }

    @Override
    public void setTemporaryPasscodeMaxHours(int value) {
        change(p -> p.withTemporaryPasscodeMaxHours(value));
    }

    @Override
    public int getTemporaryPasscodeMaxUses() {
        return policy().temporaryPasscodeMaxUses();
    }

    @Override
    public void setTemporaryPasscodeMaxUses(int value) {
        change(p -> p.withTemporaryPasscodeMaxUses(value));
    }

    @Override
    public int getRememberMeHours() {
        return policy().rememberMeHours();
    }

    @Override
    public void setRememberMeHours(int value) {
        change(p -> p.withRememberMeHours(value));
    }

    @Override
    public int getLockoutThreshold() {
        return policy().lockoutThreshold();
    }

    @Override
    public void setLockoutThreshold(int value) {
        change(p -> p.withLockoutThreshold(value));
    }

    @Override
    public int getPushTimeoutSeconds() {
        return policy().pushTimeoutSeconds();
    }

    @Override
    public void setPushTimeoutSeconds(int value) {
        change(p -> p.withPushTimeoutSeconds(value));
    }

    @Override
    public int getPushUnansweredMax() {
        return policy().pushUnansweredMax();
    }

    @Override
    public void setPushUnansweredMax(int value) {
        change(p -> p.withPushUnansweredMax(value));
    }

    @Override
    public int getPushUnansweredWindowMinutes() {
        return policy().pushUnansweredWindowMinutes();
    }

    @Override
    public void setPushUnansweredWindowMinutes(int value) {
        change(p -> p.withPushUnansweredWindowMinutes(value));
    }

    @Override
    public int getPushPauseAfterFraudMinutes() {
        return policy().pushPauseAfterFraudMinutes();
    }

    @Override
    public void setPushPauseAfterFraudMinutes(int value) {
        change(p -> p.withPushPauseAfterFraudMinutes(value));
    }

    @Override
    public int getCallTimeoutSeconds() {
        return policy().callTimeoutSeconds();
    }

    @Override
    public void setCallTimeoutSeconds(int value) {
        change(p -> p.withCallTimeoutSeconds(value));
    }

    @Override
    public boolean isVerifiedPush() {
        return policy().verifiedPush();
    }

    @Override
    public void setVerifiedPush(boolean value) {
        change(p -> p.withVerifiedPush(value));
    }

    @Override
    public String getAllowedFactors() {
        return policy().allowedFactorsText();
    }

    @Override
    public void setAllowedFactors(String value) {
        change(p -> p.withAllowedFactors(Policy.parseFactors(value)));
    }

    @Override
    public boolean isIdentityProofPin() {
        return policy().identityProofPin();
    }

    @Override
    public void setIdentityProofPin(boolean value) {
        change(p -> p.withIdentityProofPin(value));
    }

    @Override
    public boolean isIdentityProofSsn() {
        return policy().identityProofSsn();
    }

    @Override
    public void setIdentityProofSsn(boolean value) {
        change(p -> p.withIdentityProofSsn(value));
    }

    @Override
    public int getPortalStepUpMinutes() {
        return policy().portalStepUpMinutes();
    }

    @Override
    public void setPortalStepUpMinutes(int value) {
        change(p -> p.withPortalStepUpMinutes(value));
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
}
