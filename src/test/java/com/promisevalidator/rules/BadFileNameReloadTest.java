package com.promisevalidator.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.promisevalidator.rules.service.RuleBaseHolder;

/** A rule file whose name is not allowed ("friday buffer.drl") refuses the reload, named, instead of being left out unseen (probe F12). */
class BadFileNameReloadTest {

    @TempDir
    Path rulesDir;

    @Test
    void aBadlyNamedRuleFileIsRefusedByName() throws IOException {
        RuleBaseHolder holder = UnknownPhaseTest.shippedHolder(rulesDir);
        String good = holder.active().version();
        Files.writeString(rulesDir.resolve("friday buffer.drl"), UnknownPhaseTest.rule("ruleflow-group \"estimate\"\n"));
        assertFalse(holder.reloadFromDisk().ok());
        assertEquals(good, holder.active().version());
        assertEquals("friday buffer.drl", holder.lastError().file());
        assertTrue(holder.lastError().message().contains("a rule file name must be letters, digits, '-', '_' or '.'"), holder.lastError().message());
        // an extension in capitals is no rule file either, and is said so (probe P8 L1: it was silently left out)
        Files.delete(rulesDir.resolve("friday buffer.drl"));
        Files.writeString(rulesDir.resolve("Friday.DRL"), UnknownPhaseTest.rule("ruleflow-group \"estimate\"\n"));
        assertFalse(holder.reloadFromDisk().ok());
        assertEquals("Friday.DRL", holder.lastError().file());
        assertEquals(good, holder.active().version());
        Files.delete(rulesDir.resolve("Friday.DRL"));
        // parameters.yml was silently ignored, its values never applied (probe P10 L4)
        Files.writeString(rulesDir.resolve("parameters.yml"), "target-confidence: 0.95\n");
        assertFalse(holder.reloadFromDisk().ok());
        assertEquals("parameters.yml", holder.lastError().file());
        assertTrue(holder.lastError().message().contains("rename it to 'parameters.yaml'"), holder.lastError().message());
        assertEquals(good, holder.active().version());
        Files.delete(rulesDir.resolve("parameters.yml"));
        // other files (a README, hidden editor files) are not part of the set and stay ignored
        Files.writeString(rulesDir.resolve("._calendar.drl"), "binary junk");
        Files.writeString(rulesDir.resolve("notes copy.txt"), "x");
        assertTrue(holder.reloadFromDisk().ok());
        assertNull(holder.lastError());
        assertEquals(good, holder.active().version());
    }
}
