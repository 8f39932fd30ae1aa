package org.twofold.admin;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.InvalidAttributeValueException;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanException;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.NotificationBroadcasterSupport;
import javax.management.NotificationEmitter;
import javax.management.ReflectionException;
import javax.management.StandardEmitterMBean;
import org.twofold.TwofoldException;

/**
 * An MXBean whose operations and parameters carry the names and descriptions of {@link Description}
 * and {@link Param}, and whose errors reach the console as plain {@code IllegalArgumentException
 * ("CODE: text")} — the one place JMX maps domain error codes — never as classes a console cannot
 * load, and never with a stack trace of the server. An MBean that sends notifications delegates its
 * listeners to the given emitter (the others have one that never sends).
 */
final class DescribedMBean<T> extends StandardEmitterMBean {
    private static final Logger LOG = Logger.getLogger(DescribedMBean.class.getName());

    private final Class<T> type;
    private final PolicyAttributes policy;

    DescribedMBean(T implementation, Class<T> type) {
        this(implementation, type, new NotificationBroadcasterSupport(), null);
    }

    DescribedMBean(T implementation, Class<T> type, NotificationEmitter emitter) {
        this(implementation, type, emitter, null);
    }

    /** With the policy's attributes besides the interface's (the Administration MBean). */
    DescribedMBean(T implementation, Class<T> type, PolicyAttributes policy) {
        this(implementation, type, new NotificationBroadcasterSupport(), policy);
    }

    private DescribedMBean(T implementation, Class<T> type, NotificationEmitter emitter, PolicyAttributes policy) {
        super(mappingErrors(implementation, type), type, true, emitter);
        this.type = type;
        this.policy = policy;
    }

    @Override
    public MBeanInfo getMBeanInfo() {
        MBeanInfo info = super.getMBeanInfo();
        if (policy == null) {
            return info;
        }
        MBeanAttributeInfo[] own = info.getAttributes();
        MBeanAttributeInfo[] added = policy.infos();
        MBeanAttributeInfo[] all = Arrays.copyOf(own, own.length + added.length);
        System.arraycopy(added, 0, all, own.length, added.length);
        return new MBeanInfo(info.getClassName(), info.getDescription(), all, info.getConstructors(), info.getOperations(),
                info.getNotifications(), info.getDescriptor());
    }

    @Override
    public Object getAttribute(String attribute) throws AttributeNotFoundException, MBeanException, ReflectionException {
        if (policy != null && policy.has(attribute)) {
            return policy.get(attribute);
        }
        return super.getAttribute(attribute);
    }

    @Override
    public void setAttribute(Attribute attribute)
            throws AttributeNotFoundException, InvalidAttributeValueException, MBeanException, ReflectionException {
        if (policy != null && policy.has(attribute.getName())) {
            try {
                policy.set(attribute.getName(), attribute.getValue());
            } catch (RuntimeException e) {
                throw toConsole(e);
            }
            return;
        }
        super.setAttribute(attribute);
    }

    @Override
    public AttributeList getAttributes(String[] attributes) {
        AttributeList list = new AttributeList();
        for (String name : attributes) {
            try {
                list.add(new Attribute(name, getAttribute(name)));
            } catch (JMException | RuntimeException e) {
                // as the JMX specification asks: an attribute that cannot be read is left out
            }
        }
        return list;
    }

    @Override
    public AttributeList setAttributes(AttributeList attributes) {
        AttributeList set = new AttributeList();
        for (Attribute a : attributes.asList()) {
            try {
                setAttribute(a);
                set.add(new Attribute(a.getName(), getAttribute(a.getName())));
            } catch (JMException | RuntimeException e) {
                // left out of the answer: the caller sees which were set
            }
        }
        return set;
    }

    private static <T> T mappingErrors(T implementation, Class<T> type) {
        InvocationHandler handler = (proxy, method, args) -> {
            try {
                return method.invoke(implementation, args);
            } catch (InvocationTargetException e) {
                throw toConsole(e.getCause());
            }
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    static RuntimeException toConsole(Throwable t) {
        var te = TwofoldException.in(t);
        if (te.isPresent()) {
            return new IllegalArgumentException(te.get().code().name() + ": " + te.get().getMessage());
        }
        if (t instanceof IllegalArgumentException || t instanceof IllegalStateException || t instanceof SecurityException) {
            return new IllegalStateException(t.getMessage());
        }
        LOG.log(Level.WARNING, "A console operation failed", t);
        return new IllegalStateException("SERVER_ERROR: the operation failed; see the server log");
    }

    private Method find(MBeanOperationInfo op) {
        return Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equals(op.getName()) && m.getParameterCount() == op.getSignature().length)
                .findFirst().orElse(null);
    }

    @Override
    protected String getDescription(MBeanAttributeInfo attribute) {
        for (String prefix : new String[] {"get", "is"}) {
            try {
                Description d = type.getMethod(prefix + attribute.getName()).getAnnotation(Description.class);
                if (d != null) {
                    return d.value();
                }
            } catch (NoSuchMethodException notThisPrefix) {
                // try the next accessor form
            }
        }
        return super.getDescription(attribute);
    }

    @Override
    protected String getDescription(MBeanOperationInfo op) {
        Method m = find(op);
        Description d = m == null ? null : m.getAnnotation(Description.class);
        return d == null ? super.getDescription(op) : d.value();
    }

    @Override
    protected String getParameterName(MBeanOperationInfo op, MBeanParameterInfo param, int sequence) {
        Param p = param(op, sequence);
        return p == null ? super.getParameterName(op, param, sequence) : p.value();
    }

    @Override
    protected String getDescription(MBeanOperationInfo op, MBeanParameterInfo param, int sequence) {
        Param p = param(op, sequence);
        if (p == null) {
            return super.getDescription(op, param, sequence);
        }
        // A parameter whose name says it all (username, serial) is described by its name, not "p0".
        return p.description().isEmpty() ? p.value() : p.description();
    }

    private Param param(MBeanOperationInfo op, int sequence) {
        Method m = find(op);
        return m == null ? null : m.getParameters()[sequence].getAnnotation(Param.class);
    }
}
