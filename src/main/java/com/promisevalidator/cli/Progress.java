package com.promisevalidator.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;

/**
 * A one-line progress bar on stderr for long work (uploads, replays). Drawn only on a terminal (or when asked),
 * so logs and pipes get no carriage-return noise.
 */
final class Progress {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean enabled;
    private final String label;
    private final long total;
    private long lastDrawn = -1;

    Progress(PrintStream out, boolean enabled, String label, long total) {
        this.out = out;
        this.enabled = enabled;
        this.label = label;
        this.total = Math.max(1, total);
    }

    static boolean onTerminal() {
        return System.console() != null;
    }

    void update(long done) {
        if (!enabled) return;
        long percent = Math.min(100, done * 100 / total);
        if (percent == lastDrawn) return;
        lastDrawn = percent;
        int filled = (int) (percent * WIDTH / 100);
        out.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + percent + "%");
        out.flush();
    }

    void done() {
        if (enabled && lastDrawn >= 0) out.println();
    }

    /** Counts bytes as the HTTP client reads them. */
    InputStream counting(InputStream in) {
        return new FilterInputStream(in) {
            private long read;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) update(++read);
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                if (n > 0) update(read += n);
                return n;
            }
        };
    }
}
