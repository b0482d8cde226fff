package com.promisevalidator.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.junit.QuarkusTest;

import com.promisevalidator.rules.model.RuleFile;
import com.promisevalidator.rules.service.LastGoodRules;
import com.promisevalidator.rules.service.RuleBaseHolder;
import com.promisevalidator.rules.service.RuleCompiler;

/** A start whose rules directory holds a broken file runs the last good rule set saved in the database, not none. */
@QuarkusTest
class LastGoodRulesTest {

    @Inject
    LastGoodRules lastGood;

    @Inject
    RuleBaseHolder running;

    @TempDir
    Path dir;

    @Test
    void theCleanSetActivatedAtStartIsSavedAndABrokenDirectoryFallsBackToIt() throws IOException {
        LastGoodRules.Saved saved = lastGood.load().orElseThrow();
        assertEquals(running.active().version(), saved.version(), "the set activated clean at start is the saved one");

        // the next start finds an edit that does not compile
        for (RuleFile f : saved.files()) Files.writeString(dir.resolve(f.name()), f.content(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("zz-broken.drl"), "package rules;\nrule \"x\"\nwhen\nthen\n  garbage(\nend\n", StandardCharsets.UTF_8);
        RuleBaseHolder starting = new RuleBaseHolder(new RuleCompiler(), PlannedParametersTest.config(dir));
        assertFalse(starting.reloadFromDisk().ok());
        assertNull(starting.activeOrNull());

        assertTrue(starting.fallBack(saved.files(), saved.version()));
        assertEquals(saved.version(), starting.active().version());
        assertTrue(starting.activeFromLastGood(), "its scenarios were not read: GET /rules says nothing of their coverage");
        assertEquals("zz-broken.drl", starting.lastError().file(), "the directory's error stays reported");
        assertTrue(starting.lastError().message().contains("running the last good rule set " + saved.version()), starting.lastError().message());
        assertFalse(starting.reloadFromDisk().ok() && starting.lastError() == null, "the directory stays refused until it changes");
        assertEquals(saved.version(), starting.active().version());

        // mended: the directory loads and replaces the fallback
        Files.delete(dir.resolve("zz-broken.drl"));
        assertTrue(starting.reloadFromDisk().ok());
        assertNull(starting.lastError());
        assertFalse(starting.activeFromLastGood());
    }
}
