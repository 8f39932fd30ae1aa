package org.twofold.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.twofold.operator.OperatorRole;

/** The allow-list of {@link RoleGuard}: who may read, invoke and write what. */
class RoleGuardTest {
    private static final OperatorRole HELPDESK = OperatorRole.HELPDESK;
    private static final OperatorRole ADMIN = OperatorRole.ADMIN;

    private static boolean permitted(OperatorRole role, String method, String name, String operation, boolean jvmControl) throws Exception {
        return RoleGuard.decide(role, method, name == null ? null : new ObjectName(name), operation, jvmControl).isEmpty();
    }

    private static boolean permitted(OperatorRole role, String method, String name, String operation) throws Exception {
        return permitted(role, method, name, operation, false);
    }

    @ParameterizedTest
    @CsvSource({"getAttribute", "getAttributes", "getMBeanInfo", "isInstanceOf", "getObjectInstance", "addNotificationListener"})
    void theHelpDeskSeesTwofoldsMBeansOnly(String read) throws Exception {
        assertTrue(permitted(HELPDESK, read, "org.twofold:type=HelpDesk", null));
        assertTrue(permitted(HELPDESK, read, "org.twofold:type=Administration", null), "policy values are Twofold's");
        assertFalse(permitted(HELPDESK, read, "java.lang:type=Runtime", null), "JVM arguments, system properties");
        assertFalse(permitted(HELPDESK, read, "com.sun.management:type=HotSpotDiagnostic", null));
        assertFalse(permitted(HELPDESK, read, "amx:pp=/domain,type=configs", null));
        assertTrue(permitted(ADMIN, read, "java.lang:type=Runtime", null));
    }

    @Test
    void theHelpDeskInvokesHelpDeskAuditAndStatisticsOnly() throws Exception {
        assertTrue(permitted(HELPDESK, "invoke", "org.twofold:type=HelpDesk", "unlockUser"));
        assertTrue(permitted(HELPDESK, "invoke", "org.twofold:type=Audit", "recent"));
        assertFalse(permitted(HELPDESK, "invoke", "org.twofold:type=Administration", "createOperator"));
        assertFalse(permitted(HELPDESK, "setAttribute", "org.twofold:type=Administration", null));
        assertFalse(permitted(HELPDESK, "invoke", "java.lang:type=Memory", "gc"));
        Optional<String> what = RoleGuard.decide(HELPDESK, "invoke", new ObjectName("org.twofold:type=Administration"), "createOperator", false);
        assertEquals("invoke org.twofold:type=Administration.createOperator", what.orElseThrow());
    }

    @ParameterizedTest
    @CsvSource({
            "com.sun.management:type=DiagnosticCommand, jvmtiAgentLoad",
            "com.sun.management:type=DiagnosticCommand, gcHeapDump",
            "com.sun.management:type=DiagnosticCommand, vmSystemProperties",
            "com.sun.management:type=HotSpotDiagnostic, dumpHeap",
            "com.sun.management:type=HotSpotDiagnostic, setVMOption",
            "jdk.management.jfr:type=FlightRecorder, startRecording",
            "java.util.logging:type=Logging, setLoggerLevel",
            "javax.management.loading:type=MLet, getMBeansFromURL",
            "amx:pp=/domain/applications,type=application, deploy",
            "fish.payara.micro:type=Deployer, deploy",
    })
    void anAdministratorCannotRunCodeOrDumpMemoryThroughTheJvm(String mbean, String operation) throws Exception {
        assertFalse(permitted(ADMIN, "invoke", mbean, operation));
        assertTrue(permitted(ADMIN, "invoke", mbean, operation, true), "TWOFOLD_JMX_JVM_CONTROL=true allows it");
    }

    @Test
    void anAdministratorMayDoHarmlessJvmOperations() throws Exception {
        assertTrue(permitted(ADMIN, "invoke", "java.lang:type=Memory", "gc"));
        assertTrue(permitted(ADMIN, "invoke", "java.lang:type=Threading", "findDeadlockedThreads"));
        assertTrue(permitted(ADMIN, "invoke", "java.lang:name=G1 Old Gen,type=MemoryPool", "resetPeakUsage"));
        assertTrue(permitted(ADMIN, "invoke", "com.sun.management:type=HotSpotDiagnostic", "getVMOption"));
        assertFalse(permitted(ADMIN, "setAttribute", "java.lang:type=Threading", null), "no JVM attribute is written");
        assertTrue(permitted(ADMIN, "invoke", "org.twofold:type=Administration", "createOperator"));
        assertTrue(permitted(ADMIN, "setAttributes", "org.twofold:type=Administration", null));
    }

    @ParameterizedTest
    @CsvSource({"createMBean", "registerMBean", "unregisterMBean", "instantiate", "deserialize"})
    void nobodyCreatesOrRemovesMBeans(String method) throws Exception {
        assertFalse(permitted(ADMIN, method, "javax.management.loading:type=MLet", null, true));
        assertFalse(permitted(ADMIN, method, null, null, true));
        assertFalse(permitted(HELPDESK, method, "org.twofold:type=HelpDesk", null, true));
    }

    @Test
    void queriesNameNoMBeanAndAreAnswered() throws Exception {
        assertTrue(permitted(HELPDESK, "queryNames", null, null));
        assertTrue(permitted(HELPDESK, "getDomains", null, null));
        assertTrue(RoleGuard.visible(HELPDESK, new ObjectName("JMImplementation:type=MBeanServerDelegate")));
        assertFalse(RoleGuard.visible(HELPDESK, new ObjectName("java.lang:type=Memory")));
    }
}
