package com.promisevalidator.common;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An object written as UTF-8 JSON through a buffer each thread keeps. {@link ObjectMapper#writeValueAsBytes} takes a
 * fresh buffer for every answer longer than its recycled 2,000-byte block (most answers are), which was a tenth of all
 * the memory a validate allocates; here the buffer is reused and only the answer's bytes are copied out.
 */
public final class JsonBytes {

    /** A buffer grown beyond this (a huge answer) is not kept for the next one. */
    private static final int KEEP_MAX = 64 * 1024;

    private static final ThreadLocal<Buffer> BUFFERS = ThreadLocal.withInitial(Buffer::new);

    private JsonBytes() {
    }

    /** The value as UTF-8 JSON, as {@code json.writeValueAsBytes(value)} would write it. */
    public static byte[] write(ObjectMapper json, Object value) throws JsonProcessingException {
        Buffer out = BUFFERS.get();
        out.reset();
        try {
            json.writeValue(out, value);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new IllegalStateException("writing JSON to memory failed", e); // a byte array does not fail
        } finally {
            if (out.capacity() > KEEP_MAX) BUFFERS.remove();
        }
        return out.toByteArray();
    }

    /** A byte buffer whose capacity can be read. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(4096);
        }

        int capacity() {
            return buf.length;
        }
    }
}
