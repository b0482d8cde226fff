package com.promisevalidator.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** A failure the CLI reports in one message and an exit code (see {@link PromiseCli} for the codes). */
final class CliFailure extends RuntimeException {

    /** The service answered with an error (4xx/5xx). */
    static final int REFUSED = 1;
    /** The command line asks for something it cannot do (picocli's own refusals exit 2 too). */
    static final int BAD_USAGE = 2;
    /** The service could not be reached, or did not answer in time. */
    static final int UNREACHABLE = 3;
    /** The service answered, but what was checked failed (rule check errors, failing scenarios). */
    static final int CHECK_FAILED = 4;
    /** A local file could not be read. */
    static final int BAD_FILE = 5;

    final int exitCode;
    /** The service's HTTP status when it refused (REFUSED), else 0. */
    final int status;

    CliFailure(int exitCode, String message) {
        this(exitCode, message, 0);
    }

    CliFailure(int exitCode, String message, int status) {
        super(message);
        this.exitCode = exitCode;
        this.status = status;
    }

    /** "cannot read FILE: no such file": the reason once, in words (the JDK's exception message is often the path again). */
    static CliFailure unreadable(Path file, IOException e) {
        String why;
        if (e instanceof NoSuchFileException) why = "no such file";
        else if (e instanceof AccessDeniedException) why = "permission denied";
        else if (e.getMessage() == null || e.getMessage().equals(file.toString())) why = e.getClass().getSimpleName();
        else why = e.getMessage();
        return new CliFailure(BAD_FILE, "cannot read " + file + ": " + why);
    }
}
