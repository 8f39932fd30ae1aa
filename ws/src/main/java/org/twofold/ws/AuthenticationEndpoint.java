package org.twofold.ws;

import jakarta.annotation.Resource;
import jakarta.jws.HandlerChain;
import jakarta.jws.WebService;
import jakarta.xml.ws.WebServiceContext;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.GregorianCalendar;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;
import java.time.Duration;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;
import org.twofold.auth.SecondFactor;
import org.twofold.auth.TxState;
import org.twofold.auth.TxView;
import org.twofold.ws.contract.AuthStatus;
import org.twofold.ws.contract.AuthStatusResponse;
import org.twofold.audit.Actor;
import org.twofold.auth.Verdict;
import org.twofold.passcode.PasscodeVerifier;
import org.twofold.ws.contract.Auth;
import org.twofold.ws.contract.AuthFault;
import org.twofold.ws.contract.AuthResponse;
import org.twofold.ws.contract.AuthServicePortType;
import org.twofold.ws.contract.Check;
import org.twofold.ws.contract.CheckResponse;
import org.twofold.ws.contract.Factor;
import org.twofold.ws.contract.Ping;
import org.twofold.ws.contract.PingResponse;
import org.twofold.ws.contract.Result;
import org.twofold.ws.contract.Status;

/**
 * {@code /ws/AuthService}: turns SOAP requests into calls of the domain services and their verdicts
 * into responses. Credentials were checked by {@link WsSecurityHandler} before any method here runs.
 */
@WebService(serviceName = "AuthService", portName = "AuthServicePort", targetNamespace = "urn:twofold:auth:1",
        endpointInterface = "org.twofold.ws.contract.AuthServicePortType", wsdlLocation = "WEB-INF/wsdl/AuthService.wsdl")
@HandlerChain(file = "handlers.xml")
public class AuthenticationEndpoint implements AuthServicePortType {
    private static final DatatypeFactory DATATYPES = DatatypeFactory.newDefaultInstance();
    /** The longest a synchronous push or call is waited for (the longest policy time-out, and a margin). */
    private static final Duration MAX_WAIT = Duration.ofSeconds(630);

    @Resource
    private WebServiceContext context;

    @Override
    public PingResponse ping(Ping request) {
        PingResponse response = new PingResponse();
        response.setTime(now());
        return response;
    }

    @Override
    public CheckResponse check(Check request) {
        CheckResponse response = new CheckResponse();
        response.setTime(now());
        return response;
    }

    @Override
    public AuthResponse auth(Auth request) throws AuthFault {
        try {
            if (request.getUsername() == null || request.getUsername().isBlank()) {
                throw Faults.soapFault(ErrorCode.MISSING_FIELD, "username is required");
            }
            if (request.getFactor() == null) {
                throw Faults.soapFault(ErrorCode.MISSING_FIELD, "factor is required (auto, push, phone, sms or passcode)");
            }
            if (request.getFactor() != Factor.PASSCODE) {
                return outOfBand(request);
            }
            if (request.getPasscode() == null || request.getPasscode().isBlank()) {
                throw Faults.soapFault(ErrorCode.MISSING_FIELD, "passcode is required when factor is passcode");
            }
            Verdict verdict = Domain.get(PasscodeVerifier.class).verify(actor(request.getIpaddr()), request.getUsername(), request.getPasscode());
            return response(verdict);
        } catch (jakarta.xml.ws.soap.SOAPFaultException e) {
            throw e;
        } catch (RuntimeException e) {
            throw Faults.of(e);
        }
    }

    /** Push, phone call or SMS: started, then waited for unless {@code async}; refusals a user causes are answers, not faults. */
    private AuthResponse outOfBand(Auth request) {
        SecondFactor second = Domain.get(SecondFactor.class);
        try {
            TxView v = second.start(actor(request.getIpaddr()), request.getUsername(),
                    org.twofold.auth.Factor.valueOf(request.getFactor().name()), request.getDevice(), request.getPushInfo());
            if (!Boolean.TRUE.equals(request.isAsync()) && v.state().pending()) {
                v = second.await(v.txid(), MAX_WAIT);
            }
            return response(v);
        } catch (TwofoldException e) {
            if (e.code() == ErrorCode.USER_LOCKED_OUT || e.code() == ErrorCode.NO_CAPABLE_DEVICE) {
                AuthResponse r = new AuthResponse();
                r.setResult(Result.DENY);
                r.setStatus(e.code() == ErrorCode.USER_LOCKED_OUT ? Status.LOCKED_OUT : Status.NO_DEVICE);
                r.setStatusMessage(e.getMessage());
                return r;
            }
            throw e;
        }
    }

    @Override
    public AuthStatusResponse authStatus(AuthStatus request) throws AuthFault {
        try {
            if (request.getTxid() == null || request.getTxid().isBlank()) {
                throw Faults.soapFault(ErrorCode.MISSING_FIELD, "txid is required");
            }
            TxView v = Domain.get(SecondFactor.class).status(request.getTxid());
            AuthResponse r = response(v);
            AuthStatusResponse out = new AuthStatusResponse();
            out.setResult(r.getResult());
            out.setStatus(r.getStatus());
            out.setStatusMessage(r.getStatusMessage());
            return out;
        } catch (jakarta.xml.ws.soap.SOAPFaultException e) {
            throw e;
        } catch (RuntimeException e) {
            throw Faults.of(e);
        }
    }

    /** A transaction's state as SOAP answers it; SMS sending answers deny/sent, as legacy clients expect. */
    private static AuthResponse response(TxView v) {
        AuthResponse response = new AuthResponse();
        response.setResult(v.state() == TxState.ALLOW ? Result.ALLOW : v.state().pending() ? Result.WAITING : Result.DENY);
        response.setStatus(Status.fromValue(v.state().status()));
        response.setStatusMessage(v.message());
        response.setTxid(v.txid());
        return response;
    }

    private Actor actor(String ipaddr) {
        String key = (String) context.getMessageContext().get(WsSecurityHandler.INTEGRATION_KEY);
        String caller = WsSecurityHandler.origin(context.getMessageContext());
        String origin = ipaddr == null || ipaddr.isBlank() ? caller : ipaddr.trim() + " via " + caller;
        return Actor.integration(key, origin);
    }

    private static AuthResponse response(Verdict verdict) {
        AuthResponse response = new AuthResponse();
        response.setResult(verdict.allowed() ? Result.ALLOW : Result.DENY);
        response.setStatus(Status.fromValue(verdict.reason().status()));
        response.setStatusMessage(verdict.reason().message());
        return response;
    }

    private static XMLGregorianCalendar now() {
        return DATATYPES.newXMLGregorianCalendar(GregorianCalendar.from(ZonedDateTime.now(Clock.systemUTC())));
    }
}
