package org.twofold.admin;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import javax.management.MBeanServer;
import javax.management.ObjectInstance;
import javax.management.ObjectName;
import javax.management.remote.MBeanServerForwarder;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditAction;
import org.twofold.audit.AuditTrail;
import org.twofold.operator.OperatorRole;

/**
 * Sits between the JMX connector and the MBean server and enforces roles on every remote call
 * ({@link #decide}, an allow-list): the help desk reads, lists and listens to Twofold's own MBeans
 * (domain {@code org.twofold}) only, and invokes or writes on {@code HelpDesk}, {@code Audit} and
 * {@code Statistics}; an administrator reads everything and invokes or writes on every Twofold
 * MBean, but on the JVM's and Payara's MBeans only the few harmless operations of {@link
 * #JVM_OPERATIONS} (garbage collection, thread and deadlock information) — nothing that runs code,
 * dumps or reads memory or changes VM options (DiagnosticCommand, HotSpotDiagnostic's {@code
 * dumpHeap} and {@code setVMOption}, MLets, Payara's deployment) unless {@code
 * TWOFOLD_JMX_JVM_CONTROL=true}. Creating, registering or removing MBeans is refused to everyone
 * (it would let a console load code). A help desk query lists Twofold's MBeans only. Refusals are audited (a refused read once per operator, address and
 * target every ten minutes, as consoles poll).
 */
final class RoleGuard implements InvocationHandler {
    static final String DOMAIN = "org.twofold";
    private static final Set<String> WRITES = Set.of("invoke", "setAttribute", "setAttributes");
    private static final Set<String> NEVER = Set.of("createMBean", "unregisterMBean", "registerMBean", "instantiate", "deserialize");
    /**
     * Not callable by a console (no remote method reaches them): the connector itself asks them to
     * read a call's parameters with the target MBean's class loader, through the filter of {@link
     * ConsoleConnector#SERIAL_FILTER}.
     */
    private static final Set<String> CONNECTOR_INTERNAL = Set.of("getClassLoader", "getClassLoaderFor", "getClassLoaderRepository");
    /** Calls naming no MBean that answer nothing secret (a help desk query's answer is narrowed). */
    private static final Set<String> GLOBAL = Set.of("queryNames", "queryMBeans", "getDomains", "getDefaultDomain", "getMBeanCount");
    private static final Set<String> HELPDESK_TYPES = Set.of("HelpDesk", "Audit", "Statistics");
    /** The MBean server's own MBean: consoles read it and listen to it for MBeans coming and going. */
    private static final String DELEGATE = "JMImplementation:type=MBeanServerDelegate";
    /**
     * The operations an administrator may invoke on the JVM's MBeans without {@code
     * TWOFOLD_JMX_JVM_CONTROL}: MBean name pattern → operations. None runs code, reads memory or
     * changes how the VM runs.
     */
    static final Map<String, Set<String>> JVM_OPERATIONS = Map.of(
            "java.lang:type=Memory", Set.of("gc"),
            "java.lang:type=Threading", Set.of("findDeadlockedThreads", "findMonitorDeadlockedThreads", "getThreadInfo",
                    "getThreadCpuTime", "getThreadUserTime", "getThreadAllocatedBytes", "dumpAllThreads"),
            "java.lang:type=MemoryPool,*", Set.of("resetPeakUsage"),
            "java.util.logging:type=Logging", Set.of("getLoggerLevel", "getParentLoggerName"),
            "com.sun.management:type=HotSpotDiagnostic", Set.of("getVMOption"));
    private static final Map<ObjectName, Set<String>> JVM_PATTERNS = JVM_OPERATIONS.entrySet().stream()
            .collect(Collectors.toMap(e -> pattern(e.getKey()), Map.Entry::getValue));
    private static final Duration READ_REFUSAL_AUDIT_EVERY = Duration.ofMinutes(10);

    private final AuditTrail audit;
    private final boolean jvmControl;
    private final Map<String, Instant> readRefusalsAudited = new ConcurrentHashMap<>();
    private MBeanServer target;

    private RoleGuard(AuditTrail audit, boolean jvmControl) {
        this.audit = audit;
        this.jvmControl = jvmControl;
    }

    /** @param jvmControl {@code TWOFOLD_JMX_JVM_CONTROL}: administrators may invoke any JVM or Payara MBean */
    static MBeanServerForwarder create(AuditTrail audit, boolean jvmControl) {
        return (MBeanServerForwarder) Proxy.newProxyInstance(MBeanServerForwarder.class.getClassLoader(),
                new Class<?>[] {MBeanServerForwarder.class}, new RoleGuard(audit, jvmControl));
    }

    /** The role needed to invoke or write on Twofold's MBean {@code name}. */
    static OperatorRole requiredRole(ObjectName name) {
        if (name != null && DOMAIN.equals(name.getDomain()) && HELPDESK_TYPES.contains(name.getKeyProperty("type"))) {
            return OperatorRole.HELPDESK;
        }
        return OperatorRole.ADMIN;
    }

    /** Whether {@code role} may see {@code name} at all: read it, list it, listen to it. */
    static boolean visible(OperatorRole role, ObjectName name) {
        return role.includes(OperatorRole.ADMIN) || name != null
                && (DOMAIN.equals(name.getDomain()) || DELEGATE.equals(name.getCanonicalName()));
    }

    /**
     * Whether {@code role} may make the call {@code method} on {@code name} ({@code operation}: the
     * operation invoked, for {@code invoke}); {@code jvmControl} is {@code TWOFOLD_JMX_JVM_CONTROL}.
     *
     * @return empty if permitted, else what was refused, for the message and the audit trail
     */
    static Optional<String> decide(OperatorRole role, String method, ObjectName name, String operation, boolean jvmControl) {
        String what = method + (name == null ? "" : " " + name) + (operation == null ? "" : "." + operation);
        if (NEVER.contains(method)) {
            return Optional.of(what);
        }
        if (GLOBAL.contains(method)) {
            return Optional.empty();
        }
        if (!visible(role, name)) {
            return Optional.of(what);
        }
        if (!WRITES.contains(method)) {
            return Optional.empty();
        }
        if (DOMAIN.equals(name.getDomain())) {
            return role.includes(requiredRole(name)) ? Optional.empty() : Optional.of(what);
        }
        // outside Twofold's domain only administrators get here (visible), and only harmless operations pass
        if (jvmControl || method.equals("invoke") && jvmOperation(name, operation)) {
            return Optional.empty();
        }
        return Optional.of(what);
    }

    private static boolean jvmOperation(ObjectName name, String operation) {
        return JVM_PATTERNS.entrySet().stream().anyMatch(e -> e.getKey().apply(name) && e.getValue().contains(operation));
    }

    private static ObjectName pattern(String name) {
        try {
            return new ObjectName(name);
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String op = method.getName();
        if (op.equals("getMBeanServer")) {
            return target;
        }
        if (op.equals("setMBeanServer")) {
            target = (MBeanServer) args[0];
            return null;
        }
        if (method.getDeclaringClass() == Object.class) {
            return method.invoke(this, args);
        }
        if (CONNECTOR_INTERNAL.contains(op)) {
            return forward(method, args);
        }
        OperatorPrincipal who = CurrentOperator.principal().orElse(null);
        if (who == null) {
            // The connector's own machinery (its notification buffer) reads in privileged blocks
            // that carry no Subject; a remote call always carries its operator's.
            if (NEVER.contains(op) || WRITES.contains(op)) {
                throw new SecurityException("Not authenticated");
            }
            return forward(method, args);
        }
        ObjectName name = args != null && args.length > 0 && args[0] instanceof ObjectName n ? n : null;
        String operation = op.equals("invoke") && args.length > 1 && args[1] instanceof String o ? o : null;
        Optional<String> refused = decide(who.role(), op, name, operation, jvmControl);
        if (refused.isEmpty() && args != null && args.length > 1 && args[1] instanceof ObjectName listener
                && (op.equals("addNotificationListener") || op.equals("removeNotificationListener"))
                && !visible(who.role(), listener)) {
            refused = Optional.of(op + " " + listener);
        }
        if (refused.isPresent()) {
            refuse(who, op, refused.get());
        }
        Object result = forward(method, args);
        if (WRITES.contains(op) && name != null && DOMAIN.equals(name.getDomain())) {
            auditCall(name, op, args);
        }
        return narrowed(who.role(), op, result);
    }

    private Object forward(Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private void refuse(OperatorPrincipal who, String op, String what) {
        boolean read = !WRITES.contains(op) && !NEVER.contains(op);
        String key = who.getName() + "|" + who.origin() + "|" + what;
        Instant now = Instant.now();
        Instant last = read ? readRefusalsAudited.get(key) : null;
        if (last == null || last.isBefore(now.minus(READ_REFUSAL_AUDIT_EVERY))) {
            if (read) {
                if (readRefusalsAudited.size() > 10_000) {
                    readRefusalsAudited.clear(); // bounded: at worst a refusal is audited once more
                }
                readRefusalsAudited.put(key, now);
            }
            audit.recordRefusal(Actor.operator(who.getName(), who.origin()), null, AuditAction.jmx(op), "not_permitted",
                    what.length() > 200 ? what.substring(0, 200) : what);
        }
        throw new SecurityException("NOT_PERMITTED: the " + who.role().name().toLowerCase(Locale.ROOT) + " role may not " + what);
    }

    /** A help desk operator's query lists only the MBeans it may see. */
    @SuppressWarnings("unchecked")
    private static Object narrowed(OperatorRole role, String op, Object result) {
        if (role.includes(OperatorRole.ADMIN) || result == null) {
            return result;
        }
        return switch (op) {
            case "queryNames" -> ((Set<ObjectName>) result).stream().filter(n -> visible(role, n))
                    .collect(Collectors.toCollection(HashSet::new));
            case "queryMBeans" -> ((Set<ObjectInstance>) result).stream().filter(i -> visible(role, i.getObjectName()))
                    .collect(Collectors.toCollection(HashSet::new));
            case "getDomains" -> Arrays.stream((String[]) result).filter(d -> d.equals(DOMAIN) || d.equals("JMImplementation"))
                    .toArray(String[]::new);
            default -> result;
        };
    }

    /**
     * One audit row per console operation or attribute write on Twofold's MBeans: the operator,
     * the MBean and operation, and the user concerned if the first parameter is a username. The
     * arguments themselves are never recorded: they can be passwords, seeds or token files.
     */
    private void auditCall(ObjectName name, String op, Object[] args) throws Exception {
        OperatorPrincipal who = CurrentOperator.principal().orElse(null);
        if (who == null) {
            return;
        }
        String type = name.getKeyProperty("type");
        String what;
        String subject = null;
        if (op.equals("invoke")) {
            String operation = (String) args[1];
            what = type + "." + operation;
            Object[] params = (Object[]) args[2];
            String[] signature = (String[]) args[3];
            for (var info : target.getMBeanInfo(name).getOperations()) {
                if (info.getName().equals(operation) && info.getSignature().length == (signature == null ? 0 : signature.length)
                        && info.getSignature().length > 0 && info.getSignature()[0].getName().equals("username")
                        && params[0] instanceof String u) {
                    subject = u.length() > 64 ? u.substring(0, 64) : u.trim().toLowerCase(java.util.Locale.ROOT);
                }
            }
        } else if (op.equals("setAttribute")) {
            what = type + "." + ((javax.management.Attribute) args[1]).getName() + " (set)";
        } else {
            what = type + " (attributes set)";
        }
        audit.recordCall(Actor.operator(who.getName(), who.origin()), subject, AuditAction.JMX_CALL, what);
    }
}
