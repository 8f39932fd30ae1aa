package org.twofold.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class ConfiguredDataSourceTest {
    @Test
    void redactedDropsQueryParameters() {
        String r = ConfiguredDataSource.redacted("jdbc:postgresql://db.example/twofold?user=tf&password=s3cret");
        assertEquals("jdbc:postgresql://db.example/twofold?…", r);
        assertFalse(r.contains("s3cret"), r);
    }

    @Test
    void redactedKeepsUrlWithoutQueryOrAttributes() {
        String url = "jdbc:derby:/var/twofold/db";
        assertEquals(url, ConfiguredDataSource.redacted(url));
    }

    @Test
    void redactedDropsAttributesThatMayCarryAPassword() {
        String r = ConfiguredDataSource.redacted("jdbc:derby://host:1527/db;user=u;password=s3cret");
        assertEquals("jdbc:derby://host:1527/db;…", r);
        assertFalse(r.contains("s3cret"), r);
    }

    @Test
    void redactedOfUrlEndingInQuestionMarkStaysMarked() {
        assertEquals("jdbc:postgresql://db/twofold?…", ConfiguredDataSource.redacted("jdbc:postgresql://db/twofold?"));
    }
}
