package com.promisevalidator.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.promisevalidator.common.PromiseConfig;
import com.promisevalidator.rules.model.Parameters;
import com.promisevalidator.rules.model.RuleFile;
import com.promisevalidator.rules.service.RuleBaseHolder;
import com.promisevalidator.rules.service.RuleCompiler;

/**
 * The start-up loads (statistics, demo history) run while the rules compile and use the parameters read ahead from
 * parameters.yaml: the same values the compiled rule set then carries; the configured ones when the file is refused.
 */
class PlannedParametersTest {

    @TempDir
    Path dir;

    @Test
    void beforeTheFirstCompileTheFileIsReadAheadAndTheCompiledSetAgrees() throws IOException {
        for (RuleFile f : HostileRules.shipped()) Files.writeString(dir.resolve(f.name()), f.content(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("parameters.yaml"), "delivery-horizon-days: 60\nstats:\n  half-life-days: 21\n");
        RuleBaseHolder holder = new RuleBaseHolder(new RuleCompiler(), config(dir));

        assertNull(holder.activeOrNull());
        assertEquals(60, holder.parameters().deliveryHorizonDays());
        assertEquals(21, holder.parameters().stats().halfLifeDays());

        assertTrue(holder.reloadFromDisk().ok());
        assertSame(holder.active().parameters(), holder.parameters(), "once active, the rule set's own");
        assertEquals(holder.plannedParameters(), holder.active().parameters(), "read ahead = compiled");
    }

    @Test
    void aRefusedOrMissingFileMeansTheConfiguredValues() throws IOException {
        RuleBaseHolder holder = new RuleBaseHolder(new RuleCompiler(), config(dir));
        assertEquals(Parameters.BUILT_IN, holder.parameters(), "no file");
        Files.writeString(dir.resolve("parameters.yaml"), "delivery-horizon-days: 0\n"); // out of range (1-730)
        assertEquals(Parameters.BUILT_IN, holder.parameters(), "a refused file");
    }

    /** A PromiseConfig with this rules directory and the built-in parameter values (same-named accessors). */
    static PromiseConfig config(Path rulesDir) {
        Parameters p = Parameters.BUILT_IN;
        PromiseConfig.Stats stats = (PromiseConfig.Stats) Proxy.newProxyInstance(PromiseConfig.class.getClassLoader(),
                new Class<?>[] {PromiseConfig.Stats.class}, (proxy, method, args) -> Parameters.Stats.class.getMethod(method.getName()).invoke(p.stats()));
        return (PromiseConfig) Proxy.newProxyInstance(PromiseConfig.class.getClassLoader(), new Class<?>[] {PromiseConfig.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "rulesDir" -> rulesDir.toString();
                    case "stats" -> stats;
                    default -> Parameters.class.getMethod(method.getName()).invoke(p);
                });
    }
}
