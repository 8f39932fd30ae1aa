package org.twofold.admin;

/**
 * {@code org.twofold:type=HelpDesk}: rescuing users — find them, see their devices, disable a lost
 * phone, enroll a landline or a spare phone, issue a temporary passcode, unlock, forget remembered
 * browsers.
 */
public interface HelpDeskMXBean {

    @Description("Finds users whose username or display name contains the text (at most 50).")
    String[] findUsers(@Param(value = "query", description = "part of a username or name") String query);

    @Description("A user's name, department, status, failure count, number of devices, and source (local, or directory with its last sync).")
    String describeUser(@Param("username") String username);

    @Description("A user's devices in index order: id, kind, name, masked number, state, capabilities.")
    String[] listDevices(@Param("username") String username);

    @Description("A user's most recent authentications and changes, newest first.")
    String[] recentAuthentications(@Param("username") String username, @Param(value = "count", description = "how many") int count);

    @Description("Disables a lost or stolen device at once.")
    String disableDevice(@Param("username") String username, @Param(value = "deviceId", description = "from listDevices") long deviceId);

    @Description("Enrolls a landline (calls only); the extension is dialled after the call connects.")
    String enrollLandline(@Param("username") String username, @Param(value = "number", description = "e.g. +1 410 706 4357") String number,
                          @Param(value = "extension", description = "digits, or empty") String extension, @Param("name") String name);

    @Description("Enrolls a smartphone with the authenticator app, pending until activated; returns the otpauth:// URI (shown only this once) "
            + "and the activation link, which is also texted to the number (single use, valid 24 hours).")
    String enrollSmartphone(@Param("username") String username, @Param(value = "number", description = "the phone's number") String number,
                            @Param("name") String name);

    @Description("The newest pushes users reported as 'this was not me': who, when, from where.")
    String[] listFraudReports(@Param(value = "count", description = "how many") int count);

    @Description("Enrolls a phone without the app (calls and SMS passcodes).")
    String enrollPhone(@Param("username") String username, @Param("number") String number, @Param("name") String name);

    @Description("Issues a temporary passcode (shown only this once) valid for hours and a number of uses within policy.")
    String issueTemporaryPasscode(@Param("username") String username, @Param(value = "validHours", description = "1 to the policy maximum") int validHours,
                                  @Param(value = "uses", description = "1 to the policy maximum") int uses);

    @Description("Unlocks a locked-out user and clears the failure count.")
    String unlockUser(@Param("username") String username);

    @Description("Forgets every remembered browser of the user.")
    String forgetRememberedBrowsers(@Param("username") String username);

    @Description("Requests a hardware token (key fob) for the user; the approver of the user's department approves it in the portal.")
    String requestHardwareToken(@Param("username") String username);

    @Description("Hands the user a hardware token from stock; refused (TOKEN_NOT_APPROVED) until the department approver approved a request, "
            + "which this uses up.")
    String assignHardwareToken(@Param("username") String username, @Param(value = "serial", description = "the token's serial, imported before") String serial);

    @Description("Fulfils the user's approved hardware-token request with a security key instead of a token from stock: returns an "
            + "activation link (single use, 24 hours) to give the person with the key; registering a security key or passkey there uses the "
            + "approval up. Refused (TOKEN_NOT_APPROVED) without an approved request.")
    String issueSecurityKeyLink(@Param("username") String username);

    @Description("Resynchronises a user's drifted HOTP hardware token (RFC 4226 §7.4) from two consecutive codes the user reads off it; "
            + "a pair that is not found counts as a failed attempt.")
    String resyncToken(@Param("username") String username, @Param(value = "serial", description = "the token's serial") String serial,
                       @Param(value = "code1", description = "a code shown by the token") String code1,
                       @Param(value = "code2", description = "the next code it shows") String code2);

    @Description("Sets (or replaces) a user's identity proof for 'I don't have my phone' (/bypass): date of birth with a PIN, the SSN's "
            + "last 4 digits, or both (leave one empty); stored only as slow salted hashes, never shown again.")
    String setIdentityProof(@Param("username") String username, @Param(value = "dateOfBirth", description = "YYYY-MM-DD") String dateOfBirth,
                            @Param(value = "pin", description = "4 to 8 digits, or empty") String pin,
                            @Param(value = "ssnLast4", description = "the SSN's last 4 digits, or empty") String ssnLast4);
}
