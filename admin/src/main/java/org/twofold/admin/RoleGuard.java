package org.twofold.admin;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.remote.MBeanServerForwarder;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditTrail;
import org.twofold.operator.OperatorRole;

/**
 * Sits between the JMX connector and the MBean server and enforces roles on every remote call:
 * reading is open to every operator; operations and attribute writes on {@code HelpDesk},
 * {@code Audit} and {@code Statistics} need the help-desk role, on {@code Administration} and on
 * every MBean outside {@code org.twofold} (the JVM's own) the admin role; creating or removing
 * MBeans remotely is refused to everyone (it would let a console load code). Refusals are audited.
 */
final class RoleGuard implements InvocationHandler {
    static final String DOMAIN = "org.twofold";
    private static final Set<String> WRITES = Set.of("invoke", "setAttribute", "setAttributes");
    private static final Set<String> NEVER = Set.of("createMBean", "unregisterMBean", "registerMBean", "instantiate", "deserialize");
    private static final Set<String> HELPDESK_TYPES = Set.of("HelpDesk", "Audit", "Statistics");

    private final AuditTrail audit;
    private MBeanServer target;

    private RoleGuard(AuditTrail audit) {
        this.audit = audit;
    }

    static MBeanServerForwarder create(AuditTrail audit) {
        return (MBeanServerForwarder) Proxy.newProxyInstance(MBeanServerForwarder.class.getClassLoader(),
                new Class<?>[] {MBeanServerForwarder.class}, new RoleGuard(audit));
    }

    /** The role needed to invoke or write on {@code name}. */
    static OperatorRole requiredRole(ObjectName name) {
        if (name != null && DOMAIN.equals(name.getDomain()) && HELPDESK_TYPES.contains(name.getKeyProperty("type"))) {
            return OperatorRole.HELPDESK;
        }
        return OperatorRole.ADMIN;
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
        if (NEVER.contains(op) || WRITES.contains(op)) {
            OperatorPrincipal who = CurrentOperator.principal().orElseThrow(() -> new SecurityException("Not authenticated"));
            ObjectName name = args != null && args.length > 0 && args[0] instanceof ObjectName n ? n : null;
            if (NEVER.contains(op) || !who.role().includes(requiredRole(name))) {
                String what = op + (name == null ? "" : " " + name) + (op.equals("invoke") && args.length > 1 ? "." + args[1] : "");
                audit.recordRefusal(Actor.operator(who.getName(), who.origin()), null, "jmx." + op, "not_permitted", what);
                throw new SecurityException("NOT_PERMITTED: the " + who.role().name().toLowerCase(java.util.Locale.ROOT)
                        + " role may not " + what);
            }
        }
        Object result;
        try {
            result = method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        if (WRITES.contains(op) && args[0] instanceof ObjectName name && DOMAIN.equals(name.getDomain())) {
            auditCall(name, op, args);
        }
        return result;
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
        audit.recordCall(Actor.operator(who.getName(), who.origin()), subject, "jmx.call", what);
    }
}
