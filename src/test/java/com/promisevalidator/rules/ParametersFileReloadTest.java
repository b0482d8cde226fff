package com.promisevalidator.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.promisevalidator.rules.model.Parameters;
import com.promisevalidator.rules.model.RuleFile;
import com.promisevalidator.rules.service.ParametersFile;
import com.promisevalidator.rules.service.RuleBaseHolder;
import com.promisevalidator.rules.service.RuleCompiler;

/**
 * An emptied or deleted parameters.yaml is refused (the last good set and its values stay), not read as "all defaults"
 * (probe P10 M6); a .drl saved with a UTF-8 byte-order mark is read like any other file (probe P10 M2).
 */
class ParametersFileReloadTest {

    @TempDir
    Path rulesDir;

    @Test
    void anEmptiedOrDeletedParametersFileKeepsTheLastGoodSet() throws IOException {
        Path params = rulesDir.resolve(ParametersFile.NAME);
        RuleBaseHolder holder = UnknownPhaseTest.shippedHolder(rulesDir);
        Files.writeString(params, "target-confidence: 0.95\n");
        assertTrue(holder.reloadFromDisk().ok());
        String good = holder.active().version();
        assertEquals(0.95, holder.active().parameters().targetConfidence());

        Files.writeString(params, "");
        assertFalse(holder.reloadFromDisk().ok());
        assertEquals(good, holder.active().version());
        assertEquals(0.95, holder.active().parameters().targetConfidence());
        assertEquals(ParametersFile.NAME, holder.lastError().file());
        assertTrue(holder.lastError().message().contains("is empty"), holder.lastError().message());

        Files.delete(params);
        assertFalse(holder.reloadFromDisk().ok());
        assertEquals(good, holder.active().version());
        assertEquals(ParametersFile.NAME, holder.lastError().file());
        assertTrue(holder.lastError().message().contains("was removed") && holder.lastError().message().contains("only a comment"),
                holder.lastError().message());

        // back to the defaults on purpose: a file with only a comment
        Files.writeString(params, "# all defaults\n");
        assertTrue(holder.reloadFromDisk().ok());
        assertNull(holder.lastError());
        assertNotEquals(good, holder.active().version());
        assertEquals(Parameters.BUILT_IN.targetConfidence(), holder.active().parameters().targetConfidence());
    }

    /** Probe ops L3: a deleted messages file put ops' sentences (or a whole language) back to the built-in English, silently. */
    @Test
    void aDeletedMessagesFileKeepsTheLastGoodSet() throws IOException {
        RuleBaseHolder holder = UnknownPhaseTest.shippedHolder(rulesDir);
        String good = holder.active().version();
        Path pt = rulesDir.resolve("messages_pt.properties");
        assertTrue(Files.exists(pt));
        Files.delete(pt);
        assertFalse(holder.reloadFromDisk().ok());
        assertEquals(good, holder.active().version());
        assertEquals("messages_pt.properties", holder.lastError().file());
        assertTrue(holder.lastError().message().contains("was removed") && holder.lastError().message().contains("only a comment"),
                holder.lastError().message());

        // dropped on purpose: a file with only a comment
        Files.writeString(pt, "# built-in wording\n");
        assertTrue(holder.reloadFromDisk().ok());
        assertNull(holder.lastError());
    }

    @Test
    void anEmptiedParametersFileFailsTheCheckToo() throws IOException {
        List<RuleFile> files = new ArrayList<>(MessagesFileCheckTest.shippedSet().stream()
                .filter(f -> !ParametersFile.NAME.equals(f.name())).toList());
        files.add(new RuleFile(ParametersFile.NAME, " \n"));
        RuleCompiler.Result r = new RuleCompiler().compile(files);
        assertFalse(r.ok());
        assertEquals(ParametersFile.NAME, r.errors().get(0).file());
        assertEquals(ParametersFile.EMPTY, r.errors().get(0).message());
    }

    @Test
    void aRuleFileWithAByteOrderMarkIsRead() throws IOException {
        RuleBaseHolder holder = UnknownPhaseTest.shippedHolder(rulesDir);
        String good = holder.active().version();
        Files.write(rulesDir.resolve("extra.drl"), ("\uFEFF" + UnknownPhaseTest.rule("ruleflow-group \"estimate\"\n"))
                .getBytes(StandardCharsets.UTF_8));
        assertTrue(holder.reloadFromDisk().ok(), () -> String.valueOf(holder.lastError()));
        assertNull(holder.lastError());
        assertNotEquals(good, holder.active().version());
        // and sent to the check the same way
        List<RuleFile> files = new ArrayList<>(MessagesFileCheckTest.shippedSet());
        files.add(new RuleFile("extra.drl", "\uFEFF" + UnknownPhaseTest.rule("ruleflow-group \"estimate\"\n")));
        assertTrue(new RuleCompiler().compile(files).ok());
    }
}
