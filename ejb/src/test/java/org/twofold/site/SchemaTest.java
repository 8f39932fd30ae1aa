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
}
