package org.twofold.radius.door;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.aaa4j.radius.core.attribute.Attribute;
import org.aaa4j.radius.core.attribute.StringData;
import org.aaa4j.radius.core.attribute.TextData;
import org.aaa4j.radius.core.attribute.attributes.CallingStationId;
import org.aaa4j.radius.core.attribute.attributes.MessageAuthenticator;
import org.aaa4j.radius.core.attribute.attributes.ProxyState;
import org.aaa4j.radius.core.attribute.attributes.ReplyMessage;
import org.aaa4j.radius.core.attribute.attributes.UserName;
import org.aaa4j.radius.core.attribute.attributes.UserPassword;
import org.aaa4j.radius.core.packet.Packet;
import org.aaa4j.radius.core.packet.PacketCodecException;
import org.aaa4j.radius.core.packet.packets.AccessAccept;
import org.aaa4j.radius.core.packet.packets.AccessChallenge;
import org.aaa4j.radius.core.packet.packets.AccessReject;
import org.aaa4j.radius.core.packet.packets.AccessRequest;
import org.aaa4j.radius.server.RadiusServer;
import org.twofold.TwofoldException;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditAction;
import org.twofold.audit.AuditTrail;
import org.twofold.auth.AuthOutcome;
import org.twofold.auth.Authentication;
import org.twofold.auth.PromptChoices;
import org.twofold.auth.Verdict;
import org.twofold.policy.Factor;
import org.twofold.radius.RadiusClients;
import org.twofold.radius.RadiusMode;
import org.twofold.radius.RadiusPeer;
import org.twofold.site.IpAddress;

/**
 * Turns one Access-Request into calls of the authentication facade and its answer into an
 * Access-Accept, Access-Reject or, in mode {@code password+challenge}, an Access-Challenge whose
 * answer comes with its State ({@link Challenges}). What is dropped, silently as RFC 2865 §3 and RFC 3579 §3.2 ask
 * (the NAS then times out), and counted and audited as {@code radius.request refused}: a packet from
 * an address no enabled client has ({@code unknown_client}); one whose Message-Authenticator does
 * not verify under the client's secret — a wrong shared secret or a forgery ({@code
 * bad_message_authenticator}); an Access-Request without one ({@code missing_message_authenticator},
 * BlastRADIUS, CVE-2024-3596); any other packet the library cannot decode ({@code malformed_packet})
 * or that is no Access-Request ({@code not_access_request}). Every answer carries a
 * Message-Authenticator and the request's Proxy-State attributes (RFC 2865 §5.33).
 *
 * <p>The actor is the client ({@code radius:<name>} at the NAS's address); when the NAS names the
 * user's address in {@code Calling-Station-Id} (VPNs do; Wi-Fi sends a MAC address, which is ignored)
 * the actor acts on its behalf, so that audit rows and the per-source throttle name it, as SOAP's
 * {@code ipaddr} does. Each request runs on a thread of its own ({@link RadiusDoor}): a push waited
 * for delays nobody else's login. A push or call is followed for at most the policy's {@code
 * RadiusWaitSeconds} (55 by default: a NAS typically waits 60 s), then cancelled and rejected
 * "Login request timed out." — an answer the NAS still receives, rather than none after it gave up.
 */
final class AccessRequests implements RadiusServer.Handler {
    private static final Logger LOG = Logger.getLogger(AccessRequests.class.getName());
    static final AuditAction ACTION = AuditAction.RADIUS_REQUEST;

    private final Authentication auth;
    private final RadiusClients clients;
    private final AuditTrail audit;
    private final Retransmissions retransmissions;
    private final Challenges challenges;
    /**
     * The client the library's worker thread is serving: {@link #handleClient} runs first on that
     * thread, then the library decodes, then {@link #handlePacket} or, if decoding failed, {@link
     * #handleException} — which learns from it whom to name in the audit row.
     */
    private final ThreadLocal<Sender> current = new ThreadLocal<>();

    /** Who sent the packet being handled. */
    private record Sender(InetAddress address, RadiusPeer peer) {
        Actor actor() {
            return Actor.radiusClient(peer.name(), address.getHostAddress());
        }
    }

    AccessRequests(Authentication auth, RadiusClients clients, AuditTrail audit, Retransmissions retransmissions, Challenges challenges) {
        this.auth = auth;
        this.clients = clients;
        this.audit = audit;
        this.retransmissions = retransmissions;
        this.challenges = challenges;
    }

    @Override
    public byte[] handleClient(InetAddress clientAddress) {
        current.remove();
        Optional<RadiusPeer> peer = clients.peerFor(clientAddress);
        if (peer.isEmpty()) {
            drop(Actor.radiusClient(null, clientAddress.getHostAddress()), "unknown_client");
            return null;
        }
        current.set(new Sender(clientAddress, peer.get()));
        return peer.get().secret();
    }

    @Override
    public Packet handlePacket(InetAddress clientAddress, Packet request) {
        Packet answer = answerOrNull(clientAddress, request);
        if (answer == null) {
            retransmissions.abandon(clientAddress, request);
        }
        return answer;
    }

    private Packet answerOrNull(InetAddress clientAddress, Packet request) {
        Sender sender = current.get();
        current.remove();
        if (sender == null) {
            return null;
        }
        // the secret stays as it is: the library signs the answer with the same array
        Actor client = sender.actor();
        if (!(request instanceof AccessRequest)) {
            drop(client, "not_access_request");
            return null;
        }
        if (request.getAttribute(MessageAuthenticator.class).isEmpty()) {
            drop(client, "missing_message_authenticator");
            return null;
        }
        try {
            return answer(request, sender, client);
        } catch (RuntimeException e) {
            Optional<TwofoldException> refused = TwofoldException.in(e);
            if (refused.isPresent()) {
                // a refusal the facade made and audited (unknown user, a blank second password, too many requests)
                return reply(request, false, RadiusWords.message(refused.get().code()));
            }
            // no answer: the NAS tries again, or its other RADIUS server
            LOG.log(Level.WARNING, "A RADIUS request from " + client.name() + " could not be served", e);
            return null;
        }
    }

    @Override
    public void handleException(Exception exception) {
        Sender sender = current.get();
        current.remove();
        if (sender != null && exception instanceof PacketCodecException) {
            // the library verifies the Message-Authenticator while decoding; nothing else in it names the secret
            String message = exception.getMessage() == null ? "" : exception.getMessage();
            drop(sender.actor(), message.contains("message authenticator") ? "bad_message_authenticator" : "malformed_packet");
        } else {
            LOG.log(Level.WARNING, "RADIUS: " + exception.getMessage(), exception);
        }
    }

    private Packet answer(Packet request, Sender sender, Actor client) {
        String username = request.getAttribute(UserName.class).map(a -> a.getData().getValue()).orElse(null);
        Optional<byte[]> hidden = request.getAttribute(UserPassword.class).map(a -> a.getData().getValue());
        if (hidden.isEmpty()) {
            // CHAP, MS-CHAP and EAP hide the password from the server: only PAP can carry a second password
            audit.recordRefusal(client, null, ACTION, "no_user_password", username == null ? null : clip(username));
            return reply(request, false, RadiusWords.DENIED);
        }
        if (username == null || username.isBlank()) {
            audit.recordRefusal(client, null, ACTION, "missing_field", "User-Name");
            return reply(request, false, RadiusWords.DENIED);
        }
        String typed = new String(hidden.get(), StandardCharsets.UTF_8);
        Arrays.fill(hidden.get(), (byte) 0);
        Actor actor = onBehalf(request, client);
        String application = sender.peer().name();
        Optional<byte[]> state = request.getAttribute(org.aaa4j.radius.core.attribute.attributes.State.class).map(a -> a.getData().getValue());
        if (state.isPresent()) {
            return answered(request, sender, actor, username, state.get(), typed);
        }
        AuthOutcome outcome;
        if (sender.peer().mode() == RadiusMode.MFA_ONLY) {
            outcome = waited(actor, auth.secondPassword(actor, username, typed, application, true));
        } else {
            AppendMode split = AppendMode.split(typed);
            try {
                Verdict password = auth.password(username, split.password(), actor.origin());
                if (!password.allowed()) {
                    return reply(request, false, RadiusWords.message(password.reason()));
                }
            } finally {
                split.wipe();
            }
            if (split.second() == null && sender.peer().mode() == RadiusMode.PASSWORD_CHALLENGE) {
                return challenge(request, sender, username, null);
            }
            outcome = waited(actor, split.second() == null
                    ? auth.start(actor, username, Factor.AUTO, "auto", application, true)
                    : auth.secondPassword(actor, username, split.second(), application, true));
        }
        if (smsSent(outcome) && sender.peer().mode() == RadiusMode.PASSWORD_CHALLENGE) {
            return challenge(request, sender, username, RadiusWords.SMS_SENT);
        }
        return reply(request, outcome);
    }

    /**
     * The menu after a correct password (RFC 2865 §4.4 Access-Challenge): each active device's push,
     * call and texts as policy and the delivery channels allow ({@link Authentication#choices}),
     * numbered, and "or enter a passcode"; its answer comes with the State.
     */
    private Packet challenge(Packet request, Sender sender, String username, String before) {
        PromptChoices choices = auth.choices(username);
        List<Challenges.Option> options = new ArrayList<>();
        for (PromptChoices.Choice d : choices.getDevices()) {
            if (d.isPush()) {
                options.add(new Challenges.Option(Factor.PUSH, d.getId(), "Push to " + d.getLabel()));
            }
            if (d.isCall()) {
                options.add(new Challenges.Option(Factor.PHONE, d.getId(), "Call " + d.getLabel()));
            }
            if (d.isSms()) {
                options.add(new Challenges.Option(Factor.SMS, d.getId(), "SMS passcodes to " + d.getLabel()));
            }
        }
        if (options.isEmpty() && !choices.isPasscode()) {
            return reply(request, false, RadiusWords.message(Verdict.Reason.NO_CAPABLE_DEVICE));
        }
        Optional<byte[]> state = challenges.open(sender.peer().name(), username, options);
        if (state.isEmpty()) {
            return reply(request, false, RadiusWords.message(org.twofold.ErrorCode.TOO_MANY_REQUESTS));
        }
        List<String> lines = new ArrayList<>();
        if (before != null) {
            lines.add(before);
        }
        lines.addAll(RadiusWords.menu(options.stream().map(Challenges.Option::text).toList(), choices.isPasscode()));
        return challengePacket(request, lines, state.get());
    }

    /** The answer to a challenge: a menu number starts that factor; anything else is a second password (a passcode, push, sms...). */
    private Packet answered(Packet request, Sender sender, Actor actor, String username, byte[] state, String typed) {
        Optional<Challenges.Pending> pending = challenges.take(sender.peer().name(), username, state);
        if (pending.isEmpty()) {
            audit.recordRefusal(actor, null, ACTION, "unknown_state", clip(username));
            return reply(request, false, RadiusWords.DENIED);
        }
        String application = sender.peer().name();
        if (pending.get().txid() != null) {
            // the answer to a push's number: whatever was typed, wait for the approval
            return reply(request, waited(actor, auth.status(actor, pending.get().txid(), null)));
        }
        String t = typed.trim();
        List<Challenges.Option> options = pending.get().options();
        AuthOutcome outcome;
        if (t.matches("[0-9]{1,2}") && Integer.parseInt(t) >= 1 && Integer.parseInt(t) <= options.size()) {
            Challenges.Option chosen = options.get(Integer.parseInt(t) - 1);
            boolean push = chosen.factor() == Factor.PUSH;
            outcome = auth.start(actor, username, chosen.factor(), Long.toString(chosen.deviceId()), application, true);
            if (push && outcome.result() == AuthOutcome.Result.WAITING) {
                if (outcome.tx().verifyNumber() != null) {
                    // verified push: the number must reach the user, who types it in the app; the next answer waits
                    Optional<byte[]> next = challenges.openWaiting(sender.peer().name(), username, outcome.txid());
                    if (next.isPresent()) {
                        return challengePacket(request, List.of(RadiusWords.pushed(outcome.tx())), next.get());
                    }
                    auth.cancel(actor, outcome.txid());
                    return reply(request, false, RadiusWords.message(org.twofold.ErrorCode.TOO_MANY_REQUESTS));
                }
            }
            outcome = waited(actor, outcome);
        } else {
            outcome = waited(actor, auth.secondPassword(actor, username, typed, application, true));
        }
        if (smsSent(outcome)) {
            return challenge(request, sender, username, RadiusWords.SMS_SENT);
        }
        return reply(request, outcome);
    }

    /**
     * A push or call started asynchronously, followed to its end through the facade's long-poll for
     * at most the policy's {@code RadiusWaitSeconds} (from now: the NAS's clock started when it sent
     * the request); one still waiting then is cancelled, and answered as timed out ({@link #reply(Packet, AuthOutcome)}).
     * Anything else (a passcode's verdict, a text sent, a refusal) is answered as it is.
     */
    private AuthOutcome waited(Actor actor, AuthOutcome started) {
        if (started.result() != AuthOutcome.Result.WAITING) {
            return started;
        }
        java.time.Instant deadline = java.time.Instant.now().plus(auth.radiusWait());
        AuthOutcome o = started;
        while (o.result() == AuthOutcome.Result.WAITING) {
            java.time.Duration left = java.time.Duration.between(java.time.Instant.now(), deadline);
            if (left.isNegative() || left.isZero()) {
                return auth.cancel(actor, started.txid());
            }
            o = auth.status(actor, started.txid(), left.compareTo(Authentication.MAX_STATUS_WAIT) > 0 ? Authentication.MAX_STATUS_WAIT : left);
        }
        return o;
    }

    private static boolean smsSent(AuthOutcome o) {
        return o.tx() != null && o.tx().factor() == Factor.SMS && o.tx().state() == org.twofold.auth.TxState.SENT;
    }

    /** The client acting for the user's address, if the NAS names one as an IP address in Calling-Station-Id. */
    private Actor onBehalf(Packet request, Actor client) {
        Optional<String> user = request.getAttribute(CallingStationId.class).map(a -> a.getData().getValue()).flatMap(IpAddress::parse);
        return user.isEmpty() ? client : auth.onBehalfOf(client, user.get(), ACTION);
    }

    /** An Access-Challenge: the menu's lines as Reply-Messages (one each: at most 253 bytes), the State, a Message-Authenticator, the Proxy-States. */
    static Packet challengePacket(Packet request, List<String> lines, byte[] state) {
        List<Attribute<?>> attributes = new ArrayList<>();
        attributes.add(new MessageAuthenticator());
        for (String line : RadiusWords.fitted(lines)) {
            attributes.add(new ReplyMessage(new TextData(line)));
        }
        attributes.add(new org.aaa4j.radius.core.attribute.attributes.State(new StringData(state)));
        attributes.addAll(request.getAttributes(ProxyState.class));
        return new AccessChallenge(attributes);
    }

    /**
     * The answer to what the facade said. A push or call cancelled is one Twofold stopped waiting
     * for (nothing else cancels a RADIUS request's push: the NAS has no cancel), so its answer is
     * "Login request timed out.".
     */
    private static Packet reply(Packet request, AuthOutcome o) {
        boolean gaveUp = o.tx() != null && o.tx().state() == org.twofold.auth.TxState.CANCELLED;
        return reply(request, o.allowed(), gaveUp ? RadiusWords.TIMED_OUT : RadiusWords.message(o));
    }

    /** Accept or Reject with its Reply-Message, a Message-Authenticator (the library fills it in) and the request's Proxy-States. */
    static Packet reply(Packet request, boolean accept, String message) {
        List<Attribute<?>> attributes = new ArrayList<>();
        attributes.add(new MessageAuthenticator());
        attributes.add(new ReplyMessage(new TextData(message)));
        attributes.addAll(request.getAttributes(ProxyState.class));
        return accept ? new AccessAccept(attributes) : new AccessReject(attributes);
    }

    private void drop(Actor actor, String reason) {
        audit.recordRequestRefusal(actor, ACTION, reason, null);
    }

    private static String clip(String s) {
        return s.length() > 64 ? s.substring(0, 64) : s;
    }
}
