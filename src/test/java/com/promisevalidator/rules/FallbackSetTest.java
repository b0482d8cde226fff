package com.promisevalidator.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.promisevalidator.rules.model.RuleFile;
import com.promisevalidator.rules.service.RuleBaseHolder;
import com.promisevalidator.rules.service.RuleCompiler;

/**
 * The set quotes fall back on when the active one fails on a quote is the last one that never did (probe ops M1): an
 * unrelated edit made while a faulty set is active (a sentence, a parameter) must not make the faulty set the fallback.
 */
class FallbackSetTest {

    @TempDir
    Path dir;

    @Test
    void anEditWhileAFaultySetIsActiveKeepsTheGoodFallback() {
        RuleBaseHolder holder = new RuleBaseHolder(new RuleCompiler(), UnknownPhaseTest.config(dir));
        assertTrue(holder.activate(edition("good")).ok());
        String good = holder.active().version();
        assertTrue(holder.activate(edition("faulty")).ok());
        assertEquals(good, holder.previousOrNull().version());
        holder.recordRuntimeFailure(holder.active().version(), "Thrower", "For input string: \"x\"");

        assertTrue(holder.activate(edition("faulty, one sentence edited")).ok());
        assertEquals(good, holder.previousOrNull().version(), "the set that failed on a quote is not the one to fall back on");

        // a clean edition after it: the one it replaced never failed on a quote, so it is the fallback from now on
        String edited = holder.active().version();
        assertTrue(holder.activate(edition("mended")).ok());
        assertEquals(edited, holder.previousOrNull().version());
    }

    /** The shipped rules with a comment naming the edition: a version of their own each. */
    private static List<RuleFile> edition(String name) {
        List<RuleFile> files = new ArrayList<>();
        for (RuleFile f : HostileRules.shipped()) {
            files.add(f.name().equals("lead-time.drl") ? new RuleFile(f.name(), f.content() + "\n// " + name + "\n") : f);
        }
        return files;
    }
}
