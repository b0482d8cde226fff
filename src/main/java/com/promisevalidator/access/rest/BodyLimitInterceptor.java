package com.promisevalidator.access.rest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import com.promisevalidator.common.ProblemException;

/**
 * Counts the bytes of every request body as it is read, so a body sent without Content-Length
 * (chunked) meets the same limit as one that declares its length ({@link RequestGuards}): 413. It runs on the
 * resources marked {@link BodyLimited}; the validate resource checks its own ({@link BodyLimits#jsonText}).
 */
@Provider
@BodyLimited
public class BodyLimitInterceptor implements ReaderInterceptor {

    private final jakarta.inject.Provider<BodyLimits> limits; // REST creates interceptors before run-time config is there

    public BodyLimitInterceptor(jakarta.inject.Provider<BodyLimits> limits) {
        this.limits = limits;
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext ctx) throws IOException {
        long limit = limits.get().forType(ctx.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE));
        ctx.setInputStream(new Limited(ctx.getInputStream(), limit));
        return ctx.proceed();
    }

    static ProblemException tooLarge(long limit) {
        return new ProblemException(413, "Payload too large", BodyLimits.message(-1, limit), null, null);
    }

    /** Fails the read once more than {@code limit} bytes came. */
    static final class Limited extends FilterInputStream {
        private final long limit;
        private long count;

        Limited(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) add(1);
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) add(n);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            add(s);
            return s;
        }

        private void add(long n) {
            count += n;
            if (count > limit) throw tooLarge(limit);
        }
    }
}
