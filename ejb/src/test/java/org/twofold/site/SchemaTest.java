package org.twofold.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class SchemaTest {

    @Test
    void splitsScriptsIntoStatementsWithoutComments() {
        List<String> s = Schema.statements("-- a comment\nCREATE TABLE A (X INTEGER);\n\nINSERT INTO A (X)\n  VALUES (1);\n");
        assertEquals(List.of("CREATE TABLE A (X INTEGER)", "INSERT INTO A (X) VALUES (1)"), s);
    }

    @Test
    void everyScriptExistsAndUsesOnlyPortableSql() throws Exception {
        for (String script : Schema.SCRIPTS) {
            try (InputStream in = Schema.class.getResourceAsStream("schema/" + script)) {
                assertNotNull(in, script);
                for (String statement : Schema.statements(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))) {
                    String upper = statement.toUpperCase(Locale.ROOT);
                    // column types one of the two databases lacks or maps differently, and identity columns
                    java.util.regex.Matcher m = java.util.regex.Pattern
                            .compile("[A-Z0-9_] (SERIAL|BIGSERIAL|BOOLEAN|SMALLINT|CLOB|TEXT|BLOB|BYTEA|DOUBLE)\\b|\\bGENERATED\\b|\\bIDENTITY\\b|\\bAUTO_INCREMENT\\b")
                            .matcher(upper);
                    assertFalse(m.find(), script + " is not portable (" + (m.hitEnd() ? "" : upper.substring(Math.max(0, m.start()))) + "): " + statement);
                }
            }
        }
    }

    @Test
    void scriptsAreNumberedInOrder() {
        for (int i = 0; i < Schema.SCRIPTS.size(); i++) {
            assertTrue(Schema.SCRIPTS.get(i).startsWith("V" + (i + 1) + "__"), Schema.SCRIPTS.get(i));
        }
    }

    /**
     * An upgrade from before the policy table (V10) keeps every value an administrator had set:
     * the one TF_POLICY row becomes a row per setting, read back as the same policy. Run on an
     * in-memory Derby through the real scripts.
     */
    @Test
    void theUpgradeToPolicySettingsKeepsTheStoredValues() throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:derby:memory:schema-upgrade-" + System.nanoTime() + ";create=true")) {
            int upTo = Schema.SCRIPTS.indexOf("V11__policy_settings.sql");
            for (String script : Schema.SCRIPTS.subList(0, upTo)) {
                run(c, script);
            }
            try (java.sql.Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO TF_POLICY VALUES (1, 4, 24, 5, 10, 15, 72, 10, 0, 12, 60, 90, 'false', 'sms,passcode', 10, 'true', 'true', "
                        + "CURRENT_TIMESTAMP, 3, 10, 30)");
            }
            run(c, "V11__policy_settings.sql");
            java.util.Map<String, String> stored = new java.util.HashMap<>();
            try (java.sql.Statement st = c.createStatement(); java.sql.ResultSet r = st.executeQuery("SELECT NAME, SETTING_VALUE FROM TF_POLICY_SETTING")) {
                while (r.next()) {
                    stored.put(r.getString(1), r.getString(2));
                }
            }
            org.twofold.policy.Policy p = org.twofold.policy.Policy.stored(stored);
            assertEquals(4, p.smsBatchSize());
            assertEquals(15, p.bypassCodeMinutes());
            assertEquals(0, p.rememberMeHours());
            assertEquals(12, p.lockoutThreshold());
            assertEquals(90, p.callTimeoutSeconds());
            assertFalse(p.verifiedPush());
            assertEquals("sms,passcode", p.allowedFactorsText());
            assertFalse(p.identityProofSsn(), "the SSN proof is off by default now, also after an upgrade (the PIN stays on)");
            assertEquals(30, p.pushPauseAfterFraudMinutes());
            assertEquals(18, stored.size(), "every value but the SSN proof's: " + stored);
            assertFalse(c.getMetaData().getTables(null, null, "TF_POLICY", null).next(), "the old table is gone");
        }
    }

    private static void run(java.sql.Connection c, String script) throws Exception {
        try (InputStream in = Schema.class.getResourceAsStream("schema/" + script); java.sql.Statement st = c.createStatement()) {
            for (String statement : Schema.statements(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))) {
                st.execute(statement);
            }
        }
    }
}
