package com.promisevalidator.startup;

import java.nio.file.Path;

import com.promisevalidator.rules.service.RuleCompiler;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The service's entry point: it starts building the rules directory's DRL before Quarkus boots, so the rule compile runs
 * beside the JVM's and the database's start instead of after them (see {@link RuleCompiler#warmUp}); then it runs the
 * application as usual. The directory is read where the configuration would name it ({@code promise.rules-dir}: the system
 * property, else {@code PROMISE_RULES_DIR}, else {@code rules}); a guess that misses only costs the warm-up its use.
 */
@QuarkusMain
public class Main {

    public static void main(String... args) {
        String dir = System.getProperty("promise.rules-dir");
        if (dir == null || dir.isBlank()) dir = System.getenv("PROMISE_RULES_DIR");
        if (dir == null || dir.isBlank()) dir = "rules";
        try {
            RuleCompiler.warmUp(Path.of(dir));
        } catch (RuntimeException e) {
            // an unusable path: the start-up compile reports it as it always did
        }
        Quarkus.run(args);
    }
}
