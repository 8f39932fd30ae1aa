package org.twofold.web.portal;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.twofold.audit.Actor;
import org.twofold.auth.Authentication;
import org.twofold.bypass.BypassCodes;
import org.twofold.policy.Policies;
import org.twofold.policy.Policy;
import org.twofold.user.IdentityProof;
import org.twofold.user.Usernames;

/**
 * Backs {@code /bypass}, "I don't have my phone" (seed "No Duo Mobile"): username and password,
 * then the identity proof — date of birth plus the last 4 digits of the SSN or a PIN, as policy
 * accepts — then a bypass code shown once with its validity. The username proven by the password
 * is held on the server, never in a form field. Every wrong answer counts toward the user's
 * lockout and shows one text, whatever was wrong; the audit keeps why.
 */
@Named
@ViewScoped
public class NoPhone implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Where the visitor is. */
    public enum Step {
        PASSWORD, PROOF, CODE
    }

    @EJB
    private Authentication auth;

    @EJB
    private BypassCodes bypassCodes;

    @EJB
    private Policies policies;

    private Step step = Step.PASSWORD;
    private String username;
    private transient String password;
    private String provenUser;
    private String dateOfBirth;
    private String proofKind;
    private transient String proofValue;
    private String code;
    private int validMinutes;

    public void logIn() {
        if (step != Step.PASSWORD) {
            return; // a repeated post of the password form: the visitor is past that step
        }
        var verdict = auth.password(username, password == null ? new char[0] : password.toCharArray(), PageMessages.origin());
        password = null;
        if (verdict.allowed()) {
            provenUser = Usernames.canonical(username);
            step = Step.PROOF;
        } else {
            PageMessages.error(verdict.reason() == org.twofold.auth.Verdict.Reason.DIRECTORY_UNAVAILABLE ? "login.unavailable" : "login.failed");
        }
    }

    public void prove() {
        if (step != Step.PROOF) {
            return; // a repeated post of the proof once the code is shown: no second code, no failure counted
        }
        IdentityProof.Kind kind;
        try {
            kind = IdentityProof.Kind.valueOf(proofKind == null ? "" : proofKind);
        } catch (IllegalArgumentException e) {
            PageMessages.error("bypass.proofFailed");
            return;
        }
        BypassCodes.SelfService result;
        try {
            result = bypassCodes.issueSelfService(Actor.user(provenUser, PageMessages.origin()), provenUser, dateOfBirth, kind, proofValue);
        } catch (RuntimeException e) {
            PageMessages.error(e);
            return;
        } finally {
            proofValue = null;
        }
        if (result.succeeded()) {
            code = result.issued().code();
            validMinutes = policies.current().bypassCodeMinutes();
            step = Step.CODE;
        } else {
            PageMessages.error("bypass.proofFailed");
        }
    }

    public void startOver() {
        step = Step.PASSWORD;
        provenUser = null;
        username = null;
        code = null;
    }

    /** The kinds of proof policy accepts with the date of birth, PIN first. */
    public List<String> getProofKinds() {
        Policy p = policies.current();
        List<String> kinds = new ArrayList<>();
        if (p.identityProofPin()) {
            kinds.add(IdentityProof.Kind.PIN.name());
        }
        if (p.identityProofSsn()) {
            kinds.add(IdentityProof.Kind.SSN_LAST4.name());
        }
        return kinds;
    }

    /** The invitation to prove identity: names only the proof policy accepts when there is one. */
    public String getIdentifyKey() {
        List<String> kinds = getProofKinds();
        return kinds.size() == 1 ? "bypass.identify." + kinds.get(0) : "bypass.identify";
    }

    public Step getStep() {
        return step;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return null;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getProvenUser() {
        return provenUser;
    }

    public String getDateOfBirth() {
        return dateOfBirth;
    }

    public void setDateOfBirth(String dateOfBirth) {
        this.dateOfBirth = dateOfBirth;
    }

    public String getProofKind() {
        return proofKind;
    }

    public void setProofKind(String proofKind) {
        this.proofKind = proofKind;
    }

    public String getProofValue() {
        return null;
    }

    public void setProofValue(String proofValue) {
        this.proofValue = proofValue;
    }

    /** The bypass code, shown once on the last step. */
    public String getCode() {
        return code;
    }

    public int getValidMinutes() {
        return validMinutes;
    }
}
