package org.twofold.bypass;

/** Why a self-service bypass code was not issued (the person sees one text; the audit keeps this). */
public enum BypassRefusal {
    /** The date of birth and PIN/SSN did not match (counts toward lockout). */
    PROOF_MISMATCH,
    /** The user never set up an identity proof. */
    NO_IDENTITY_PROOF,
    /** Policy does not accept this kind of proof (PIN or SSN). */
    PROOF_NOT_ACCEPTED,
    /** Locked out, disabled, or over the hourly cap of failures. */
    NOT_ALLOWED
}
