package org.twofold.auth;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.Optional;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;
import org.twofold.audit.Actor;
import org.twofold.delivery.Carriers;
import org.twofold.device.Devices;
import org.twofold.passcode.SmsPasscodes;
import org.twofold.policy.Policies;

/**
 * The services behind the login prompt page that no other boundary needs: what to offer a user
 * ({@link PromptChoices}) and the status bar's SMS hint. Starting, following and cancelling a
 * factor are {@link SecondFactor} and {@link Transactions}; passcodes {@code PasscodeVerifier}.
 */
@Stateless
public class AuthenticationPrompt {
    @Inject
    private Devices devices;

    @Inject
    private Policies policies;

    @Inject
    private SmsPasscodes sms;

    @Inject
    private Transactions transactions;

    @Inject
    private RememberedBrowsers browsers;

    @Inject
    private org.twofold.audit.AuditTrail audit;

    @Inject
    private Carriers carriers;

    public PromptChoices choices(String username) {
        return PromptChoices.of(devices.list(username), policies.current(), carriers.channels());
    }

    /** "Next SMS passcode starts with N.": the digit N, if the user has a live texted code. */
    public Optional<String> nextSmsHint(String username) {
        return sms.nextCodeHint(username);
    }

    /**
     * Cancels the user's own pending request {@code txid} ("Cancel" on the prompt); a request
     * that has already ended is left as it is.
     */
    public TxView cancel(Actor actor, String username, String txid) {
        AuthTransaction t = transactions.lock(txid);
        if (!t.getUser().getUsername().equals(username)) {
            throw new TwofoldException(ErrorCode.UNKNOWN_TRANSACTION);
        }
        return t.getState().pending() ? transactions.cancel(actor, txid) : TxView.of(t);
    }

    /**
     * Whether the browser's remember-me {@code token} lets {@code username} skip the second factor
     * for {@code application} ("Remember me for 8 hours"); a skip is audited as {@code auth.remembered}.
     */
    public boolean rememberedLogin(Actor actor, String username, String application, String token) {
        boolean remembered = browsers.isRemembered(username, application, token);
        if (remembered) {
            audit.record(actor, username, "auth.remembered", "allow", null, application);
        }
        return remembered;
    }
}
