package org.twofold.ws;

import jakarta.annotation.Resource;
import jakarta.jws.HandlerChain;
import jakarta.jws.WebService;
import jakarta.xml.ws.WebServiceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.GregorianCalendar;
import java.util.function.Supplier;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditAction;
import org.twofold.audit.AuditTrail;
import org.twofold.auth.AuthOutcome;
import org.twofold.auth.Authentication;
import org.twofold.auth.PreauthAnswer;
import org.twofold.ws.contract.Auth;
import org.twofold.ws.contract.AuthFault;
import org.twofold.ws.contract.AuthResponse;
import org.twofold.ws.contract.AuthServicePortType;
import org.twofold.ws.contract.AuthStatus;
import org.twofold.ws.contract.AuthStatusResponse;
import org.twofold.ws.contract.Capabilities;
import org.twofold.ws.contract.Capability;
import org.twofold.ws.contract.Check;
import org.twofold.ws.contract.CheckResponse;
import org.twofold.ws.contract.Device;
import org.twofold.ws.contract.DeviceType;
import org.twofold.ws.contract.Devices;
import org.twofold.ws.contract.Factor;
import org.twofold.ws.contract.Ping;
import org.twofold.ws.contract.PingResponse;
import org.twofold.ws.contract.Preauth;
import org.twofold.ws.contract.PreauthResponse;
import org.twofold.ws.contract.PreauthResult;
import org.twofold.ws.contract.Result;
import org.twofold.ws.contract.SecondPassword;
import org.twofold.ws.contract.SecondPasswordResponse;
import org.twofold.ws.contract.Status;

/**
 * {@code /ws/AuthService}: turns SOAP requests into calls of the authentication facade ({@link
 * Authentication}, the same door every boundary uses) and its outcomes into responses in SOAP's
 * words ({@link SoapWords}), nothing else.
 * {@link SoapRequestFilter} has refused malformed, unknown and schema-invalid requests and
 * has checked the credentials ({@link WsSecurity}) before any method here runs; every error
 * leaves as a fault through {@link Faults}.
 */
@WebService(serviceName = "AuthService", portName = "AuthServicePort", targetNamespace = "urn:twofold:auth:1",
        endpointInterface = "org.twofold.ws.contract.AuthServicePortType", wsdlLocation = "WEB-INF/wsdl/AuthService.wsdl")
@HandlerChain(file = "handlers.xml")
public class AuthenticationEndpoint implements AuthServicePortType {
    private static final DatatypeFactory DATATYPES = DatatypeFactory.newDefaultInstance();

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
    public PreauthResponse preauth(Preauth request) throws AuthFault {
        return answer(PreauthResponse::new, () -> {
            PreauthAnswer a = auth().preauth(actor(request.getIpaddr(), AuditAction.soap("preauth")), required("preauth", "username", request.getUsername()));
            PreauthResponse response = new PreauthResponse();
            response.setResult(PreauthResult.fromValue(a.result().keyword()));
            response.setStatusMessage(SoapWords.message(a.reason()));
            Devices devices = new Devices();
            for (PreauthAnswer.Device d : a.devices()) {
                Device device = new Device();
                device.setDevice(Long.toString(d.id()));
                device.setType(DeviceType.fromValue(d.type()));
                device.setDisplayName(d.displayName() == null ? d.type() : d.displayName());
                device.setNumber(d.maskedNumber());
                Capabilities capabilities = new Capabilities();
                d.capabilities().forEach(c -> capabilities.getCapability().add(Capability.fromValue(c)));
                device.setCapabilities(capabilities);
                device.setSmsNextcode(d.smsNextcode());
                devices.getDevice().add(device);
            }
            response.setDevices(devices);
            return response;
        });
    }

    @Override
    public AuthResponse auth(Auth request) throws AuthFault {
        return answer(AuthResponse::new, () -> {
            String username = required("auth", "username", request.getUsername());
            if (request.getFactor() == null) {
                required("auth", "factor", null);
            }
            Authentication auth = auth();
            Actor actor = actor(request.getIpaddr(), AuditAction.soap("auth"));
            AuthOutcome o = request.getFactor() == Factor.PASSCODE
                    ? auth.passcode(actor, username, request.getPasscode())
                    : auth.start(actor, username, org.twofold.policy.Factor.valueOf(request.getFactor().name()), request.getDevice(),
                            request.getPushInfo(), Boolean.TRUE.equals(request.isAsync()));
            AuthResponse response = new AuthResponse();
            response.setResult(Result.fromValue(o.result().keyword()));
            response.setStatus(Status.fromValue(SoapWords.status(o)));
            response.setStatusMessage(SoapWords.message(o));
            response.setTxid(o.txid());
            return response;
        });
    }

    @Override
    public AuthStatusResponse authStatus(AuthStatus request) throws AuthFault {
        return answer(AuthStatusResponse::new, () -> {
            AuthOutcome o = auth().status(actor(), required("authStatus", "txid", request.getTxid()),
                    Duration.ofSeconds(request.getWaitSeconds() == null ? 0 : request.getWaitSeconds()));
            AuthStatusResponse response = new AuthStatusResponse();
            response.setResult(Result.fromValue(o.result().keyword()));
            response.setStatus(Status.fromValue(SoapWords.status(o)));
            response.setStatusMessage(SoapWords.message(o));
            return response;
        });
    }

    @Override
    public SecondPasswordResponse secondPassword(SecondPassword request) throws AuthFault {
        return answer(SecondPasswordResponse::new, () -> {
            AuthOutcome o = auth().secondPassword(actor(request.getIpaddr(), AuditAction.soap("secondPassword")), required("secondPassword", "username", request.getUsername()),
                    required("secondPassword", "secondPassword", request.getSecondPassword()), request.getPushInfo());
            SecondPasswordResponse response = new SecondPasswordResponse();
            response.setResult(Result.fromValue(o.result().keyword()));
            response.setStatus(Status.fromValue(SoapWords.status(o)));
            response.setStatusMessage(SoapWords.secondPasswordMessage(o));
            response.setTxid(o.txid());
            return response;
        });
    }

    /**
     * Runs an operation; any error leaves as our fault (never a stack trace): the filter writes it
     * ({@link Faults#refuse}) in place of the empty answer returned here for Metro.
     */
    private <T> T answer(Supplier<T> empty, Supplier<T> operation) {
        try {
            return operation.get();
        } catch (RuntimeException e) {
            Faults.refuse(context.getMessageContext(), Faults.Fault.of(e, "SOAP request failed"));
            return empty.get();
        }
    }

    /** The field's value; a blank one is refused (audited) as a missing field. */
    private String required(String operation, String field, String value) {
        if (value == null || value.isBlank()) {
            Domain.get(AuditTrail.class).recordRequestRefusal(actor(), AuditAction.soap(operation), "missing_field", field);
            throw new TwofoldException(ErrorCode.MISSING_FIELD, field + " is required");
        }
        return value;
    }

    private static Authentication auth() {
        return Domain.get(Authentication.class);
    }

    /** The calling integration, from the address it called from. */
    private Actor actor() {
        return Actor.integration(WsSecurity.integrationKey(context.getMessageContext()), WsSecurity.origin(context.getMessageContext()));
    }

    /** The calling integration acting for a user at {@code ipaddr} (optional; must be an IP address). */
    private Actor actor(String ipaddr, AuditAction action) {
        return auth().onBehalfOf(actor(), ipaddr, action);
    }

    private static XMLGregorianCalendar now() {
        return DATATYPES.newXMLGregorianCalendar(GregorianCalendar.from(ZonedDateTime.now(Clock.systemUTC())));
    }
}
