package org.twofold.device;

import java.time.Instant;

/**
 * A device as users, the help desk and integrators see it: never its seed or full number.
 * {@code label} is the prompt's device selector text, e.g. {@code iOS (XXX-XXX-0105)}.
 */
public record DeviceView(long id, DeviceKind kind, String name, String maskedNumber, String extension, DeviceState state,
                         boolean push, boolean phoneCall, boolean sms, boolean passcodes, Instant enrolledAt) {

    static DeviceView of(Device d) {
        DeviceKind k = d.getKind();
        return new DeviceView(d.getId(), k, d.getName(), d.getMaskedNumber(), d.getExtension(), d.getState(),
                k.canPush(), k.canCall(), k.canSms(), d.getOtpKind() != null, d.getEnrolledAt());
    }

    public String label() {
        return maskedNumber == null ? name : name + " (" + maskedNumber + ")";
    }

    /** Capabilities as the SOAP preauth lists them: {@code push,phone,sms,mobile_otp}. */
    public String capabilities() {
        StringBuilder sb = new StringBuilder();
        if (push) {
            sb.append("push,");
        }
        if (phoneCall) {
            sb.append("phone,");
        }
        if (sms) {
            sb.append("sms,");
        }
        if (passcodes) {
            sb.append("mobile_otp,");
        }
        return sb.length() == 0 ? "" : sb.substring(0, sb.length() - 1);
    }
}
