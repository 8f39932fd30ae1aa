import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * bench/ear-check's operator check of a deployed Twofold: logs in to the JMX console as the first
 * administrator, creates an integration, and calls SOAP {@code check} with its key and secret; then
 * registers a RADIUS client for {@code 127.0.0.1} (mode {@code mfa-only}; the one an earlier check
 * registered, named in {@code NAS_FILE}, disabled first: one enabled client per address) and prints
 * its shared secret on standard output, for the script's {@code radclient}.
 *
 * <p>{@code java bench/EarCheck.java JMX_PORT USER PASSWORD SOAP_URL NAS_FILE}
 */
public class EarCheck {
    public static void main(String[] args) throws Exception {
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://localhost:" + args[0] + "/jmxrmi");
        String key;
        String secret;
        String radiusSecret;
        try (JMXConnector c = JMXConnectorFactory.connect(url, Map.of(JMXConnector.CREDENTIALS, new String[] {args[1], args[2]}))) {
            MBeanServerConnection server = c.getMBeanServerConnection();
            CompositeData created = (CompositeData) server.invoke(new ObjectName("org.twofold:type=Administration"), "createIntegration",
                    new Object[] {"EAR check " + System.nanoTime()}, new String[] {String.class.getName()});
            key = (String) created.get("integrationKey");
            secret = (String) created.get("secret");
            server.getAttribute(new ObjectName("org.twofold:type=Statistics"), "PendingTransactions");
            java.nio.file.Path nasFile = java.nio.file.Path.of(args[4]);
            if (java.nio.file.Files.exists(nasFile)) {
                server.invoke(new ObjectName("org.twofold:type=Administration"), "disableRadiusClient",
                        new Object[] {java.nio.file.Files.readString(nasFile)}, new String[] {String.class.getName()});
            }
            String nasName = "EAR check NAS " + System.nanoTime();
            CompositeData nas = (CompositeData) server.invoke(new ObjectName("org.twofold:type=Administration"), "createRadiusClient",
                    new Object[] {nasName, "127.0.0.1", "mfa-only"},
                    new String[] {String.class.getName(), String.class.getName(), String.class.getName()});
            java.nio.file.Files.writeString(nasFile, nasName);
            radiusSecret = (String) nas.get("sharedSecret");
        }
        String envelope = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:t=\"urn:twofold:auth:1\"><soap:Header>"
                + "<wsse:Security xmlns:wsse=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd\"><wsse:UsernameToken>"
                + "<wsse:Username>" + key + "</wsse:Username><wsse:Password Type=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText\">"
                + secret + "</wsse:Password></wsse:UsernameToken></wsse:Security></soap:Header><soap:Body><t:check/></soap:Body></soap:Envelope>";
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(args[3]))
                .header("Content-Type", "text/xml; charset=utf-8").header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofString(envelope)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200 || !r.body().contains("time>")) {
            System.err.println("SOAP check with the new integration answered " + r.statusCode() + ": " + r.body());
            System.exit(1);
        }
        System.out.println(radiusSecret);
    }
}
