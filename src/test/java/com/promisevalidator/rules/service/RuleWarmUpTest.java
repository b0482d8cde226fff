package com.promisevalidator.rules.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.promisevalidator.rules.HostileRules;
import com.promisevalidator.rules.model.RuleFile;

/** The DRL built before the application boots: taken by the start-up compile of the same files, never built past the gate. */
class RuleWarmUpTest {

    @TempDir
    Path rulesDir;

    @TempDir
    Path markers;

    private List<RuleFile> copyShipped() throws IOException {
        for (RuleFile f : HostileRules.shipped()) Files.writeString(rulesDir.resolve(f.name()), f.content(), StandardCharsets.UTF_8);
        return RuleBaseHolder.readDir(rulesDir).stream().filter(RuleFile::isDrl).sorted(Comparator.comparing(RuleFile::name)).toList();
    }

    @Test
    void theStartUpCompileOfTheSameFilesTakesTheWarmBuild() throws Exception {
        List<RuleFile> drl = copyShipped();
        RuleCompiler.warmUp(rulesDir).join();
        assertNull(RuleCompiler.takeWarmUp("another version"), "only for the files it built");
        RuleCompiler.warmUp(rulesDir).join();
        RuleCompiler.Result r = new RuleCompiler().compile(drl);
        assertTrue(r.ok(), () -> String.valueOf(r.firstProblem()));
        assertNull(RuleCompiler.takeWarmUp(RuleCompiler.version(drl)), "taken once, by that compile");

        RuleCompiler.warmUp(rulesDir).join();
        var warm = RuleCompiler.takeWarmUp(RuleCompiler.version(drl));
        assertNotNull(warm);
        assertEquals(new RuleCompiler().compile(drl).ruleSet().kieBase().getKiePackages().stream().mapToInt(p -> p.getRules().size()).sum(),
                warm.getKiePackages().stream().mapToInt(p -> p.getRules().size()).sum());
    }

    @Test
    void aHostileFileIsNeverBuiltByTheWarmUp() throws Exception {
        copyShipped();
        for (HostileRules.Hostile h : HostileRules.refused(markers)) {
            Path file = rulesDir.resolve(h.name());
            Files.writeString(file, h.content(), StandardCharsets.UTF_8);
            RuleCompiler.warmUp(rulesDir).join();
            List<RuleFile> drl = RuleBaseHolder.readDir(rulesDir).stream().filter(RuleFile::isDrl).sorted(Comparator.comparing(RuleFile::name)).toList();
            assertNull(RuleCompiler.takeWarmUp(RuleCompiler.version(drl)), h.name());
            Files.delete(file);
        }
        assertEquals(List.of(), HostileRules.sideEffects(markers), "a payload ran");
    }

    @Test
    void aBrokenFileLeavesTheStartUpCompileToReportIt() throws Exception {
        copyShipped();
        Files.writeString(rulesDir.resolve("broken.drl"), "package rules;\nrule \"Half\"\nwhen\n  $p : NoSuchType( )\nthen\nend\n", StandardCharsets.UTF_8);
        List<RuleFile> drl = RuleBaseHolder.readDir(rulesDir).stream().filter(RuleFile::isDrl).sorted(Comparator.comparing(RuleFile::name)).toList();
        RuleCompiler.warmUp(rulesDir).join();
        RuleCompiler.Result r = new RuleCompiler().compile(drl);
        assertTrue(!r.ok() && "broken.drl".equals(r.firstProblem().file()), () -> String.valueOf(r.firstProblem()));
        assertSame(null, RuleCompiler.takeWarmUp(RuleCompiler.version(drl)));
    }
}
