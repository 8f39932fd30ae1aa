package org.twofold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TwofoldExceptionTest {

    @Test
    void findsTheDomainErrorThroughContainerWrapping() {
        TwofoldException unknown = new TwofoldException(ErrorCode.UNKNOWN_USER);
        RuntimeException wrapped = new RuntimeException("EJBException", new IllegalStateException("tx", unknown));
        assertEquals(unknown, TwofoldException.in(wrapped).orElseThrow());
        assertEquals(unknown, TwofoldException.in(unknown).orElseThrow());
    }

    @Test
    void findsNothingInOtherFailures() {
        assertTrue(TwofoldException.in(new RuntimeException(new IllegalArgumentException())).isEmpty());
        assertTrue(TwofoldException.in(null).isEmpty());
    }
}
