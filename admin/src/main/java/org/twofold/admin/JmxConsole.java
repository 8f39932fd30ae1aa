package org.twofold.admin;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.twofold.audit.AuditTrail;
import org.twofold.audit.Statistics;
import org.twofold.auth.RememberedBrowsers;
import org.twofold.bypass.BypassCodes;
import org.twofold.device.Devices;
import org.twofold.device.Enrollment;
import org.twofold.policy.Policies;
import org.twofold.user.Departments;
import org.twofold.device.TokenInventory;
import org.twofold.integration.Integrations;
import org.twofold.operator.Operators;
import org.twofold.site.Readiness;
import org.twofold.site.Settings;
import org.twofold.user.Users;

/**
 * Starts Twofold's JMX console: registers the {@code org.twofold} MBeans in the platform MBean
 * server and serves them on {@code TWOFOLD_JMX_PORT} through an application-owned RMI connector
 * (registry and connection objects on that one port, bound to {@code TWOFOLD_JMX_HOST}) that logs
 * operators in with their Twofold accounts and enforces roles, over TLS when {@code
 * TWOFOLD_JMX_TLS_KEYSTORE} is set (required when {@code TWOFOLD_JMX_HOST} is not a loopback address). Payara's own JMX connector is not used: it cannot check
 * Twofold's accounts.
 */
@Singleton
@Startup
public class JmxConsole {
    private static final Logger LOG = Logger.getLogger(JmxConsole.class.getName());

    @EJB
    private Users users;

    @EJB
    private TokenInventory tokens;

    @EJB
    private Integrations integrations;

    @EJB
    private Operators operators;

    @EJB
    private AuditTrail audit;

    @EJB
    private Policies policies;

    @EJB
    private Statistics statistics;

    @EJB
    private org.twofold.auth.Authentication authentication;

    @EJB
    private Departments departments;

    @EJB
    private Devices devices;

    @EJB
    private org.twofold.directory.DirectoryAccounts directoryAccounts;

    @EJB
    private Enrollment enrollment;

    @EJB
    private BypassCodes bypass;

    @EJB
    private RememberedBrowsers browsers;

    @Inject
    private SecurityAlerts alerts;

    @EJB
    private org.twofold.site.Backups backups;

    @EJB
    private org.twofold.integration.HostedPrompt hostedPrompt;

    @EJB
    private org.twofold.device.TokenRequests tokenRequests;

    @EJB
    private org.twofold.radius.RadiusClients radiusClients;

    @EJB
    private org.twofold.directory.DirectorySync directorySync;

    @EJB
    private org.twofold.oidc.OidcClients oidcClients;

    @EJB
    private org.twofold.oidc.SigningKeys signingKeys;

    @EJB
    private Readiness readiness;

    private final List<ObjectName> registered = new ArrayList<>();
    private ConsoleConnector connector;

    @PostConstruct
    void start() {
        MBeanServer mbs = ManagementFactory.getPlatformMBeanServer();
        register(mbs, "Administration", new DescribedMBean<>(new Administration(users, tokens, integrations, operators, departments, backups).withHostedPrompt(hostedPrompt).withRadiusClients(radiusClients)
                .withDirectorySync(directorySync).withOpenIdConnect(oidcClients, signingKeys), AdministrationMXBean.class,
                new PolicyAttributes(policies)));
        register(mbs, "HelpDesk", new DescribedMBean<>(new HelpDesk(users, devices, enrollment, bypass, browsers, audit, tokenRequests, tokens, directoryAccounts), HelpDeskMXBean.class));
        register(mbs, "Audit", new DescribedMBean<>(new AuditConsole(audit), AuditMXBean.class));
        register(mbs, "Statistics", new DescribedMBean<>(new StatisticsConsole(statistics, users, authentication).withDirectorySync(directorySync), StatisticsMXBean.class, alerts.emitter()));

        Settings settings = Settings.current();
        String host = settings.get(Settings.JMX_HOST);
        int port = settings.getInt(Settings.JMX_PORT);
        ConsoleConnector.Tls tls = settings.find(Settings.JMX_TLS_KEYSTORE)
                .map(ks -> new ConsoleConnector.Tls(ks, settings.find(Settings.JMX_TLS_PASSWORD).orElse("").toCharArray()))
                .orElse(null);
        try {
            if (System.getProperty("java.rmi.server.hostname") == null) {
                System.setProperty("java.rmi.server.hostname", host);
            }
            connector = ConsoleConnector.start(host, port, tls, new OperatorAuthenticator(operators),
                    RoleGuard.create(audit, settings.getBoolean(Settings.JMX_JVM_CONTROL)), mbs);
        } catch (IllegalStateException e) {
            LOG.severe("Twofold's JMX console does not start: " + e.getMessage());
            stop();
            throw e;
        } catch (IOException e) {
            stop();
            throw new IllegalStateException("Cannot start the JMX console on " + host + ":" + port
                    + " (TWOFOLD_JMX_HOST, TWOFOLD_JMX_PORT" + (tls == null ? "" : ", TWOFOLD_JMX_TLS_KEYSTORE") + "): " + e.getMessage(), e);
        }
        readiness.up(Readiness.Component.JMX, settings.jmxServiceUrl() + (tls == null ? "" : " (TLS)"));
    }

    private void register(MBeanServer mbs, String type, Object mbean) {
        try {
            ObjectName name = new ObjectName(RoleGuard.DOMAIN + ":type=" + type);
            if (mbs.isRegistered(name)) {
                mbs.unregisterMBean(name);
            }
            mbs.registerMBean(mbean, name);
            registered.add(name);
        } catch (JMException e) {
            throw new IllegalStateException("Cannot register MBean " + type, e);
        }
    }

    @PreDestroy
    void stop() {
        try {
            if (connector != null) {
                connector.stop();
                connector = null;
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "JMX connector did not stop cleanly", e);
        }
        MBeanServer mbs = ManagementFactory.getPlatformMBeanServer();
        for (ObjectName name : registered) {
            try {
                mbs.unregisterMBean(name);
            } catch (JMException ignored) {
                // already gone
            }
        }
        registered.clear();
    }
}
