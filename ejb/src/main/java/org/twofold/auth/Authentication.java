package org.twofold.auth;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditAction;
import org.twofold.audit.AuditTrail;
import org.twofold.delivery.Carriers;
import org.twofold.device.Devices;
import org.twofold.passcode.SmsPasscodes;
import org.twofold.policy.Factor;
import org.twofold.policy.Policies;
import org.twofold.site.IpAddress;
import org.twofold.throttle.SourceThrottle;
import org.twofold.webauthn.Ceremony;
import org.twofold.webauthn.PasskeyLogin;
import org.twofold.webauthn.SecurityKeys;
import org.twofold.webpush.AppAnswer;
import org.twofold.webpush.AppAnswers;

/**
 * The one door into authentication for every boundary — the login pages, SOAP and each front end
 * that comes after them. A boundary turns its request into these calls and the answers into its own
 * words; no rule is decided outside this facade. Per use case:
 * <ul>
 * <li>primary login: {@link #password};</li>
 * <li>"may this user log in, and how?": {@link #preauth}, {@link #choices}, {@link #rememberedLogin};</li>
 * <li>the second factor: {@link #passcode} (checked at once), {@link #securityKey} (a security key's or
 *     passkey's answer to {@link #securityKeyOptions}, checked at once), {@link #start} (a push, call or text;
 *     followed to its end unless asynchronous), {@link #secondPassword} (the legacy one-field form);</li>
 * <li>a started request: {@link #status} (long-poll friendly) and {@link #cancel}, each only for
 *     whoever started it — another integration, or another user's page, is told the request does
 *     not exist.</li>
 * </ul>
 * The facade owns the transaction: a call that decides at once (a password, a remembered browser,
 * a cancel) is one transaction with its audit rows, a passcode one transaction with the passcodes
 * that arrive with it ({@link PasscodeQueue}: one commit for all, each answered after it); a call that may wait (a
 * push or call followed to its end, a long-poll) runs each step in a transaction of its own, so
 * nothing holds a transaction or a row lock while a person answers a phone. A user locked out or without
 * a capable device is an answer ({@link Verdict.Reason#LOCKED_OUT}, {@link Verdict.Reason#NO_CAPABLE_DEVICE}),
 * not an error; a blank passcode is no attempt: refused as a missing field, audited, and counted
 * toward nothing.
 */
@Stateless
public class Authentication {
    /** The longest a synchronous push or call is followed (the longest policy time-out, and a margin). */
    static final Duration MAX_WAIT = Duration.ofSeconds(630);
    /** The longest {@link #status} long-polls. */
    public static final Duration MAX_STATUS_WAIT = Duration.ofSeconds(25);

    @EJB
    private PrimaryLogin primary;

    @EJB
    private Preauthentication preauthentication;

    @Inject
    private PasscodeQueue queue;

    @Inject
    private SourceThrottle sources;

    @EJB
    private SecondFactor second;

    @EJB
    private Transactions transactions;

    @EJB
    private RememberedBrowsers browsers;

    @EJB
    private Devices devices;

    @EJB
    private Policies policies;

    @EJB
    private SmsPasscodes sms;

    @Inject
    private Carriers carriers;

    @EJB
    private StepUp stepUp;

    @EJB
    private AuditTrail audit;

    @EJB
    private SecurityKeys securityKeys;

    @EJB
    private AppAnswers appAnswers;

    /**
     * The actor of an integration's request made on behalf of a user whose address it names
     * ({@code ipaddr}, optional): audit rows and the per-source throttle then name that address,
     * and the integration's own. The address must be an IP literal, so that an integration (or a
     * leaked secret) cannot invent sources at will.
     *
     * @throws TwofoldException {@code INVALID_VALUE} (audited) if {@code ipaddr} is given and no IP address
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS) // reads nothing; its refusal's row has its own
    public Actor onBehalfOf(Actor integration, String ipaddr, AuditAction action) {
        if (ipaddr == null || ipaddr.isBlank()) {
            return integration;
        }
        String address = IpAddress.parse(ipaddr).orElseThrow(() -> {
            audit.recordRefusal(integration, null, action, "invalid_value", "ipaddr");
            return new TwofoldException(ErrorCode.INVALID_VALUE, "ipaddr must be an IPv4 or IPv6 address");
        });
        return integration.from(address + " via " + integration.origin());
    }

    /**
     * How a login was completed, for the session (see {@link LoginProof}): a factor proven now,
     * a remembered browser, or a login for a hosted application.
     */
    public LoginProof completed(String username, String factor, boolean hostedApplication) {
        return stepUp.completed(username, factor, hostedApplication);
    }

    /** A logged-in session's proof after its user proved a second factor again (step-up). */
    public LoginProof steppedUp(LoginProof proof) {
        return stepUp.steppedUp(proof);
    }

    /** How many pushes and calls are waiting for an answer now (the help desk's figure). */
    public long pendingCount() {
        return transactions.countPending();
    }

    /** The primary login: username and password (see {@link PrimaryLogin}). */
    public Verdict password(String username, char[] password, String origin) {
        return primary.verify(username, password, origin);
    }

    /**
     * "May this user log in, and with what?"
     *
     * @throws TwofoldException {@code UNKNOWN_USER} (after an audited refusal)
     */
    public PreauthAnswer preauth(Actor actor, String username) {
        return preauthentication.preauth(actor, username, Door.API);
    }

    /**
     * "May this user log in, and with what?", asked by the front end {@code door}: a security key or
     * passkey counts only where it can be used ({@link Door#PAGES}).
     *
     * @throws TwofoldException {@code UNKNOWN_USER} (after an audited refusal)
     */
    public PreauthAnswer preauth(Actor actor, String username, Door door) {
        return preauthentication.preauth(actor, username, door);
    }

    /** What the login prompt offers this user: devices, and for each what policy lets it do. */
    public PromptChoices choices(String username) {
        return PromptChoices.of(devices.list(username), policies.current(), carriers.channels());
    }

    /** "Next SMS passcode starts with N.": the digit N, if the user has a live texted code. */
    public Optional<String> nextSmsHint(String username) {
        return sms.nextCodeHint(username);
    }

    /**
     * Whether the browser's remember-me {@code token} lets {@code username} skip the second factor
     * for {@code application} ("Remember me for 8 hours"); a skip is audited as {@code auth.remembered}.
     */
    public boolean rememberedLogin(Actor actor, String username, String application, String token) {
        boolean remembered = browsers.isRemembered(username, application, token);
        if (remembered) {
            audit.record(actor, username, AuditAction.AUTH_REMEMBERED, "allow", null, application);
        }
        return remembered;
    }

    /**
     * "Remember me": trusts this browser for {@code username} and {@code application} for the
     * policy's hours; the token for its cookie, or empty when policy turned remember-me off.
     */
    public Optional<String> rememberBrowser(Actor actor, String username, String application) {
        return browsers.remember(actor, username, application);
    }

    /**
     * Checks a passcode. A blank one is no attempt, on every boundary alike: it is refused as a
     * missing field and audited, and counts toward no lockout or throttle. A source blocked for its
     * failures is refused before anything is read. The check itself joins the attempts that arrive
     * with it ({@link PasscodeQueue}): they are decided one after the other in one transaction, which
     * commits each verdict with its audit rows before any of them is answered; an unknown user's
     * refusal row commits with it ({@link org.twofold.CommittedRefusal}).
     *
     * @throws TwofoldException {@code MISSING_FIELD} if it is blank, {@code UNKNOWN_USER},
     *     {@code TOO_MANY_REQUESTS} if the actor's source is blocked for its failures
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public AuthOutcome passcode(Actor actor, String username, String passcode) {
        if (passcode == null || passcode.isBlank()) {
            audit.recordRefusal(actor, null, AuditAction.AUTH_PASSCODE, "missing_field", "passcode");
            throw new TwofoldException(ErrorCode.MISSING_FIELD, "passcode is required when factor is passcode");
        }
        // a source already blocked takes no place in a batch (one blocked while it waits is refused there, PasscodeVerifier)
        sources.admit(actor, AuditAction.AUTH_PASSCODE);
        return AuthOutcome.of(queue.decide(new PasscodeDecisions.Attempt(actor, username, passcode)));
    }

    /**
     * Starts a login with one of the user's security keys or passkeys: the ceremony whose options
     * the page gives to {@code navigator.credentials.get}; the page keeps it in its session and
     * hands it back once, with the answer, to {@link #securityKey}.
     *
     * @throws TwofoldException {@code UNKNOWN_USER}; {@code NO_CAPABLE_DEVICE} if the user has no active security key
     */
    public Ceremony securityKeyOptions(Actor actor, String username) {
        return securityKeys.beginAuthentication(actor, username);
    }

    /**
     * Checks a security key's or passkey's answer ({@code response}, the JSON of the browser's
     * {@code PublicKeyCredential}) to {@code ceremony} as the second factor: like a passcode, it
     * passes the source throttle, the hourly cap and the user's status, a refusal counts toward
     * lockout, and the verdict is audited ({@code auth.securityKey}, with the cause of a refusal:
     * a bad signature, a cloned credential whose counter went back, a wrong origin, ...). A blank
     * answer is no attempt, as a blank passcode.
     *
     * @throws TwofoldException {@code MISSING_FIELD} if it is blank, {@code UNKNOWN_USER},
     *     {@code TOO_MANY_REQUESTS} if the actor's source is blocked for its failures
     */
    public AuthOutcome securityKey(Actor actor, String username, Ceremony ceremony, String response) {
        if (response == null || response.isBlank()) {
            audit.recordRefusal(actor, null, AuditAction.AUTH_SECURITY_KEY, "missing_field", "response");
            throw new TwofoldException(ErrorCode.MISSING_FIELD, "the security key gave no answer");
        }
        return AuthOutcome.of(securityKeys.verify(actor, username, ceremony, response));
    }

    /** Whether the login page offers "Log in with a passkey" (policy {@code Passwordless}, off by default). */
    public boolean passwordlessOffered() {
        return securityKeys.passwordlessOffered();
    }

    /**
     * Starts a login without a username or password: the ceremony for {@code navigator.credentials.get}
     * that a passkey (a discoverable credential, with user verification) answers, kept by the page
     * and handed back once to {@link #passkey}.
     *
     * @throws TwofoldException {@code NOT_PERMITTED} (audited) while policy {@code Passwordless} is off
     */
    public Ceremony passkeyOptions(Actor actor) {
        return securityKeys.beginPasswordless(actor);
    }

    /**
     * Checks a passkey's answer to {@link #passkeyOptions} as the whole login (see {@link
     * SecurityKeys#verifyPasswordless}): the user it names, when allowed. A blank answer is no attempt.
     *
     * @throws TwofoldException {@code MISSING_FIELD} if it is blank, {@code NOT_PERMITTED} while policy
     *     {@code Passwordless} is off, {@code TOO_MANY_REQUESTS} if the actor's source is blocked
     */
    public PasskeyLogin passkey(Actor actor, Ceremony ceremony, String response) {
        if (response == null || response.isBlank()) {
            audit.recordRefusal(actor, null, AuditAction.AUTH_SECURITY_KEY, "missing_field", "response");
            throw new TwofoldException(ErrorCode.MISSING_FIELD, "the passkey gave no answer");
        }
        return securityKeys.verifyPasswordless(actor, ceremony, response);
    }

    /**
     * The pushes waiting for the Twofold approval app on device {@code deviceId}, for the app that
     * proves it holds the device's key ({@code signature} over {@link AppAnswer#listText} of a time
     * within minutes of now).
     *
     * @throws TwofoldException {@code PUSH_ANSWER_REFUSED} (audited) if it does not
     */
    public java.util.List<org.twofold.webpush.WaitingRequest> appWaiting(Actor app, long deviceId, long epochSecond, byte[] signature) {
        return appAnswers.waiting(app, deviceId, epochSecond, signature);
    }

    /**
     * The approval app's answer to a push — approve (with the verified-push number), deny, or
     * "this was not me" — acted on only when signed by the key of the device the push went to
     * ({@link AppAnswer#answerText}); then decided as every push answer is ({@code PushPrompt}).
     *
     * @throws TwofoldException {@code PUSH_ANSWER_REFUSED} (audited) for a wrong signature or
     *     another device's request; {@code UNKNOWN_TRANSACTION}; {@code TRANSACTION_FINISHED}
     */
    public TxView appAnswer(Actor app, long deviceId, String txid, AppAnswer.Decision decision, String typedNumber, byte[] signature) {
        return appAnswers.answer(app, deviceId, txid, decision, typedNumber, signature);
    }

    /**
     * How long a door whose client gives up after a fixed time — a RADIUS NAS — follows a push or
     * call before cancelling it ({@code RadiusWaitSeconds}, a policy setting).
     */
    public Duration radiusWait() {
        return Duration.ofSeconds(policies.current().radiusWaitSeconds());
    }

    /**
     * Starts a push, call or text on the device named by id (or {@code auto}, or null); unless
     * {@code async}, waits for its end.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public AuthOutcome start(Actor actor, String username, Factor factor, String device, String application, boolean async) {
        try {
            TxView v = second.delivered(actor, second.start(actor, username, factor, device, application));
            return AuthOutcome.of(async ? v : finished(v));
        } catch (TwofoldException e) {
            return answer(e);
        }
    }

    /**
     * The second-password field ({@link FactorRequest#parseSecondPassword}): {@code push},
     * {@code phone}, {@code sms} with an optional device index, waited for; anything else a passcode.
     *
     * @throws TwofoldException {@code MISSING_FIELD} if it is blank
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public AuthOutcome secondPassword(Actor actor, String username, String typed, String application) {
        return secondPassword(actor, username, typed, application, false);
    }

    /**
     * As {@link #secondPassword(Actor, String, String, String)}; with {@code async} a push, call or
     * text is answered as started (its txid, for {@link #status}) rather than waited for, as Duo's
     * legacy {@code auto} factor of duo_unix 1.x asks.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public AuthOutcome secondPassword(Actor actor, String username, String typed, String application, boolean async) {
        if (typed == null || typed.isBlank()) {
            audit.recordRefusal(actor, null, AuditAction.AUTH_SECOND_PASSWORD, "missing_field", "secondPassword");
            throw new TwofoldException(ErrorCode.MISSING_FIELD, "secondPassword is required");
        }
        FactorRequest request = FactorRequest.parseSecondPassword(typed);
        if (request.factor() == Factor.PASSCODE) {
            return passcode(actor, username, request.passcode());
        }
        try {
            TxView v = second.delivered(actor, second.start(actor, username, request.factor(), request.deviceIndex(), application));
            return AuthOutcome.of(async ? v : finished(v));
        } catch (TwofoldException e) {
            return answer(e);
        }
    }

    /**
     * A request's state, for whoever started it; with a {@code wait} (at most {@link
     * #MAX_STATUS_WAIT}) the answer comes as soon as its state changes, or when the wait is over.
     *
     * @throws TwofoldException {@code UNKNOWN_TRANSACTION} for an id that does not exist or that
     *     {@code requester} did not start (the same answer, so ids cannot be probed; the audit keeps which)
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public AuthOutcome status(Actor requester, String txid, Duration wait) {
        if (txid == null || txid.isBlank()) {
            throw new TwofoldException(ErrorCode.MISSING_FIELD, "txid is required");
        }
        Duration limit = wait == null || wait.isNegative() ? Duration.ZERO : wait.compareTo(MAX_STATUS_WAIT) > 0 ? MAX_STATUS_WAIT : wait;
        TxView now = owned(requester, txid, AuditAction.AUTH_STATUS);
        return AuthOutcome.of(limit.isZero() || !now.state().pending() ? now : second.awaitChange(txid, limit));
    }

    /**
     * Cancels the requester's own pending request ("Cancel" on the prompt); one that has already
     * ended is answered as it stands.
     *
     * @throws TwofoldException {@code UNKNOWN_TRANSACTION} as {@link #status}
     */
    public AuthOutcome cancel(Actor requester, String txid) {
        TxView now = owned(requester, txid, AuditAction.AUTH_CANCEL);
        return AuthOutcome.of(now.state().pending() ? transactions.cancel(requester, now.txid()) : now);
    }

    private TxView owned(Actor requester, String txid, AuditAction action) {
        try {
            return transactions.statusFor(requester, txid);
        } catch (TwofoldException e) {
            if (e.code() == ErrorCode.UNKNOWN_TRANSACTION) {
                // someone asking after ids that do not exist, or are not theirs: on the record, like every refusal
                audit.recordRefusal(requester, null, action, Transactions.FOREIGN.equals(e.getMessage()) ? Transactions.FOREIGN : "unknown_transaction",
                        txid == null ? null : txid.length() > 40 ? txid.substring(0, 40) : txid);
                throw new TwofoldException(ErrorCode.UNKNOWN_TRANSACTION);
            }
            throw e;
        }
    }

    private TxView finished(TxView v) {
        return v.state().pending() ? second.await(v.txid(), MAX_WAIT) : v;
    }

    /** Refusals the user's own state causes are answers; the rest stay errors. */
    private static AuthOutcome answer(TwofoldException e) {
        if (e.code() == ErrorCode.USER_LOCKED_OUT) {
            return AuthOutcome.of(Verdict.deny(Verdict.Reason.LOCKED_OUT, null));
        }
        if (e.code() == ErrorCode.NO_CAPABLE_DEVICE) {
            return AuthOutcome.of(Verdict.deny(Verdict.Reason.NO_CAPABLE_DEVICE, null));
        }
        throw e;
    }
}
