package org.twofold.web.portal;

import java.io.Serializable;
import org.twofold.directory.DirectoryPhones;

/** A phone number the directory has for the user, offered to enroll (a class with getters: EL cannot read records). */
public final class DirectoryPhoneRow implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final String kind;
    private final String maskedNumber;

    DirectoryPhoneRow(DirectoryPhones.Offer offer) {
        this.source = offer.source().name();
        this.kind = offer.source().kind().name();
        this.maskedNumber = offer.maskedNumber();
    }

    /** {@code MOBILE} or {@code TELEPHONE}: what the page posts back. */
    public String getSource() {
        return source;
    }

    /** The device kind it becomes, for the label ({@code portal.kind.<kind>}). */
    public String getKind() {
        return kind;
    }

    public String getMaskedNumber() {
        return maskedNumber;
    }
}
