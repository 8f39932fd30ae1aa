package org.twofold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Properties;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditTrail;
import org.twofold.auth.PhoneCalls;
import org.twofold.auth.RememberedBrowsers;
import org.twofold.auth.Transactions;
import org.twofold.auth.TxState;
import org.twofold.auth.TxView;
import org.twofold.auth.Verdict;
import org.twofold.bypass.BypassCodes;
import org.twofold.device.DeviceKind;
import org.twofold.device.Enrollment;
import org.twofold.device.TokenInventory;
import org.twofold.passcode.Base32;
import org.twofold.passcode.Hotp;
import org.twofold.passcode.PasscodeVerifier;
import org.twofold.passcode.SmsBatch;
import org.twofold.passcode.SmsPasscodes;
import org.twofold.policy.Policies;
import org.twofold.policy.PolicySetting;
import org.twofold.user.UserStatus;
import org.twofold.user.Users;

/**
 * A restart keeps every state: Twofold is started, given device counters, used and unused codes,
 * a lockout, a policy change and a remembered browser, then its JVM is stopped and started again
 * on the same data directory, and each state is checked through the services. What the two halves
 * share is a small file in the data directory, as the server's memory does not survive.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RestartIT {
    private static final Actor ACTOR = Actor.operator("test-restart", "127.0.0.1");
    private static final byte[] SEED = "12345678901234567890".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    @ArquillianResource
    private Deployer deployer;

    @Inject
    private Users users;
    @Inject
    private Enrollment enrollment;
    @Inject
    private TokenInventory tokens;
    @Inject
    private PasscodeVerifier verifier;
    @Inject
    private SmsPasscodes sms;
    @Inject
    private BypassCodes bypass;
    @Inject
    private Policies policies;
    @Inject
    private RememberedBrowsers browsers;
    @Inject
    private AuditTrail audit;
    @Inject
    private PhoneCalls calls;
    @Inject
    private Transactions transactions;

    @Deployment(name = "twofold", managed = false)
    static WebArchive twofold() throws URISyntaxException {
        return DomainServicesIT.domain();
    }

    private static Path stateFile() {
        return Path.of(System.getProperty("twofold.data.dir"), "restart-it.properties");
    }

    @Test
    @Order(1)
    @RunAsClient
    void start() {
        deployer.deploy("twofold");
    }

    @Test
    @Order(2)
    @OperateOnDeployment("twofold")
    void createStateBeforeTheRestart() throws IOException {
        SecureRandom random = new SecureRandom();
        String user = "r" + Long.toString(Math.abs(random.nextLong()) % 1_000_000_000L, 36);
        String locked = user + "x";
        users.create(ACTOR, user, "Restart", "Law");
        users.create(ACTOR, locked, "Locked", "Law");

        tokens.importToken(ACTOR, "R-" + user, "hotp", Base32.encode(SEED), 6);
        tokens.assign(ACTOR, user, "R-" + user);
        for (int c = 0; c < 5; c++) {
            assertTrue(verifier.verify(ACTOR, user, Hotp.generate(SEED, c, 6)).allowed(), "counter " + c);
        }
        SmsBatch batch = sms.issueBatch(ACTOR, user);
        assertTrue(verifier.verify(ACTOR, user, batch.codes().get(0)).allowed());
        String temporary = bypass.issueTemporary(ACTOR, user, 2, 2).code();
        assertTrue(verifier.verify(ACTOR, user, temporary).allowed());

        enrollment.enrollAuthenticatorApp(ACTOR, locked, DeviceKind.TABLET, null, "Tablet");
        for (int i = 0; i < policies.current().lockoutThreshold(); i++) {
            verifier.verify(ACTOR, locked, "00000000");
        }
        assertEquals(UserStatus.LOCKED_OUT, users.find(locked).orElseThrow().getStatus());

        int batchSize = policies.current().smsBatchSize();
        int changed = batchSize == 4 ? 5 : 4;
        int callTimeout = policies.current().callTimeoutSeconds();
        // long enough for the restart: the call is still ringing when the server is back
        policies.change(ACTOR, p -> p.with(PolicySetting.SMS_BATCH_SIZE, changed).with(PolicySetting.CALL_TIMEOUT_SECONDS, 600));
        enrollment.enrollPhone(ACTOR, user, "+1 410 555 1311", "Mobile");
        TxView ringing = calls.call(ACTOR, user, 1, "VPN");
        String token = browsers.remember(ACTOR, user, "vpn").orElseThrow();

        Properties state = new Properties();
        state.setProperty("user", user);
        state.setProperty("locked", locked);
        state.setProperty("usedSms", batch.codes().get(0));
        state.setProperty("unusedSms", batch.codes().get(1));
        state.setProperty("temporary", temporary);
        state.setProperty("batchSize", Integer.toString(batchSize));
        state.setProperty("changedBatchSize", Integer.toString(changed));
        state.setProperty("browser", token);
        state.setProperty("call", ringing.txid());
        state.setProperty("callTimeout", Integer.toString(callTimeout));
        try (Writer w = Files.newBufferedWriter(stateFile())) {
            state.store(w, "RestartIT");
        }
    }

    @Test
    @Order(3)
    @RunAsClient
    void restart() {
        deployer.undeploy("twofold");
        deployer.deploy("twofold");
    }

    @Test
    @Order(4)
    @OperateOnDeployment("twofold")
    void everyStateSurvivedTheRestart() throws IOException {
        Properties state = new Properties();
        try (Reader r = Files.newBufferedReader(stateFile())) {
            state.load(r);
        }
        String user = state.getProperty("user");
        try {
            assertFalse(verifier.verify(ACTOR, user, Hotp.generate(SEED, 3, 6)).allowed(), "the HOTP counter was kept (3 is spent)");
            assertTrue(verifier.verify(ACTOR, user, Hotp.generate(SEED, 5, 6)).allowed(), "counter 5 is next");

            assertEquals(Verdict.Reason.REPLAYED_PASSCODE, verifier.verify(ACTOR, user, state.getProperty("usedSms")).reason(), "a used SMS code stays used");
            assertTrue(verifier.verify(ACTOR, user, state.getProperty("unusedSms")).allowed(), "an unused one still works");

            assertTrue(verifier.verify(ACTOR, user, state.getProperty("temporary")).allowed(), "the temporary passcode's second use");
            assertEquals(Verdict.Reason.REPLAYED_PASSCODE, verifier.verify(ACTOR, user, state.getProperty("temporary")).reason(), "and no third");

            assertEquals(UserStatus.LOCKED_OUT, users.find(state.getProperty("locked")).orElseThrow().getStatus(), "a lockout survives");
            assertEquals(Integer.parseInt(state.getProperty("changedBatchSize")), policies.current().smsBatchSize(), "the policy change survives");
            assertTrue(browsers.isRemembered(user, "vpn", state.getProperty("browser")), "a remembered browser survives");
            assertTrue(audit.forUser(user, 100).stream().anyMatch(e -> e.getAction().equals("sms.batch")), "the audit trail survives");

            String call = state.getProperty("call");
            assertEquals(TxState.CALLING, transactions.status(call).state(), "a call in progress survives the restart");
            calls.answered(ACTOR, call);
            assertEquals(TxState.ALLOW, calls.keyPressed(ACTOR, call).state());
        } finally {
            int batchSize = Integer.parseInt(state.getProperty("batchSize"));
            int callTimeout = Integer.parseInt(state.getProperty("callTimeout"));
            policies.change(ACTOR, p -> p.with(PolicySetting.SMS_BATCH_SIZE, batchSize).with(PolicySetting.CALL_TIMEOUT_SECONDS, callTimeout));
        }
    }

    @Test
    @Order(5)
    @RunAsClient
    void stop() {
        deployer.undeploy("twofold");
    }
}
