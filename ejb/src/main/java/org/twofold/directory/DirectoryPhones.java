package org.twofold.directory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.twofold.TwofoldException;
import org.twofold.device.DeviceKind;
import org.twofold.device.PhoneNumber;

/**
 * The phone numbers the directory has for a user (its mobile and telephone attributes), offered as
 * devices to enroll — never trusted: a number from the directory becomes a device only through the
 * enrollment every other number goes through (a mobile phone receives a texted code, a landline a
 * call that reads one, and the person types it back). A directory number is not offered when it does
 * not parse as a phone number, or when a device of the user (enrolled, or being enrolled) already
 * has its masked form — its last four digits (enrolled numbers are sealed; their last four are what
 * Twofold compares without opening them).
 */
public final class DirectoryPhones {

    /** Which of the directory's numbers. */
    public enum Source {
        /** The mobile attribute: enrolled as a mobile phone (a texted code). */
        MOBILE(DeviceKind.MOBILE_PHONE),
        /** The telephone attribute: enrolled as a landline (a call that reads a code). */
        TELEPHONE(DeviceKind.LANDLINE);

        private final DeviceKind kind;

        Source(DeviceKind kind) {
            this.kind = kind;
        }

        public DeviceKind kind() {
            return kind;
        }
    }

    /** A number to offer: where it comes from, and as users see numbers ({@code XXX-XXX-0105}). */
    public record Offer(Source source, String maskedNumber) {
    }

    private DirectoryPhones() {
    }

    /** The offers for a user with these directory numbers (either may be null) and these devices' masked numbers. */
    public static List<Offer> offered(String mobile, String telephone, Set<String> enrolledMasked) {
        List<Offer> offers = new ArrayList<>();
        add(offers, Source.MOBILE, mobile, enrolledMasked);
        add(offers, Source.TELEPHONE, telephone, enrolledMasked);
        return List.copyOf(offers);
    }

    private static void add(List<Offer> offers, Source source, String number, Set<String> enrolledMasked) {
        PhoneNumber parsed = parse(number);
        if (parsed != null && !enrolledMasked.contains(parsed.masked())
                && offers.stream().noneMatch(o -> o.maskedNumber().equals(parsed.masked()))) {
            offers.add(new Offer(source, parsed.masked()));
        }
    }

    /** The directory's number as a phone number, or null if it is none Twofold can call or text. */
    public static PhoneNumber parse(String number) {
        if (number == null || number.isBlank()) {
            return null;
        }
        try {
            return PhoneNumber.parse(number);
        } catch (TwofoldException notANumber) {
            return null;
        }
    }
}
