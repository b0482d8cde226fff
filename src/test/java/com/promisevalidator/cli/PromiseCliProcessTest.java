package com.promisevalidator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI as bin/promise starts it: its own JVM, no system properties given. */
class PromiseCliProcessTest {

    @TempDir
    Path tmp;

    @Test
    void aPassingRulesTestPrintsNoErrorLine() throws Exception {
        Path out = tmp.resolve("out"), err = tmp.resolve("err");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), PromiseCli.class.getName(), "rules", "test", "rules")
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the run ends"); // a guard against a hang, not a measure
        String stdout = Files.readString(out), stderr = Files.readString(err);
        assertEquals(0, p.exitValue(), stdout + stderr);
        assertTrue(stdout.contains(" 0 failed"), stdout);
        assertTrue(!stderr.contains("ERROR"), "no ERROR line on a passing run: " + stderr);
    }
}
