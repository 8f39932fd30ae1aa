package org.twofold.it;

import static org.twofold.it.SoapClient.auth;
import static org.twofold.it.SoapClient.passcode;
import static org.twofold.it.SoapClient.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twofold.it.Fixtures.codeNow;
import static org.twofold.it.Fixtures.newSeed;
import static org.twofold.it.Fixtures.unique;
import static org.twofold.it.Fixtures.wrongCode;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.twofold.passcode.Base32;
import org.twofold.passcode.Hotp;
import org.twofold.ws.contract.AuthResponse;
import org.twofold.ws.contract.AuthServicePortType;
import org.twofold.ws.contract.Factor;
import org.twofold.ws.contract.Result;
import org.twofold.ws.contract.Status;

/**
 * The help desk's and administrators' console, driven as operators drive it: a remote JMX client
 * ({@code JMXConnectorFactory} with an operator's name and password) on the assembled Payara Micro
 * WAR, each operation's effect checked through SOAP or by reading back over JMX. Covers every
 * operation and attribute of the interface contract's JMX section (except the hardware-token
 * request and the smartphone activation, tested with their feature), roles and logins, the
 * lockout and fraud notifications, and an online backup restored into a second server.
 */
@ExtendWith(ArquillianExtension.class)
class JmxIT {
    private static final String STATISTICS = "org.twofold:type=Statistics";

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive twofold() {
        return Fixtures.war();
    }

    /** The message of the exception a console shows for a refused operation or attribute write. */
    private static String consoleMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t instanceof javax.management.JMException || t instanceof javax.management.JMRuntimeException)) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    @Test
    void jmxRefusesMissingAndWrongCredentials() throws Exception {
        assertThrows(SecurityException.class, () -> javax.management.remote.JMXConnectorFactory.connect(Jmx.url()));
        assertThrows(SecurityException.class, () -> Jmx.login(System.getProperty("it.admin.user"), "not-the-password"));
        assertThrows(SecurityException.class, () -> Jmx.login("nobody", "whatever-password"));
        try (Jmx admin = Jmx.admin()) {
            String recent = String.join("\n", admin.recentAudit());
            assertTrue(recent.contains("operator:" + System.getProperty("it.admin.user") + " operator.login → deny (wrong_password)"), recent);
            assertTrue(recent.contains("operator:nobody operator.login → deny (unknown_operator)"), recent);
        }
    }


    @Test
    void repeatedWrongJmxPasswordsThrottleThatOperator() throws Exception {
        String name = unique("guessed");
        try (Jmx admin = Jmx.admin()) {
            admin.invoke(Jmx.ADMINISTRATION, "createOperator", name, "the-right-password", "helpdesk");
        }
        for (int i = 0; i < 5; i++) {
            assertThrows(SecurityException.class, () -> Jmx.login(name, "a-wrong-password"));
        }
        SecurityException throttled = assertThrows(SecurityException.class, () -> Jmx.login(name, "the-right-password"));
        assertTrue(throttled.getMessage().contains("too many failed logins"), throttled.getMessage());
        try (Jmx admin = Jmx.admin()) {
            String trail = String.join("\n", admin.recentAudit());
            assertTrue(trail.contains("operator:" + name + " operator.login → deny (throttled)"), trail);
        }
    }


    @Test
    void administratorSeesTheTwofoldMBeans() throws Exception {
        try (Jmx admin = Jmx.admin()) {
            Set<ObjectName> names = admin.server.queryNames(new ObjectName("org.twofold:*"), null);
            assertTrue(names.contains(new ObjectName(Jmx.ADMINISTRATION)), names.toString());
            assertTrue(names.contains(new ObjectName(Jmx.AUDIT)), names.toString());
            assertTrue(names.contains(new ObjectName(Jmx.HELPDESK)), names.toString());
            var op = Arrays.stream(admin.server.getMBeanInfo(new ObjectName(Jmx.ADMINISTRATION)).getOperations())
                    .filter(o -> o.getName().equals("importToken")).findFirst().orElseThrow();
            assertEquals("serial", op.getSignature()[0].getName(), "consoles show named parameters");
        }
    }


    @Test
    void helpDeskOperatorMayNotAdministrate() throws Exception {
        String name = unique("hd");
        try (Jmx admin = Jmx.admin()) {
            admin.invoke(Jmx.ADMINISTRATION, "createOperator", name, "helpdesk-password-1", "helpdesk");
        }
        try (Jmx helpdesk = Jmx.login(name, "helpdesk-password-1")) {
            SecurityException refused = assertThrows(SecurityException.class,
                    () -> helpdesk.invoke(Jmx.ADMINISTRATION, "createUser", unique("x"), "X", "Y"));
            assertTrue(refused.getMessage().startsWith("NOT_PERMITTED"), refused.getMessage());
            assertTrue(helpdesk.recentAudit().length > 0, "the help desk may read the audit trail");
        }
    }


    @Test
    void jmxReportsDomainErrorsWithTheirCode() throws Exception {
        try (Jmx admin = Jmx.admin()) {
            String user = unique("dup");
            admin.invoke(Jmx.ADMINISTRATION, "createUser", user, "Dup", "Law");
            Exception e = assertThrows(Exception.class, () -> admin.invoke(Jmx.ADMINISTRATION, "createUser", user, "Dup", "Law"));
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            assertTrue(cause.getMessage().startsWith("USER_EXISTS:"), cause.getMessage());
            Exception bad = assertThrows(Exception.class, () -> admin.invoke(Jmx.ADMINISTRATION, "importToken", unique("T"), "totp", "not base32!", 6));
            Throwable badCause = bad.getCause() != null ? bad.getCause() : bad;
            assertTrue(badCause.getMessage().startsWith("INVALID_VALUE:"), badCause.getMessage());
        }
    }


    @Test
    void administratorChangesPolicyWithinItsBoundsAndEveryChangeIsAudited() throws Exception {
        try (Jmx admin = Jmx.admin()) {
            int before = (Integer) admin.get(Jmx.ADMINISTRATION, "SmsBatchSize");
            Exception refused = assertThrows(Exception.class, () -> admin.set(Jmx.ADMINISTRATION, "SmsBatchSize", 11));
            assertTrue(consoleMessage(refused).contains("SmsBatchSize must be between 1 and 10"), consoleMessage(refused));
            assertEquals(before, admin.get(Jmx.ADMINISTRATION, "SmsBatchSize"), "nothing changed");
            int changed = before == 5 ? 6 : 5;
            admin.set(Jmx.ADMINISTRATION, "SmsBatchSize", changed);
            try {
                assertEquals(changed, admin.get(Jmx.ADMINISTRATION, "SmsBatchSize"));
                String trail = String.join("\n", admin.recentAudit());
                assertTrue(trail.contains("policy.change → done from ") && trail.contains(" — SmsBatchSize " + before + " → " + changed), trail);
            } finally {
                admin.set(Jmx.ADMINISTRATION, "SmsBatchSize", before);
            }
            assertEquals("push,phone,sms,passcode", admin.get(Jmx.ADMINISTRATION, "AllowedFactors"));
        }
    }


    @Test
    void helpDeskRescuesALockedOutUserWithATemporaryPasscode() throws Exception {
        String user = unique("h");
        byte[] seed = newSeed();
        String[] integration;
        String operator = unique("desk");
        try (Jmx admin = Jmx.admin()) {
            admin.provisionUserWithTotpToken(user, "correct-horse-3", Base32.encode(seed));
            integration = admin.createIntegration(unique("VPN "));
            admin.invoke(Jmx.ADMINISTRATION, "createOperator", operator, "helpdesk-password-2", "helpdesk");
        }
        AuthServicePortType soap = SoapClient.as(base, integration[0], integration[1]);
        String wrong = wrongCode(seed);
        for (int i = 0; i < 10; i++) {
            soap.auth(passcode(user, wrong));
        }
        assertEquals(Status.LOCKED_OUT, soap.auth(passcode(user, codeNow(seed))).getStatus(), "locked after 10 failures, even with the right code");

        try (Jmx desk = Jmx.login(operator, "helpdesk-password-2")) {
            assertTrue(((String) desk.invoke(Jmx.HELPDESK, "describeUser", user)).contains(" locked_out"));
            Exception noPolicy = assertThrows(Exception.class, () -> desk.set(Jmx.ADMINISTRATION, "LockoutThreshold", 3));
            assertTrue(consoleMessage(noPolicy).startsWith("NOT_PERMITTED"), consoleMessage(noPolicy));

            desk.invoke(Jmx.HELPDESK, "unlockUser", user);
            String issued = (String) desk.invoke(Jmx.HELPDESK, "issueTemporaryPasscode", user, 1, 1);
            String temporary = issued.replaceAll(".*: ([0-9]{9}) .*", "$1");
            assertTrue(temporary.matches("[0-9]{9}"), issued);
            assertEquals(Result.ALLOW, soap.auth(passcode(user, temporary)).getResult(), "the temporary passcode lets her in");
            assertEquals(Result.DENY, soap.auth(passcode(user, temporary)).getResult(), "once");

            desk.invoke(Jmx.HELPDESK, "enrollLandline", user, "+1 410 706 4357", "1234", "Desk phone");
            String[] devices = (String[]) desk.invoke(Jmx.HELPDESK, "listDevices", user);
            assertEquals(2, devices.length, Arrays.toString(devices));
            assertTrue(devices[1].contains("landline 'Desk phone' XXX-XXX-4357 ext. 1234 active [phone]"), devices[1]);
            assertTrue(!String.join(" ", devices).contains("706"), "numbers only masked");

            long token = Long.parseLong(devices[0].split(" ")[0]);
            desk.invoke(Jmx.HELPDESK, "disableDevice", user, token);
            AuthResponse afterDisable = soap.auth(passcode(user, codeNow(seed)));
            assertEquals(Result.DENY, afterDisable.getResult(), "a disabled token is refused at once");
            assertEquals(Status.INVALID_PASSCODE, afterDisable.getStatus());

            String trail = String.join("\n", (String[]) desk.invoke(Jmx.HELPDESK, "recentAuthentications", user, 50));
            assertTrue(trail.contains("operator:" + operator + " user.unlock " + user + " → done"), trail);
            assertTrue(trail.contains("operator:" + operator + " passcode.temporary " + user + " → done"), trail);
            assertTrue(trail.contains("operator:" + operator + " device.disable " + user + " → done"), trail);
            assertTrue(trail.contains("user.lockout " + user + " → done"), trail);
            assertTrue(trail.contains("operator:" + operator + " jmx.call " + user + " → done from ") && trail.contains("— HelpDesk.describeUser"),
                    "even reading a user's record is audited: " + trail);
            assertTrue(!trail.contains("helpdesk-password-2"), "arguments are never recorded");

            String[] figures = (String[]) desk.get("org.twofold:type=Statistics", "Authentications");
            assertTrue(Arrays.asList(figures).stream().anyMatch(f -> f.matches("auth\\.passcode deny [0-9]+")), Arrays.toString(figures));
            assertTrue((Long) desk.get("org.twofold:type=Statistics", "Failures") >= 11, "ten wrong codes and a locked-out try at least");
        }
    }


    @Test
    void administratorImportsHardwareTokensFromAPskcFileAndTheyWork() throws Exception {
        String user = unique("k");
        String serial = unique("FOB-");
        byte[] seed = newSeed();
        String pskc = """
                <?xml version="1.0" encoding="UTF-8"?>
                <KeyContainer Version="1.0" xmlns="urn:ietf:params:xml:ns:keyprov:pskc">
                  <KeyPackage>
                    <DeviceInfo><SerialNo>%s</SerialNo></DeviceInfo>
                    <Key Id="fob" Algorithm="urn:ietf:params:xml:ns:keyprov:pskc:hotp">
                      <AlgorithmParameters><ResponseFormat Length="6" Encoding="DECIMAL"/></AlgorithmParameters>
                      <Data><Secret><PlainValue>%s</PlainValue></Secret><Counter><PlainValue>0</PlainValue></Counter></Data>
                    </Key>
                  </KeyPackage>
                </KeyContainer>
                """.formatted(serial, java.util.Base64.getEncoder().encodeToString(seed));
        String[] integration;
        try (Jmx admin = Jmx.admin()) {
            String[] report = (String[]) admin.invoke(Jmx.ADMINISTRATION, "importTokensPskc", pskc);
            assertEquals("imported " + serial + " (hotp, 6 digits)", report[0], Arrays.toString(report));
            Exception xxe = assertThrows(Exception.class, () -> admin.invoke(Jmx.ADMINISTRATION, "importTokensPskc",
                    "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><KeyContainer>&e;</KeyContainer>"));
            assertTrue(consoleMessage(xxe).startsWith("INVALID_VALUE"), consoleMessage(xxe));
            admin.invoke(Jmx.ADMINISTRATION, "createUser", user, "Fob User", "School of Law");
            admin.invoke(Jmx.ADMINISTRATION, "assignToken", user, serial);
            integration = admin.createIntegration(unique("VPN "));
        }
        AuthServicePortType soap = SoapClient.as(base, integration[0], integration[1]);
        assertEquals(Result.ALLOW, soap.auth(passcode(user, org.twofold.passcode.Hotp.generate(seed, 0, 6))).getResult());
        assertEquals(Result.ALLOW, soap.auth(passcode(user, org.twofold.passcode.Hotp.generate(seed, 3, 6))).getResult(), "a few presses ahead");
        assertEquals(Result.DENY, soap.auth(passcode(user, org.twofold.passcode.Hotp.generate(seed, 1, 6))).getResult(), "behind the counter");
    }


    /** Every operation of the contract (name and parameter names), as PRODUCT.md lists them. */
    private static final Map<String, List<String>> HELPDESK_CONTRACT = new LinkedHashMap<>();
    private static final Map<String, List<String>> ADMINISTRATION_CONTRACT = new LinkedHashMap<>();

    static {
        HELPDESK_CONTRACT.put("findUsers", List.of("query"));
        HELPDESK_CONTRACT.put("describeUser", List.of("username"));
        HELPDESK_CONTRACT.put("listDevices", List.of("username"));
        HELPDESK_CONTRACT.put("recentAuthentications", List.of("username", "count"));
        HELPDESK_CONTRACT.put("disableDevice", List.of("username", "deviceId"));
        HELPDESK_CONTRACT.put("enrollLandline", List.of("username", "number", "extension", "name"));
        HELPDESK_CONTRACT.put("enrollPhone", List.of("username", "number", "name"));
        HELPDESK_CONTRACT.put("enrollSmartphone", List.of("username", "number", "name"));
        HELPDESK_CONTRACT.put("issueTemporaryPasscode", List.of("username", "validHours", "uses"));
        HELPDESK_CONTRACT.put("unlockUser", List.of("username"));
        HELPDESK_CONTRACT.put("forgetRememberedBrowsers", List.of("username"));
        HELPDESK_CONTRACT.put("listFraudReports", List.of("count"));
        HELPDESK_CONTRACT.put("requestHardwareToken", List.of("username"));
        HELPDESK_CONTRACT.put("assignHardwareToken", List.of("username", "serial"));
        HELPDESK_CONTRACT.put("resyncToken", List.of("username", "serial", "code1", "code2"));
        HELPDESK_CONTRACT.put("issueSecurityKeyLink", List.of("username"));
        HELPDESK_CONTRACT.put("setIdentityProof", List.of("username", "dateOfBirth", "pin", "ssnLast4"));
        ADMINISTRATION_CONTRACT.put("createUser", List.of("username", "displayName", "department"));
        ADMINISTRATION_CONTRACT.put("setUserPassword", List.of("username", "password"));
        ADMINISTRATION_CONTRACT.put("setUserStatus", List.of("username", "status"));
        ADMINISTRATION_CONTRACT.put("createDepartment", List.of("name", "approverUsername"));
        ADMINISTRATION_CONTRACT.put("createIntegration", List.of("name"));
        ADMINISTRATION_CONTRACT.put("createOperator", List.of("name", "password", "role"));
        ADMINISTRATION_CONTRACT.put("importToken", List.of("serial", "kind", "secretBase32", "digits"));
        ADMINISTRATION_CONTRACT.put("importTokensPskc", List.of("xml"));
        ADMINISTRATION_CONTRACT.put("assignToken", List.of("username", "serial"));
        ADMINISTRATION_CONTRACT.put("backup", List.of("directory"));
        ADMINISTRATION_CONTRACT.put("setIntegrationReturnUrl", List.of("name", "url"));
        ADMINISTRATION_CONTRACT.put("disableIntegration", List.of("integrationKey"));
        ADMINISTRATION_CONTRACT.put("createRadiusClient", List.of("name", "addressOrCidr", "mode"));
        ADMINISTRATION_CONTRACT.put("disableRadiusClient", List.of("name"));
        ADMINISTRATION_CONTRACT.put("syncDirectory", List.of());
        ADMINISTRATION_CONTRACT.put("createOidcClient", List.of("name", "redirectUris", "type"));
        ADMINISTRATION_CONTRACT.put("disableOidcClient", List.of("clientId"));
        ADMINISTRATION_CONTRACT.put("rotateOidcSigningKeys", List.of());
    }

    private static void assertContract(MBeanInfo info, Map<String, List<String>> contract) {
        for (var entry : contract.entrySet()) {
            assertTrue(Arrays.stream(info.getOperations()).anyMatch(op -> op.getName().equals(entry.getKey())
                            && Arrays.stream(op.getSignature()).map(MBeanParameterInfo::getName).toList().equals(entry.getValue())),
                    entry.getKey() + entry.getValue() + " is missing from " + info.getClassName());
        }
    }

    @Test
    void everyContractOperationExistsWithItsNamedAndDescribedParameters() throws Exception {
        try (Jmx desk = helpDeskOperator()) {
            MBeanInfo helpDesk = desk.server.getMBeanInfo(new ObjectName(Jmx.HELPDESK));
            MBeanInfo administration = desk.server.getMBeanInfo(new ObjectName(Jmx.ADMINISTRATION));
            assertContract(helpDesk, HELPDESK_CONTRACT);
            assertContract(administration, ADMINISTRATION_CONTRACT);
            assertContract(desk.server.getMBeanInfo(new ObjectName(Jmx.AUDIT)), Map.of("recent", List.of("count"), "forUser", List.of("username", "count")));
            Set<String> attributes = Arrays.stream(administration.getAttributes()).map(a -> a.getName()).collect(Collectors.toSet());
            assertTrue(attributes.containsAll(List.of("SmsBatchSize", "BypassCodeMinutes", "TemporaryPasscodeMaxHours", "TemporaryPasscodeMaxUses",
                    "RememberMeHours", "LockoutThreshold", "PushTimeoutSeconds", "CallTimeoutSeconds", "VerifiedPush", "AllowedFactors")), attributes.toString());
            MBeanInfo statistics = desk.server.getMBeanInfo(new ObjectName(STATISTICS));
            Set<String> figures = Arrays.stream(statistics.getAttributes()).map(a -> a.getName()).collect(Collectors.toSet());
            assertEquals(Set.of("Authentications", "Failures", "PendingTransactions", "LockedOutUsers", "LastDirectorySync"), figures);
            Set<String> notifications = Arrays.stream(statistics.getNotifications()).flatMap(n -> Arrays.stream(n.getNotifTypes())).collect(Collectors.toSet());
            assertEquals(Set.of("twofold.user.lockedOut", "twofold.fraud.reported"), notifications);

            for (MBeanInfo info : List.of(helpDesk, administration, statistics, desk.server.getMBeanInfo(new ObjectName(Jmx.AUDIT)))) {
                for (MBeanOperationInfo op : info.getOperations()) {
                    assertTrue(!op.getDescription().isBlank() && !op.getDescription().equals("Operation exposed for management"),
                            op.getName() + " has no description");
                    for (MBeanParameterInfo p : op.getSignature()) {
                        assertTrue(!p.getName().matches("p[0-9]+"), op.getName() + " has an unnamed parameter");
                        assertTrue(!p.getDescription().isBlank() && !p.getDescription().matches("p[0-9]+"),
                                op.getName() + "(" + p.getName() + ") has no description");
                    }
                }
                for (var a : info.getAttributes()) {
                    assertTrue(!a.getDescription().isBlank() && !a.getDescription().equals("Attribute exposed for management"),
                            a.getName() + " has no description");
                }
            }
        }
    }

    /** A new help-desk operator, logged in. */
    private Jmx helpDeskOperator() throws Exception {
        String name = unique("desk");
        String password = "helpdesk-password-" + name;
        try (Jmx admin = Jmx.admin()) {
            admin.invoke(Jmx.ADMINISTRATION, "createOperator", name, password, "helpdesk");
        }
        return Jmx.login(name, password);
    }

    @Test
    void aHelpDeskOperatorsAttemptToAdministrateIsRefusedAndAudited() throws Exception {
        String name = unique("desk");
        try (Jmx admin = Jmx.admin()) {
            admin.invoke(Jmx.ADMINISTRATION, "createOperator", name, "helpdesk-password-3", "helpdesk");
        }
        try (Jmx desk = Jmx.login(name, "helpdesk-password-3")) {
            assertThrows(SecurityException.class, () -> desk.invoke(Jmx.ADMINISTRATION, "createIntegration", unique("Sneaky ")));
            Exception policy = assertThrows(Exception.class, () -> desk.set(Jmx.ADMINISTRATION, "SmsBatchSize", 3));
            assertTrue(consoleMessage(policy).startsWith("NOT_PERMITTED"), consoleMessage(policy));
            assertEquals(10, desk.get(Jmx.ADMINISTRATION, "SmsBatchSize"), "reading policy is allowed, and nothing changed");
        }
        try (Jmx admin = Jmx.admin()) {
            String trail = String.join("\n", admin.recentAudit());
            assertTrue(trail.contains("operator:" + name + " jmx.invoke → refused (not_permitted)") && trail.contains("Administration.createIntegration"), trail);
            assertTrue(trail.contains("operator:" + name + " jmx.setAttribute → refused (not_permitted)"), trail);
        }
    }

    /** The console message of a refused call, which must be {@code NOT_PERMITTED}. */
    private static void assertNotPermitted(org.junit.jupiter.api.function.Executable call) {
        Exception refused = assertThrows(Exception.class, call);
        assertTrue(consoleMessage(refused) != null && consoleMessage(refused).startsWith("NOT_PERMITTED"), String.valueOf(refused));
        assertTrue(refused instanceof SecurityException || refused.getCause() instanceof SecurityException, String.valueOf(refused));
    }

    @Test
    void aHelpDeskOperatorCannotReadTheJvmsMBeansAndTheAttemptIsAudited() throws Exception {
        ObjectName runtime = new ObjectName("java.lang:type=Runtime");
        String name;
        try (Jmx desk = helpDeskOperator()) {
            name = desk.operatorName();
            // the JVM's arguments and system properties (a keystore password passed as -D would be there)
            assertNotPermitted(() -> desk.server.getAttribute(runtime, "InputArguments"));
            assertNotPermitted(() -> desk.server.getAttributes(runtime, new String[] {"SystemProperties", "InputArguments"}));
            assertNotPermitted(() -> desk.server.getMBeanInfo(new ObjectName("com.sun.management:type=DiagnosticCommand")));
            assertNotPermitted(() -> desk.server.invoke(new ObjectName("java.lang:type=Memory"), "gc", null, null));
            Set<ObjectName> seen = desk.server.queryNames(null, null);
            assertTrue(seen.contains(new ObjectName(Jmx.HELPDESK)), seen.toString());
            assertTrue(seen.stream().allMatch(n -> n.getDomain().equals("org.twofold") || n.getDomain().equals("JMImplementation")),
                    "the help desk lists Twofold's MBeans only: " + seen);
            assertTrue(desk.server.isRegistered(new ObjectName(Jmx.HELPDESK)));
            assertTrue(desk.recentAudit().length > 0, "what the help desk needs still works");
        }
        try (Jmx admin = Jmx.admin()) {
            String trail = String.join("\n", admin.recentAudit());
            assertTrue(trail.contains("operator:" + name + " jmx.getAttribute → refused (not_permitted)") && trail.contains("java.lang:type=Runtime"), trail);
            assertTrue(trail.contains("operator:" + name + " jmx.getAttributes → refused (not_permitted)"), trail);
            assertTrue(trail.contains("operator:" + name + " jmx.invoke → refused (not_permitted)") && trail.contains("java.lang:type=Memory.gc"), trail);
            String[] arguments = (String[]) admin.server.getAttribute(runtime, "InputArguments");
            assertTrue(arguments.length > 0, "an administrator still reads the JVM's MBeans");
        }
    }

    @Test
    void anAdministratorCannotRunCodeDumpMemoryOrCreateMBeansThroughTheJvm() throws Exception {
        Path dumps = Files.createTempDirectory("twofold-dumps");
        Path heapDump = dumps.resolve("heap.hprof");
        Path diagnosticDump = dumps.resolve("gc.hprof");
        ObjectName hotspot = new ObjectName("com.sun.management:type=HotSpotDiagnostic");
        ObjectName diagnostic = new ObjectName("com.sun.management:type=DiagnosticCommand");
        ObjectName mlet = new ObjectName("twofold.attack:type=MLet");
        try (Jmx admin = Jmx.admin()) {
            assertNotPermitted(() -> admin.server.invoke(hotspot, "dumpHeap", new Object[] {heapDump.toString(), true},
                    new String[] {"java.lang.String", "boolean"}));
            assertNotPermitted(() -> admin.server.invoke(hotspot, "setVMOption", new Object[] {"HeapDumpOnOutOfMemoryError", "true"},
                    new String[] {"java.lang.String", "java.lang.String"}));
            assertNotPermitted(() -> admin.server.invoke(diagnostic, "gcHeapDump", new Object[] {new String[] {diagnosticDump.toString()}},
                    new String[] {String[].class.getName()}));
            assertNotPermitted(() -> admin.server.invoke(diagnostic, "vmSystemProperties", new Object[] {null},
                    new String[] {String[].class.getName()}));
            assertNotPermitted(() -> admin.server.invoke(diagnostic, "jvmtiAgentLoad", new Object[] {new String[] {"/tmp/agent.so"}},
                    new String[] {String[].class.getName()}));
            assertNotPermitted(() -> admin.server.createMBean("javax.management.loading.MLet", mlet));
            assertNotPermitted(() -> admin.server.unregisterMBean(new ObjectName(Jmx.AUDIT)));
            assertTrue(!Files.exists(heapDump) && !Files.exists(diagnosticDump), "no heap dump was written");
            assertTrue(!admin.server.isRegistered(mlet), "no MLet was created");
            assertEquals("false", ((CompositeData) admin.server.invoke(hotspot, "getVMOption", new Object[] {"HeapDumpOnOutOfMemoryError"},
                    new String[] {"java.lang.String"})).get("value"), "the VM option is unchanged (and reading it is allowed)");
            admin.server.invoke(new ObjectName("java.lang:type=Memory"), "gc", null, null);
            String trail = String.join("\n", admin.recentAudit());
            assertTrue(trail.contains("jmx.invoke → refused (not_permitted)") && trail.contains("HotSpotDiagnostic.dumpHeap"), trail);
            assertTrue(trail.contains("DiagnosticCommand.gcHeapDump") && trail.contains("DiagnosticCommand.jvmtiAgentLoad"), trail);
            assertTrue(trail.contains("jmx.createMBean → refused (not_permitted)"), trail);
        } finally {
            Files.deleteIfExists(heapDump);
            Files.deleteIfExists(diagnosticDump);
            Files.delete(dumps);
        }
    }

    @Test
    void aParameterThatIsNoOpenTypeIsRefusedWhileItIsReadAndNothingHappens() throws Exception {
        try (Jmx admin = Jmx.admin()) {
            int before = (Integer) admin.get(Jmx.ADMINISTRATION, "SmsBatchSize");
            int other = before == 4 ? 5 : 4;
            // Without the filter the MBean server would set SmsBatchSize and skip only the bad value.
            javax.management.AttributeList attributes = new javax.management.AttributeList();
            attributes.add(new javax.management.Attribute("SmsBatchSize", other));
            attributes.add(new javax.management.Attribute("RememberMeHours", new java.util.HashMap<>(Map.of("a", "b"))));
            Exception refused = assertThrows(IOException.class, () -> admin.server.setAttributes(new ObjectName(Jmx.ADMINISTRATION), attributes));
            assertRejectedByTheFilter(refused);
            assertEquals(before, admin.get(Jmx.ADMINISTRATION, "SmsBatchSize"), "nothing was set");

            String user = unique("filt");
            admin.invoke(Jmx.ADMINISTRATION, "createUser", user, "Filter Test", "Law");
            Exception map = assertThrows(IOException.class, () -> admin.server.invoke(new ObjectName(Jmx.HELPDESK), "unlockUser",
                    new Object[] {new java.util.HashMap<>(Map.of(user, user))}, new String[] {"java.lang.String"}));
            assertRejectedByTheFilter(map);
            List<String> rows = Arrays.asList(admin.auditFor(user));
            assertTrue(rows.stream().noneMatch(l -> l.contains("HelpDesk.unlockUser")), "the call never reached the MBean: " + rows);
            System.out.println("A HashMap sent as a JMX parameter: " + map);
        }
    }

    private static void assertRejectedByTheFilter(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.io.InvalidClassException && String.valueOf(t.getMessage()).contains("REJECTED")) {
                return;
            }
        }
        throw new AssertionError("not refused by the deserialization filter", e);
    }

    @Test
    void anOperatorCreatedOverJmxLogsInWithTheirRoleAndAWrongPasswordIsRefusedAndAudited() throws Exception {
        String name = unique("root");
        try (Jmx admin = Jmx.admin()) {
            assertEquals("Created operator " + name, admin.invoke(Jmx.ADMINISTRATION, "createOperator", name, "admin-password-42", "admin"));
            Exception shortPassword = assertThrows(Exception.class, () -> admin.invoke(Jmx.ADMINISTRATION, "createOperator", unique("x"), "short", "admin"));
            assertTrue(consoleMessage(shortPassword).startsWith("INVALID_VALUE"), consoleMessage(shortPassword));
        }
        assertThrows(SecurityException.class, () -> Jmx.login(name, "admin-password-43"));
        try (Jmx second = Jmx.login(name, "admin-password-42")) {
            String department = unique("Dept ");
            String approver = unique("appr");
            second.invoke(Jmx.ADMINISTRATION, "createUser", approver, "Approver", department);
            assertEquals("Department " + department + ", approver " + approver,
                    second.invoke(Jmx.ADMINISTRATION, "createDepartment", department, approver), "the admin role may administrate");
            String trail = String.join("\n", second.recentAudit());
            assertTrue(trail.contains("operator:" + name + " operator.login → deny (wrong_password)"), trail);
        }
    }

    /**
     * The README's promise "resynchronisation from two consecutive codes", reachable by the help
     * desk: a HOTP token pressed far beyond the look-ahead window is refused at login, resynchronised
     * over JMX from two consecutive codes (a pair that is not consecutive is refused and counted),
     * then the token's next code logs in and the resync codes themselves are spent.
     */
    /**
     * A security-key link (the help desk's way of fulfilling a hardware-token request with a key,
     * registered in WebAuthnIT) is issued only against an approved request: before that the help
     * desk is refused, audited with its operator, and nothing waits for a key.
     */
    @Test
    void aSecurityKeyLinkIsRefusedWithoutAnApprovedTokenRequestAndTheRefusalAudited() throws Exception {
        String user = unique("sk");
        String operator;
        try (Jmx admin = Jmx.admin()) {
            admin.invoke(Jmx.ADMINISTRATION, "createUser", user, "Key Wanted", "Central Administration");
        }
        try (Jmx desk = helpDeskOperator()) {
            operator = desk.operatorName();
            Exception none = assertThrows(Exception.class, () -> desk.invoke(Jmx.HELPDESK, "issueSecurityKeyLink", user));
            assertTrue(consoleMessage(none).startsWith("TOKEN_NOT_APPROVED"), consoleMessage(none));
            Exception unknown = assertThrows(Exception.class, () -> desk.invoke(Jmx.HELPDESK, "issueSecurityKeyLink", unique("nobody")));
            assertTrue(consoleMessage(unknown).startsWith("UNKNOWN_USER"), consoleMessage(unknown));
            assertEquals(0, ((String[]) desk.invoke(Jmx.HELPDESK, "listDevices", user)).length, "nothing waits for a key");
        }
        try (Jmx admin = Jmx.admin()) {
            String trail = String.join("\n", admin.auditFor(user));
            assertTrue(trail.contains("operator:" + operator + " token.assign " + user + " → refused (not_approved)") && trail.contains("security-key link"), trail);
        }
    }

    @Test
    void theHelpDeskResynchronisesADriftedHotpToken() throws Exception {
        String user = unique("rs");
        String serial = unique("HOTP-");
        byte[] seed = newSeed();
        String[] integration;
        try (Jmx admin = Jmx.admin()) {
            admin.invoke(Jmx.ADMINISTRATION, "createUser", user, "Drifted Token", "Law");
            admin.invoke(Jmx.ADMINISTRATION, "importToken", serial, "hotp", Base32.encode(seed), 6);
            admin.invoke(Jmx.ADMINISTRATION, "assignToken", user, serial);
            integration = admin.createIntegration(unique("VPN "));
            AuthServicePortType soap = SoapClient.as(base, integration[0], integration[1]);
            assertEquals(Status.INVALID_PASSCODE, soap.auth(passcode(user, Hotp.generate(seed, 200, 6))).getStatus(), "beyond the window");

            String refused = (String) admin.invoke(Jmx.HELPDESK, "resyncToken", user, serial, Hotp.generate(seed, 200, 6), Hotp.generate(seed, 202, 6));
            assertTrue(refused.startsWith("Not resynchronised"), refused);
            assertEquals("Resynchronised hardware token " + serial + " of " + user,
                    admin.invoke(Jmx.HELPDESK, "resyncToken", user, serial, Hotp.generate(seed, 200, 6), Hotp.generate(seed, 201, 6)));
            assertEquals(Result.ALLOW, soap.auth(passcode(user, Hotp.generate(seed, 202, 6))).getResult(), "the code after the pair");
            assertEquals(Result.DENY, soap.auth(passcode(user, Hotp.generate(seed, 201, 6))).getResult(), "the pair is spent");
            String trail = String.join("\n", admin.recentAudit());
            assertTrue(trail.contains("token.resync " + user + " → deny (codes_not_found)"), trail);
            assertTrue(trail.contains("token.resync " + user + " → done"), trail);
        }
    }

    @Test
    void usersAreCreatedFoundDescribedAndTheirStatusDecidesWhatSoapAnswers() throws Exception {
        String user = unique("st");
        byte[] seed = newSeed();
        String department = unique("Faculty ");
        String[] integration;
        try (Jmx admin = Jmx.admin()) {
            admin.provisionUserWithTotpToken(user, "status-password-1", Base32.encode(seed));
            admin.invoke(Jmx.ADMINISTRATION, "createDepartment", department, user);
            String other = unique("member");
            admin.invoke(Jmx.ADMINISTRATION, "createUser", other, "Grace Member", department);
            String[] found = (String[]) admin.invoke(Jmx.HELPDESK, "findUsers", "Grace Member");
            assertTrue(Arrays.stream(found).anyMatch(f -> f.startsWith(other + " (Grace Member, " + department + ") active")), Arrays.toString(found));
            integration = admin.createIntegration(unique("VPN "));

            AuthServicePortType soap = SoapClient.as(base, integration[0], integration[1]);
            admin.invoke(Jmx.ADMINISTRATION, "setUserStatus", user, "disabled");
            AuthResponse disabled = soap.auth(passcode(user, codeNow(seed)));
            assertEquals(Result.DENY, disabled.getResult(), "a disabled user is refused even with the right code");
            assertEquals("Login denied.", disabled.getStatusMessage());
            assertTrue(((String) admin.invoke(Jmx.HELPDESK, "describeUser", user)).contains(" disabled"));

            admin.invoke(Jmx.ADMINISTRATION, "setUserStatus", user, "bypass");
            AuthResponse bypass = soap.auth(passcode(user, wrongCode(seed)));
            assertEquals(Result.ALLOW, bypass.getResult(), "bypass skips the second factor");
            assertEquals(Status.BYPASS, bypass.getStatus());

            admin.invoke(Jmx.ADMINISTRATION, "setUserStatus", user, "active");
            assertEquals(Result.DENY, soap.auth(passcode(user, wrongCode(seed))).getResult());
            Exception unknown = assertThrows(Exception.class, () -> admin.invoke(Jmx.ADMINISTRATION, "setUserStatus", user, "sleeping"));
            assertTrue(consoleMessage(unknown).startsWith("INVALID_VALUE"), consoleMessage(unknown));
        }
    }

    @Test
    void everyPolicyAttributeIsWritableWithinItsBoundsAndAllowedFactorsIsEnforced() throws Exception {
        Map<String, Object[]> valid = new LinkedHashMap<>();
        valid.put("SmsBatchSize", new Object[] {7, 0});
        valid.put("BypassCodeMinutes", new Object[] {30, 1441});
        valid.put("TemporaryPasscodeMaxHours", new Object[] {48, 721});
        valid.put("TemporaryPasscodeMaxUses", new Object[] {3, 101});
        valid.put("RememberMeHours", new Object[] {24, 721});
        valid.put("LockoutThreshold", new Object[] {20, 0});
        valid.put("PushTimeoutSeconds", new Object[] {90, 9});
        valid.put("CallTimeoutSeconds", new Object[] {90, 601});
        valid.put("PushesPerWindow", new Object[] {20, 1001});
        valid.put("PushWindowMinutes", new Object[] {30, 0});
        valid.put("CallsPerWindow", new Object[] {8, 0});
        valid.put("CallWindowMinutes", new Object[] {120, 1441});
        valid.put("CallPauseAfterFraudMinutes", new Object[] {0, 1441});
        valid.put("PortalStepUpMinutes", new Object[] {1, 0});
        try (Jmx admin = Jmx.admin()) {
            for (var e : valid.entrySet()) {
                Object before = admin.get(Jmx.ADMINISTRATION, e.getKey());
                Exception refused = assertThrows(Exception.class, () -> admin.set(Jmx.ADMINISTRATION, e.getKey(), e.getValue()[1]));
                assertTrue(consoleMessage(refused).startsWith("INVALID_VALUE: " + e.getKey() + " must be between"), consoleMessage(refused));
                assertEquals(before, admin.get(Jmx.ADMINISTRATION, e.getKey()), "nothing changed");
                admin.set(Jmx.ADMINISTRATION, e.getKey(), e.getValue()[0]);
                try {
                    assertEquals(e.getValue()[0], admin.get(Jmx.ADMINISTRATION, e.getKey()));
                } finally {
                    admin.set(Jmx.ADMINISTRATION, e.getKey(), before);
                }
            }
            admin.set(Jmx.ADMINISTRATION, "VerifiedPush", false);
            try {
                assertEquals(false, admin.get(Jmx.ADMINISTRATION, "VerifiedPush"));
            } finally {
                admin.set(Jmx.ADMINISTRATION, "VerifiedPush", true);
            }
            // identity proof for /bypass: PIN on, the SSN's last 4 digits off by default; never both off
            assertEquals(10, admin.get(Jmx.ADMINISTRATION, "PortalStepUpMinutes"));
            assertEquals(true, admin.get(Jmx.ADMINISTRATION, "IdentityProofPin"));
            assertEquals(false, admin.get(Jmx.ADMINISTRATION, "IdentityProofSsn"));
            Exception bothOff = assertThrows(Exception.class, () -> admin.set(Jmx.ADMINISTRATION, "IdentityProofPin", false));
            assertEquals("INVALID_VALUE: IdentityProofPin and IdentityProofSsn cannot both be false", consoleMessage(bothOff));
            assertEquals(true, admin.get(Jmx.ADMINISTRATION, "IdentityProofPin"), "nothing changed");
            admin.set(Jmx.ADMINISTRATION, "IdentityProofSsn", true);
            try {
                assertEquals(true, admin.get(Jmx.ADMINISTRATION, "IdentityProofSsn"));
            } finally {
                admin.set(Jmx.ADMINISTRATION, "IdentityProofSsn", false);
            }

            String user = unique("af");
            byte[] seed = newSeed();
            admin.provisionUserWithTotpToken(user, "factors-password-1", Base32.encode(seed));
            String[] integration = admin.createIntegration(unique("VPN "));
            AuthServicePortType soap = SoapClient.as(base, integration[0], integration[1]);
            Exception unknownFactor = assertThrows(Exception.class, () -> admin.set(Jmx.ADMINISTRATION, "AllowedFactors", "push,carrier-pigeon"));
            assertTrue(consoleMessage(unknownFactor).startsWith("INVALID_VALUE"), consoleMessage(unknownFactor));
            admin.set(Jmx.ADMINISTRATION, "AllowedFactors", "push,phone,sms");
            try {
                assertEquals("push,phone,sms", admin.get(Jmx.ADMINISTRATION, "AllowedFactors"));
                AuthResponse off = soap.auth(passcode(user, codeNow(seed)));
                assertEquals(Result.DENY, off.getResult(), "passcodes are turned off by policy");
                assertEquals("This authentication method is not allowed.", off.getStatusMessage());
            } finally {
                admin.set(Jmx.ADMINISTRATION, "AllowedFactors", "push,phone,sms,passcode");
            }
            assertEquals(Result.ALLOW, soap.auth(passcode(user, codeNow(seed))).getResult());
        }
    }

    @Test
    void aLostPhoneIsDisabledAtOnceItsPendingPushCancelledAndItsCodesRefused() throws Exception {
        String user = unique("lost");
        String[] integration;
        String secret;
        try (Jmx admin = Jmx.admin()) {
            admin.invoke(Jmx.ADMINISTRATION, "createUser", user, "Lost Phone", "Law");
            String enrolled = Smartphones.enrollAndActivate(admin, user, "+1 555 010 0002", "iPhone");
            secret = enrolled.replaceAll("(?s).*[?&]secret=([A-Z2-7]+).*", "$1");
            integration = admin.createIntegration(unique("VPN "));
        }
        byte[] seed = Base32.decode(secret);
        AuthServicePortType soap = SoapClient.as(base, integration[0], integration[1]);
        AuthResponse pushed = soap.auth(auth(user, Factor.PUSH, true));
        assertEquals(Status.PUSHED, pushed.getStatus());
        try (Jmx desk = helpDeskOperator()) {
            assertTrue((Long) desk.get(STATISTICS, "PendingTransactions") >= 1, "the push is pending");
            String[] devices = (String[]) desk.invoke(Jmx.HELPDESK, "listDevices", user);
            assertEquals(1, devices.length, Arrays.toString(devices));
            assertTrue(devices[0].contains("smartphone 'iPhone' XXX-XXX-0002 active"), devices[0]);
            long phone = Long.parseLong(devices[0].split(" ")[0]);
            assertEquals("Disabled device " + phone + " of " + user, desk.invoke(Jmx.HELPDESK, "disableDevice", user, phone));
            assertTrue(((String[]) desk.invoke(Jmx.HELPDESK, "listDevices", user))[0].contains(" disabled "));
            Exception notHers = assertThrows(Exception.class, () -> desk.invoke(Jmx.HELPDESK, "disableDevice", user, phone + 100_000));
            assertTrue(consoleMessage(notHers).startsWith("DEVICE_NOT_FOUND"), consoleMessage(notHers));
        }
        org.twofold.ws.contract.AuthStatusResponse cancelled = soap.authStatus(status(pushed.getTxid(), null));
        assertEquals(Result.DENY, cancelled.getResult(), "the pending push is cancelled at once");
        assertEquals("Login request cancelled.", cancelled.getStatusMessage());
        AuthResponse code = soap.auth(passcode(user, codeNow(seed)));
        assertEquals(Result.DENY, code.getResult(), "the lost phone's codes are refused");
    }

    @Test
    void aTemporaryPasscodeWorksForItsNumberOfUsesWithinPolicyAndIsShownOnlyOnce() throws Exception {
        String user = unique("tmp");
        String[] integration;
        String issued;
        try (Jmx admin = Jmx.admin()) {
            admin.invoke(Jmx.ADMINISTRATION, "createUser", user, "Temp", "Law");
            admin.invoke(Jmx.HELPDESK, "enrollPhone", user, "+1 555 010 0003", "Mobile");
            integration = admin.createIntegration(unique("VPN "));
            Exception tooLong = assertThrows(Exception.class, () -> admin.invoke(Jmx.HELPDESK, "issueTemporaryPasscode", user, 1000, 1));
            assertTrue(consoleMessage(tooLong).startsWith("INVALID_VALUE"), consoleMessage(tooLong));
            issued = (String) admin.invoke(Jmx.HELPDESK, "issueTemporaryPasscode", user, 2, 2);
            String trail = String.join("\n", admin.auditFor(user));
            String code = issued.replaceAll(".*: ([0-9]{9}) .*", "$1");
            assertTrue(!trail.contains(code), "the passcode is not in the audit trail");
        }
        assertTrue(issued.matches("Temporary passcode for " + user + ": [0-9]{9} \\(valid until .* UTC, 2 use\\(s\\)\\)"), issued);
        String code = issued.replaceAll(".*: ([0-9]{9}) .*", "$1");
        AuthServicePortType soap = SoapClient.as(base, integration[0], integration[1]);
        assertEquals(Result.ALLOW, soap.auth(passcode(user, code)).getResult());
        assertEquals(Result.ALLOW, soap.auth(passcode(user, code)).getResult(), "twice");
        assertEquals(Result.DENY, soap.auth(passcode(user, code)).getResult(), "not a third time");
    }

    @Test
    void namesGivenToIntegrationsDepartmentsAndClientsAreCheckedAlikeAndEachRefusalIsAudited() throws Exception {
        try (Jmx admin = Jmx.admin()) {
            // wider than the column, a bidirectional override that would make one name read as another, a line break
            for (String bad : List.of("x".repeat(101), "VPN \u202Eedu", "VPN\nforged audit line")) {
                for (String[] call : List.of(new String[] {"createIntegration"}, new String[] {"createDepartment", ""},
                        new String[] {"createRadiusClient", "10.77.0.0/16", "mfa-only"},
                        new String[] {"createOidcClient", "https://app.example.edu/cb", "confidential"})) {
                    Object[] args = new Object[call.length];
                    args[0] = bad;
                    System.arraycopy(call, 1, args, 1, call.length - 1);
                    Exception refused = assertThrows(Exception.class, () -> admin.invoke(Jmx.ADMINISTRATION, call[0], args));
                    assertTrue(consoleMessage(refused).startsWith("INVALID_VALUE: the "), call[0] + ": " + consoleMessage(refused));
                }
            }
            Exception blank = assertThrows(Exception.class, () -> admin.invoke(Jmx.ADMINISTRATION, "createIntegration", "  "));
            assertEquals("MISSING_FIELD: a name is required for the integration", consoleMessage(blank));
            String audit = String.join("\n", admin.recentAudit());
            for (String action : List.of("integration.create", "department.create", "radius.clientCreate", "oidc.clientCreate")) {
                assertTrue(audit.contains(action + " → refused (invalid_value)"), action + "\n" + audit);
            }
            assertTrue(audit.contains("integration.create → refused (missing_field)"), audit);
            assertFalse(audit.contains("forged audit line"), "a refused name is not written into the trail");
        }
    }

    @Test
    void forgettingRememberedBrowsersIsAuditedWithTheOperatorsName() throws Exception {
        String user = unique("rb");
        try (Jmx admin = Jmx.admin()) {
            admin.invoke(Jmx.ADMINISTRATION, "createUser", user, "Remembered", "Law");
            assertEquals("Forgot 0 remembered browser(s) of " + user, admin.invoke(Jmx.HELPDESK, "forgetRememberedBrowsers", user));
            String trail = String.join("\n", admin.auditFor(user));
            assertTrue(trail.contains("operator:" + System.getProperty("it.admin.user") + " jmx.call " + user + " → done")
                    && trail.contains("HelpDesk.forgetRememberedBrowsers"), trail);
        }
    }

    @Test
    void aPasswordProtectedPskcFileIsImportedWithAReportPerKey() throws Exception {
        String pskc = new String(JmxIT.class.getResourceAsStream("/rfc6030-figure7.xml").readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        String user = unique("fig7");
        String[] integration;
        try (Jmx admin = Jmx.admin()) {
            String[] wrongPassword = (String[]) admin.invoke(Jmx.ADMINISTRATION, "importTokensPskc", pskc, "azerty");
            assertTrue(wrongPassword.length == 1 && wrongPassword[0].startsWith("refused ") && wrongPassword[0].contains("wrong password"),
                    Arrays.toString(wrongPassword));
            String[] report = (String[]) admin.invoke(Jmx.ADMINISTRATION, "importTokensPskc", pskc, "qwerty");
            assertEquals(List.of("imported 987654321 (hotp, 8 digits)"), List.of(report));
            String[] again = (String[]) admin.invoke(Jmx.ADMINISTRATION, "importTokensPskc", pskc, "qwerty");
            assertTrue(again.length == 1 && again[0].startsWith("refused 987654321"), Arrays.toString(again));
            admin.invoke(Jmx.ADMINISTRATION, "createUser", user, "Figure Seven", "Law");
            admin.invoke(Jmx.ADMINISTRATION, "assignToken", user, "987654321");
            integration = admin.createIntegration(unique("VPN "));
        }
        byte[] rfcSecret = "12345678901234567890".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        AuthServicePortType soap = SoapClient.as(base, integration[0], integration[1]);
        assertEquals(Result.ALLOW, soap.auth(passcode(user, Hotp.generate(rfcSecret, 0, 8))).getResult(), "the decrypted seed works");
    }

    /** Collects notifications a remote console receives. */
    private static final class Received implements NotificationListener {
        final BlockingQueue<Notification> queue = new LinkedBlockingQueue<>();

        @Override
        public void handleNotification(Notification notification, Object handback) {
            queue.add(notification);
        }

        /** The next notification of {@code type} about {@code username}, waiting up to 30 s for it. */
        Notification next(String type, String username) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                Notification n = queue.poll(1, TimeUnit.SECONDS);
                if (n != null && n.getType().equals(type) && username.equals(((CompositeData) n.getUserData()).get("username"))) {
                    return n;
                }
            }
            throw new AssertionError("no " + type + " notification about " + username);
        }
    }

    @Test
    void aHelpDeskConsoleIsNotifiedOfALockoutAndTheHelpDeskUnlocks() throws Exception {
        String user = unique("lock");
        byte[] seed = newSeed();
        String[] integration;
        try (Jmx admin = Jmx.admin()) {
            admin.provisionUserWithTotpToken(user, "lockout-password-1", Base32.encode(seed));
            integration = admin.createIntegration(unique("VPN "));
        }
        AuthServicePortType soap = SoapClient.as(base, integration[0], integration[1]);
        try (Jmx desk = helpDeskOperator()) {
            Received received = new Received();
            desk.server.addNotificationListener(new ObjectName(STATISTICS), received, null, null);
            long lockedBefore = (Long) desk.get(STATISTICS, "LockedOutUsers");
            String wrong = wrongCode(seed);
            for (int i = 0; i < 10; i++) {
                soap.auth(passcode(user, wrong));
            }
            Notification n = received.next("twofold.user.lockedOut", user);
            assertEquals(new ObjectName(STATISTICS), n.getSource());
            assertTrue(n.getMessage().startsWith(user + " is locked out after 10 consecutive failures"), n.getMessage());
            assertTrue((Long) desk.get(STATISTICS, "LockedOutUsers") >= lockedBefore + 1 || lockedBefore > 0);
            assertEquals(Status.LOCKED_OUT, soap.auth(passcode(user, codeNow(seed))).getStatus());

            assertEquals("Unlocked " + user, desk.invoke(Jmx.HELPDESK, "unlockUser", user));
            assertEquals(Result.ALLOW, soap.auth(passcode(user, codeNow(seed))).getResult(), "unlocked, she logs in");
        }
    }


    @Test
    void aFraudReportIsNotifiedAndListedForTheHelpDesk() throws Exception {
        String user = unique("fr");
        String[] integration;
        try (Jmx admin = Jmx.admin()) {
            admin.invoke(Jmx.ADMINISTRATION, "createUser", user, "Fraud Target", "Law");
            Smartphones.enrollAndActivate(admin, user, "+1 555 010 0004", "Android");
            integration = admin.createIntegration(unique("VPN "));
        }
        AuthServicePortType soap = SoapClient.as(base, integration[0], integration[1]);
        try (Jmx desk = helpDeskOperator()) {
            Received received = new Received();
            desk.server.addNotificationListener(new ObjectName(STATISTICS), received, null, null);
            String txid = soap.auth(auth(user, Factor.PUSH, true)).getTxid();
            try (Browser browser = new Browser()) {
                browser.openPhone(base, user + " — Android (XXX-XXX-0004)");
                browser.clickWhenReady(By.cssSelector("div.line[data-txid='" + txid + "'] input.fraud"));
                browser.await(By.cssSelector("div.line[data-txid='" + txid + "'][data-state='fraud']"));
            }
            Notification n = received.next("twofold.fraud.reported", user);
            assertTrue(n.getMessage().startsWith(user + " reported a push as fraud"), n.getMessage());
            String reports = String.join("\n", (String[]) desk.invoke(Jmx.HELPDESK, "listFraudReports", 20));
            assertTrue(reports.contains("push.fraud " + user + " → done") && reports.contains("tx " + txid), reports);
        }
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.copy(p, to.resolve(from.relativize(p).toString()), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    /**
     * Waits until the server answers /health with 200, or fails if it exits. Generous limits: a
     * second Payara starting on a busy two-core machine was measured taking 155 s.
     */
    private static void awaitHealthy(Process server, URI health, Path log) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(8);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new AssertionError("the restored server exited: " + Files.readString(log));
            }
            try {
                if (http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // the server is still starting
            }
            server.waitFor(500, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("the restored server did not become healthy: " + Files.readString(log));
    }

    @Test
    void anOnlineBackupTakenUnderLoadRestoresIntoAFreshDataDirWhereTheUserLogsIn() throws Exception {
        String user = unique("bk");
        byte[] seed = newSeed();
        String loadUser = unique("load");
        String[] integration;
        try (Jmx admin = Jmx.admin()) {
            admin.provisionUserWithTotpToken(user, "backup-password-1", Base32.encode(seed));
            admin.invoke(Jmx.ADMINISTRATION, "createUser", loadUser, "Load", "Law");
            integration = admin.createIntegration(unique("VPN "));
        }
        AuthServicePortType soap = SoapClient.as(base, integration[0], integration[1]);

        AtomicBoolean stop = new AtomicBoolean();
        java.util.concurrent.Semaphore writes = new java.util.concurrent.Semaphore(0);
        ExecutorService load = Executors.newFixedThreadPool(2);
        List<Future<?>> running = new ArrayList<>();
        running.add(load.submit(() -> {
            try (Jmx loader = Jmx.admin()) {
                while (!stop.get()) {
                    loader.invoke(Jmx.ADMINISTRATION, "createUser", unique("load"), "Load", "Law");
                    writes.release();
                }
            }
            return null;
        }));
        running.add(load.submit(() -> {
            while (!stop.get()) {
                soap.auth(passcode(loadUser, "000000"));
                writes.release();
            }
            return null;
        }));
        Path backups = Path.of(System.getProperty("it.data.dir") + "-backups");
        String result;
        try (Jmx admin = Jmx.admin()) {
            assertTrue(writes.tryAcquire(10, 60, TimeUnit.SECONDS), "the load is running");
            result = (String) admin.invoke(Jmx.ADMINISTRATION, "backup", backups.toString());
            writes.drainPermits();
            assertTrue(writes.tryAcquire(5, 60, TimeUnit.SECONDS), "the load goes on after the backup");
        } finally {
            stop.set(true);
            load.shutdown();
        }
        for (Future<?> f : running) {
            f.get(60, TimeUnit.SECONDS);
        }
        assertTrue(result.startsWith("Backed up to " + backups.toAbsolutePath().normalize() + File.separator + "twofold-backup-"), result);
        Path backup = Path.of(result.replaceAll("^Backed up to (\\S+) \\(restore.*", "$1"));
        assertTrue(Files.isDirectory(backup.resolve("db")) && Files.isRegularFile(backup.resolve("keys").resolve("twofold.key")), "database and data key");

        Path restored = Path.of(System.getProperty("it.data.dir") + "-restored");
        copyTree(backup, restored);
        int http = freePort();
        int jmx = freePort();
        Path log = restored.resolveSibling(restored.getFileName() + ".log");
        List<String> command = new ArrayList<>(MicroServer.java(restored, http, jmx));
        command.addAll(MicroServer.payaraMicro(http, MicroServer.singleNode()));
        Process server = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            awaitHealthy(server, URI.create("http://localhost:" + http + "/health"), log);
            AuthServicePortType restoredSoap = SoapClient.as(new URL("http://localhost:" + http + "/"), integration[0], integration[1]);
            assertEquals(Result.ALLOW, restoredSoap.auth(passcode(user, codeNow(seed))).getResult(),
                    "the restored server knows the integration, the user and her token's seed");
            try (Jmx restoredAdmin = Jmx.login(jmx, System.getProperty("it.admin.user"), System.getProperty("it.admin.password"))) {
                assertTrue(((String) restoredAdmin.invoke(Jmx.HELPDESK, "describeUser", user)).startsWith(user + " (Test " + user + ", "));
            }
        } finally {
            server.descendants().forEach(ProcessHandle::destroy);
            server.destroy();
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }
}
