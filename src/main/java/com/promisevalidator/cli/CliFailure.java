package com.promisevalidator.cli;

/** A failure the CLI reports in one message and an exit code (see {@link PromiseCli} for the codes). */
final class CliFailure extends RuntimeException {

    /** The service answered with an error (4xx/5xx). */
    static final int REFUSED = 1;
    /** The service could not be reached, or did not answer in time. */
    static final int UNREACHABLE = 3;
    /** The service answered, but what was checked failed (rule check errors, failing scenarios). */
    static final int CHECK_FAILED = 4;
    /** A local file could not be read. */
    static final int BAD_FILE = 5;

    final int exitCode;

    CliFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }
}
