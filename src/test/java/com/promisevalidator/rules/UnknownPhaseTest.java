package com.promisevalidator.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.promisevalidator.common.PromiseConfig;
import com.promisevalidator.rules.model.RuleFile;
import com.promisevalidator.rules.model.RuleProblem;
import com.promisevalidator.rules.service.RuleBaseHolder;
import com.promisevalidator.rules.service.RuleCompiler;

/** A rule in a phase the service never fires (probe F4) is refused by check and reload, naming file, line and the phases. */
class UnknownPhaseTest {

    @TempDir
    Path rulesDir;

    static String rule(String phaseLine) {
        return "package rules;\nimport com.promisevalidator.validation.facts.DeliveryPlan;\n// Protects: test\nrule \"Three extra days\"\n"
                + phaseLine + "when\n    $p : DeliveryPlan( feasible, estimated, bufferDays == 0 )\nthen\n    modify($p) { addBuffer(3) }\nend\n";
    }

    private static RuleCompiler.Result compileWith(String content) {
        List<RuleFile> files = new ArrayList<>(HostileRules.shipped());
        files.add(new RuleFile("extra.drl", content));
        return new RuleCompiler().compile(files);
    }

    @Test
    void aMisspeltPhaseIsACompileErrorNamingFileLineAndThePhases() {
        for (String attribute : List.of("ruleflow-group", "agenda-group")) {
            RuleCompiler.Result r = compileWith(rule(attribute + " \"estimat\"\n"));
            assertFalse(r.ok(), attribute);
            RuleProblem p = r.firstProblem();
            assertEquals("extra.drl", p.file());
            assertEquals(5, p.line());
            assertEquals(attribute.length() + 2, p.column(), "the phase's name");
            assertEquals("rule \"Three extra days\": " + attribute + " \"estimat\" is not a phase, so the rule would never run;"
                    + " the phases are start, settle, estimate, offers, evidence", p.message());
        }
    }

    @Test
    void knownPhasesAndNoPhaseStillCompile() {
        assertTrue(compileWith(rule("ruleflow-group \"estimate\"\n")).ok());
        assertTrue(compileWith(rule("agenda-group \"offers\"\n")).ok());
        // a rule with no phase runs after all of them (QuoteEvaluatorTest.aRuleWithNoPhaseRunsAfterThePhases): kept as it was
        assertTrue(compileWith(rule("")).ok());
    }

    @Test
    void reloadRefusesItAndKeepsTheActiveSet() throws IOException {
        for (RuleFile f : HostileRules.shipped()) Files.writeString(rulesDir.resolve(f.name()), f.content(), StandardCharsets.UTF_8);
        RuleBaseHolder holder = new RuleBaseHolder(new RuleCompiler(), config(rulesDir));
        assertTrue(holder.reloadFromDisk().ok());
        String good = holder.active().version();
        Files.writeString(rulesDir.resolve("extra.drl"), rule("ruleflow-group \"estimat\"\n"), StandardCharsets.UTF_8);
        assertFalse(holder.reloadFromDisk().ok());
        assertEquals(good, holder.active().version());
        assertEquals("extra.drl", holder.lastError().file());
        assertEquals(5, holder.lastError().line());
        assertTrue(holder.lastError().message().contains("the phases are start, settle, estimate, offers, evidence"), holder.lastError().message());
        Files.writeString(rulesDir.resolve("extra.drl"), rule("ruleflow-group \"estimate\"\n"), StandardCharsets.UTF_8);
        assertTrue(holder.reloadFromDisk().ok());
        assertNull(holder.lastError());
    }

    /** The shipped rule set written into {@code dir}, and a holder of it loaded from there (what the reload tests start from). */
    static com.promisevalidator.rules.service.RuleBaseHolder shippedHolder(Path dir) throws java.io.IOException {
        for (com.promisevalidator.rules.model.RuleFile f : MessagesFileCheckTest.shippedSet()) {
            Files.writeString(dir.resolve(f.name()), f.content(), StandardCharsets.UTF_8);
        }
        var holder = new com.promisevalidator.rules.service.RuleBaseHolder(new com.promisevalidator.rules.service.RuleCompiler(), config(dir));
        org.junit.jupiter.api.Assertions.assertTrue(holder.reloadFromDisk().ok());
        return holder;
    }

    static PromiseConfig config(Path dir) {
        return (PromiseConfig) Proxy.newProxyInstance(PromiseConfig.class.getClassLoader(), new Class<?>[] {PromiseConfig.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("rulesDir")) return dir.toString();
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
