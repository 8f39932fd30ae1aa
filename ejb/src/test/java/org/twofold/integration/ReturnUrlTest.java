package org.twofold.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;

class ReturnUrlTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://app.example.edu/mfa/return", "http://localhost:8080/demo/app", "https://app.example.edu:8443/r?x=1"})
    void acceptsAbsoluteHttpUrls(String url) {
        assertEquals(url, ReturnUrl.check("  " + url + " "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/relative/path", "javascript:alert(1)", "ftp://files.example.edu/", "https://user:pw@app.example.edu/",
            "https://app.example.edu/#frag", "https:///nohost", "not a url"})
    void refusesAnythingElse(String url) {
        assertEquals(ErrorCode.INVALID_VALUE, assertThrows(TwofoldException.class, () -> ReturnUrl.check(url)).code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void refusesBlank(String url) {
        assertEquals(ErrorCode.MISSING_FIELD, assertThrows(TwofoldException.class, () -> ReturnUrl.check(url)).code());
    }

    @org.junit.jupiter.api.Test
    void originKeepsSchemeHostAndPort() {
        assertEquals("https://app.example.edu:8443", ReturnUrl.origin("https://app.example.edu:8443/r?x=1"));
        assertEquals("http://localhost", ReturnUrl.origin("http://localhost/demo/app"));
    }
}
