package org.twofold.ws;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;

/**
 * The response {@link SoapRequestFilter} gives Metro, which the endpoint may turn into one of our
 * faults ({@link Faults#refuse}): once refused, whatever Metro then says — status, headers, the
 * empty answer the endpoint returned — goes nowhere, and the filter writes the fault on the real
 * response. Until then everything passes through unchanged.
 */
final class Refusable extends HttpServletResponseWrapper {
    private volatile Faults.Fault refused;

    Refusable(HttpServletResponse response) {
        super(response);
    }

    /** Marks this response as refused with {@code fault} (the first refusal wins). */
    void refuse(Faults.Fault fault) {
        if (refused == null) {
            refused = fault;
        }
    }

    /** The refusal to write, or null if the request was answered. */
    Faults.Fault refused() {
        return refused;
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        return refused == null ? super.getOutputStream() : Nowhere.STREAM;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        return refused == null ? super.getWriter() : new PrintWriter(OutputStream.nullOutputStream());
    }

    @Override
    public void setStatus(int sc) {
        if (refused == null) {
            super.setStatus(sc);
        }
    }

    @Override
    public void sendError(int sc, String msg) throws IOException {
        if (refused == null) {
            super.sendError(sc, msg);
        }
    }

    @Override
    public void sendError(int sc) throws IOException {
        if (refused == null) {
            super.sendError(sc);
        }
    }

    @Override
    public void setContentType(String type) {
        if (refused == null) {
            super.setContentType(type);
        }
    }

    @Override
    public void setCharacterEncoding(String charset) {
        if (refused == null) {
            super.setCharacterEncoding(charset);
        }
    }

    @Override
    public void setContentLength(int len) {
        if (refused == null) {
            super.setContentLength(len);
        }
    }

    @Override
    public void setContentLengthLong(long len) {
        if (refused == null) {
            super.setContentLengthLong(len);
        }
    }

    @Override
    public void setHeader(String name, String value) {
        if (refused == null) {
            super.setHeader(name, value);
        }
    }

    @Override
    public void addHeader(String name, String value) {
        if (refused == null) {
            super.addHeader(name, value);
        }
    }

    @Override
    public void setIntHeader(String name, int value) {
        if (refused == null) {
            super.setIntHeader(name, value);
        }
    }

    @Override
    public void addIntHeader(String name, int value) {
        if (refused == null) {
            super.addIntHeader(name, value);
        }
    }

    @Override
    public void setBufferSize(int size) {
        if (refused == null) {
            super.setBufferSize(size);
        }
    }

    @Override
    public void flushBuffer() throws IOException {
        if (refused == null) {
            super.flushBuffer();
        }
    }

    /** Where a refused response's words go. */
    private static final class Nowhere extends ServletOutputStream {
        static final Nowhere STREAM = new Nowhere();

        @Override
        public void write(int b) {
            // discarded: the filter writes the fault
        }

        @Override
        public void write(byte[] b, int off, int len) {
            // discarded: the filter writes the fault
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            throw new UnsupportedOperationException("blocking writes only");
        }
    }
}
