package org.twofold.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExpiredViewsTest {
    @Test
    void startsAgainAtThePageWhoseFormExpired() {
        assertEquals(Optional.of("bypass"), ExpiredViews.pageOf("/bypass.xhtml"));
        assertEquals(Optional.of("portal"), ExpiredViews.pageOf("/portal"));
        assertEquals(Optional.of("bypass"), ExpiredViews.pageOf("bypass"));
    }

    @Test
    void theLoginPageAndAnythingMadeUpStartAtTheLoginPage() {
        assertEquals(Optional.empty(), ExpiredViews.pageOf("/index.xhtml"));
        assertEquals(Optional.empty(), ExpiredViews.pageOf("/expired.xhtml"));
        assertEquals(Optional.empty(), ExpiredViews.pageOf(null));
        assertEquals(Optional.empty(), ExpiredViews.pageOf("//evil.example/x"));
        assertEquals(Optional.empty(), ExpiredViews.pageOf("/../../etc/passwd"));
        assertEquals(Optional.empty(), ExpiredViews.pageOf("https://evil.example"));
    }
}
