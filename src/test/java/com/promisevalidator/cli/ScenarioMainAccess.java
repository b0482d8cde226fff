package com.promisevalidator.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/** What the command line does, minus System.exit, for tests in other packages. */
public final class ScenarioMainAccess {

    private ScenarioMainAccess() {
    }

    public static int runAndReport(Path dir, PrintStream out) throws IOException {
        return ScenarioMain.report(ScenarioMain.run(dir), dir, out);
    }
}
