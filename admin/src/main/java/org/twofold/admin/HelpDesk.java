package org.twofold.admin;

import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.twofold.audit.AuditAction;
import org.twofold.audit.AuditEvent;
import org.twofold.audit.AuditTrail;
import org.twofold.auth.RememberedBrowsers;
import org.twofold.bypass.BypassCodes;
import org.twofold.bypass.IssuedBypass;
import org.twofold.device.DeviceView;
import org.twofold.device.Devices;
import org.twofold.device.Enrollment;
import org.twofold.device.TokenInventory;
import org.twofold.device.TokenRequestView;
import org.twofold.device.TokenRequests;
import org.twofold.user.IdentityProof;
import org.twofold.user.User;
import org.twofold.user.Usernames;
import org.twofold.user.Users;

/** The HelpDesk MBean: each operation calls one domain service as the calling operator. */
final class HelpDesk implements HelpDeskMXBean {
    private final Users users;
    private final Devices devices;
    private final Enrollment enrollment;
    private final BypassCodes bypass;
    private final RememberedBrowsers browsers;
    private final AuditTrail audit;
    private final TokenRequests tokenRequests;
    private final TokenInventory tokens;
    private final org.twofold.directory.DirectoryAccounts directoryAccounts;

    HelpDesk(Users users, Devices devices, Enrollment enrollment, BypassCodes bypass, RememberedBrowsers browsers, AuditTrail audit,
             TokenRequests tokenRequests, TokenInventory tokens, org.twofold.directory.DirectoryAccounts directoryAccounts) {
        this.directoryAccounts = directoryAccounts;
        this.tokens = tokens;
        this.tokenRequests = tokenRequests;
        this.users = users;
        this.devices = devices;
        this.enrollment = enrollment;
        this.bypass = bypass;
        this.browsers = browsers;
        this.audit = audit;
    }

    @Override
    public String[] findUsers(String query) {
        return users.search(query, 50).stream().map(HelpDesk::line).toArray(String[]::new);
    }

    @Override
    public String describeUser(String username) {
        User u = users.require(CurrentOperator.actor(), username, AuditAction.HELPDESK_DESCRIBE);
        List<DeviceView> all = devices.list(u.getUsername());
        long stale = all.stream().filter(d -> d.state() == org.twofold.device.DeviceState.STALE).count();
        return line(u) + ", " + u.getConsecutiveFailures() + " consecutive failures, " + all.size() + " device(s)"
                + (stale == 0 ? "" : " (" + stale + " stale: needs re-enrollment of the approval app)")
                + source(u) + offeredPhones(u) + (u.hasIdentityProof() ? ", identity proof set" : ", no identity proof");
    }

    /** The directory's numbers not yet enrolled: {@code , from the directory (not enrolled): mobile XXX-XXX-0105, telephone XXX-XXX-4357}. */
    private String offeredPhones(User u) {
        List<org.twofold.directory.DirectoryPhones.Offer> offers = directoryAccounts.offeredPhones(u.getUsername());
        return offers.isEmpty() ? "" : ", from the directory (not enrolled): " + offers.stream()
                .map(o -> o.source().name().toLowerCase(Locale.ROOT) + " " + o.maskedNumber()).collect(java.util.stream.Collectors.joining(", "));
    }

    /** Where the user comes from: {@code , source local}, or the directory with when a sync last found it (and since when it is gone). */
    private static String source(User u) {
        if (!u.isFromDirectory()) {
            return ", source local";
        }
        return ", source directory (last sync " + (u.getDirectorySyncedAt() == null ? "never" : u.getDirectorySyncedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                + (u.getDirectoryGoneAt() == null ? "" : ", gone from the directory since " + u.getDirectoryGoneAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)) + ")";
    }

    private static String line(User u) {
        return u.getUsername() + " (" + (u.getDisplayName() == null ? "" : u.getDisplayName()) + ", "
                + (u.getDepartment() == null ? "no department" : u.getDepartment()) + ") " + u.getStatus().name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String[] listDevices(String username) {
        return devices.list(username).stream().map(HelpDesk::line).toArray(String[]::new);
    }

    private static String line(DeviceView d) {
        return d.id() + " " + d.kind().name().toLowerCase(Locale.ROOT) + " '" + d.name() + "'"
                + (d.maskedNumber() == null ? "" : " " + d.maskedNumber()) + (d.extension() == null ? "" : " ext. " + d.extension())
                + " " + d.state().name().toLowerCase(Locale.ROOT) + (d.state() == org.twofold.device.DeviceState.STALE ? " (needs re-enrollment)" : "")
                + " [" + d.capabilities() + "]" + (d.app() ? " approval app" : "");
    }

    @Override
    public String[] recentAuthentications(String username, int count) {
        return audit.forUser(Usernames.canonical(username), count).stream().map(AuditEvent::toString).toArray(String[]::new);
    }

    @Override
    public String disableDevice(String username, long deviceId) {
        devices.disable(CurrentOperator.actor(), username, deviceId);
        return "Disabled device " + deviceId + " of " + username;
    }

    @Override
    public String enrollLandline(String username, String number, String extension, String name) {
        return "Enrolled " + line(enrollment.enrollLandline(CurrentOperator.actor(), username, number, extension, name));
    }

    @Override
    public String enrollSmartphone(String username, String number, String name) {
        var e = enrollment.inviteSmartphone(CurrentOperator.actor(), username, number, name);
        return "Enrolled device " + e.deviceId() + " (pending until activated); add to the authenticator app (shown once): " + e.otpauthUri()
                + " ; activation link, texted to " + e.maskedNumber() + ": " + e.link();
    }

    @Override
    public String[] listFraudReports(int count) {
        return audit.ofAction(AuditAction.PUSH_FRAUD, count).stream().map(AuditEvent::toString).toArray(String[]::new);
    }

    @Override
    public String enrollPhone(String username, String number, String name) {
        return "Enrolled " + line(enrollment.enrollPhone(CurrentOperator.actor(), username, number, name));
    }

    @Override
    public String issueTemporaryPasscode(String username, int validHours, int uses) {
        IssuedBypass p = bypass.issueTemporary(CurrentOperator.actor(), username, validHours, uses);
        return "Temporary passcode for " + username + ": " + p.code() + " (valid until "
                + DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(p.expiresAt().atOffset(ZoneOffset.UTC).withNano(0)) + " UTC, " + p.uses() + " use(s))";
    }

    @Override
    public String unlockUser(String username) {
        users.unlock(CurrentOperator.actor(), username);
        return "Unlocked " + username;
    }

    @Override
    public String forgetRememberedBrowsers(String username) {
        return "Forgot " + browsers.forgetAll(CurrentOperator.actor(), username) + " remembered browser(s) of " + username;
    }

    @Override
    public String requestHardwareToken(String username) {
        TokenRequestView r = tokenRequests.request(CurrentOperator.actor(), username);
        return "Hardware-token request " + r.getId() + " of " + r.getUsername() + " (" + r.getDepartment() + ") is " + r.getStateName()
                + "; approver: " + tokenRequests.approverFor(r.getUsername()).orElse("none");
    }

    @Override
    public String assignHardwareToken(String username, String serial) {
        var device = tokenRequests.assign(CurrentOperator.actor(), username, serial);
        return "Assigned hardware token " + device.getSerial() + " to " + username + " as device " + device.getId();
    }

    @Override
    public String issueSecurityKeyLink(String username) {
        var k = enrollment.inviteSecurityKey(CurrentOperator.actor(), username);
        return "Security-key link for " + username + " (device " + k.deviceId() + ", pending until a key is registered; valid until "
                + DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(k.expiresAt().atOffset(ZoneOffset.UTC).withNano(0)) + " UTC, once): " + k.link();
    }

    @Override
    public String resyncToken(String username, String serial, String code1, String code2) {
        return tokens.resynchronize(CurrentOperator.actor(), username, serial, code1, code2)
                ? "Resynchronised hardware token " + serial.trim() + " of " + username
                : "Not resynchronised: the two codes are not consecutive codes of token " + serial + " within "
                        + org.twofold.device.DeviceCodes.RESYNC_SEARCH + " codes ahead (counted as a failed attempt)";
    }

    @Override
    public String setIdentityProof(String username, String dateOfBirth, String pin, String ssnLast4) {
        users.setIdentityProof(CurrentOperator.actor(), username, IdentityProof.dateOfBirth(dateOfBirth), ssnLast4, pin);
        return "Identity proof of " + username + " set";
    }
}
