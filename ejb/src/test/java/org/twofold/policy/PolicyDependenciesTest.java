package org.twofold.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The policy is below every capability that obeys it: its sources name no domain package but the
 * audit trail (a change is audited), so that logging in, devices, passcodes and delivery may all
 * read the policy and its {@link Factor}s without a cycle back to them.
 */
class PolicyDependenciesTest {
    private static final Pattern DOMAIN_REFERENCE = Pattern.compile("\\borg\\.twofold\\.([a-z]+)\\.");

    @Test
    void policyNamesNoDomainPackageButTheAuditTrail() throws IOException {
        Path sources = Path.of("src/main/java/org/twofold/policy");
        List<String> offences = new ArrayList<>();
        int files = 0;
        try (Stream<Path> all = Files.list(sources)) {
            for (Path source : all.filter(p -> p.toString().endsWith(".java")).toList()) {
                files++;
                Matcher m = DOMAIN_REFERENCE.matcher(Files.readString(source));
                while (m.find()) {
                    if (!m.group(1).equals("policy") && !m.group(1).equals("audit")) {
                        offences.add(source.getFileName() + " names org.twofold." + m.group(1));
                    }
                }
            }
        }
        assertTrue(files >= 5, "the policy's sources were read: " + files);
        assertEquals(List.of(), offences);
    }
}
