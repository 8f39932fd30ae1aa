package org.twofold;

/**
 * The stable codes of requests Twofold cannot serve. Each boundary maps them in one place (a SOAP
 * fault's {@code detail/code}, a JMX exception message, a page message). A code's number and name
 * are public once released: never renumber or rename one, only add.
 */
public enum ErrorCode {
    MALFORMED_REQUEST(100, "The request could not be read."),
    MISSING_FIELD(103, "A required field is missing."),
    INVALID_VALUE(104, "A field has a value that is not allowed."),
    INVALID_DATE(106, "A date is not written YYYY-MM-DD."),
    FACTOR_NOT_ALLOWED(105, "This factor is not allowed by policy."),
    CREDENTIALS_REQUIRED(200, "This operation needs integration credentials (WS-Security UsernameToken)."),
    INVALID_CREDENTIALS(201, "The integration credentials are not valid."),
    UNKNOWN_USER(300, "No such user."),
    USER_LOCKED_OUT(301, "This user is locked out; the help desk can unlock."),
    USER_DISABLED(303, "This user is disabled."),
    USER_EXISTS(302, "A user with this username already exists."),
    DEVICE_NOT_FOUND(310, "No such device."),
    NO_CAPABLE_DEVICE(311, "No active device of this user can do this."),
    TOKEN_NOT_FOUND(320, "No such hardware token."),
    TOKEN_EXISTS(321, "A hardware token with this serial is already imported."),
    TOKEN_ASSIGNED(322, "This hardware token is already assigned."),
    OPERATOR_EXISTS(330, "An operator with this name already exists."),
    UNKNOWN_TRANSACTION(340, "No such transaction."),
    TRANSACTION_FINISHED(341, "This transaction has already ended."),
    NOT_PERMITTED(403, "This operation is not permitted for your role."),
    TOO_MANY_REQUESTS(429, "Too many requests; try again later."),
    SERVER_ERROR(500, "The server could not complete the request."),
    DELIVERY_FAILED(502, "The message or call could not be delivered; try another method."),
    BACKUP_FAILED(503, "The backup could not be made."),
    UNKNOWN_APPLICATION(350, "No such application for the hosted prompt, or it has no registered return URL."),
    UNKNOWN_OPERATION(101, "No such operation."),
    SCHEMA_INVALID(102, "The request does not match the schema."),
    TOKEN_NOT_APPROVED(323, "No approved hardware-token request: the user's department approver must approve one first."),
    NO_APPROVER(324, "The user's department has no hardware-token approver."),
    TOKEN_REQUEST_NOT_FOUND(325, "No such pending hardware-token request for this approver."),
    ACTIVATION_INVALID(312, "This activation code is not valid, already used or expired."),
    NO_DIRECTORY(370, "No directory is configured (TWOFOLD_LDAP_URL)."),
    DIRECTORY_USER(371, "This user's password is the directory's: it is changed in the directory, not in Twofold."),
    DIRECTORY_UNAVAILABLE(504, "The directory does not answer; try again later."),
    DIRECTORY_SYNC_RUNNING(372, "A directory sync is running; try again when it has finished."),
    STEP_UP_REQUIRED(360, "This change needs a second factor proven in this session within the last minutes (PortalStepUpMinutes)."),
    SECURITY_KEY_REFUSED(313, "The security key's answer could not be verified, or the key is already registered."),
    PUSH_ANSWER_REFUSED(314, "The approval app's answer could not be verified: it is not signed by the device the request went to.");

    private final int number;
    private final String text;

    ErrorCode(int number, String text) {
        this.number = number;
        this.text = text;
    }

    /** The stable numeric code published in SOAP faults and the README. */
    public int number() {
        return number;
    }

    /** The default English text; boundaries may show a localised one. */
    public String text() {
        return text;
    }
}
