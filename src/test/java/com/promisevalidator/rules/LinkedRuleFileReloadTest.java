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

/**
 * A link in the rules directory to a file elsewhere refuses the reload, named, without showing what the file holds
 * (probe P8 M3: a linked rule went live, a linked secret came back in lastError); a link that stays inside still loads.
 */
class LinkedRuleFileReloadTest {

    @TempDir
    Path rulesDir;

    @TempDir
    Path elsewhere;

    @Test
    void aLinkOutsideTheDirectoryIsRefusedALinkInsideIsFine() throws IOException {
        RuleBaseHolder holder = UnknownPhaseTest.shippedHolder(rulesDir);
        String good = holder.active().version();

        Path secret = Files.writeString(elsewhere.resolve("secret.txt"), "package rules;\nrule \"x\" when then\n  Hunter2SuperSecret;\nend\n");
        Files.createSymbolicLink(rulesDir.resolve("s2.drl"), secret);
        assertFalse(holder.reloadFromDisk().ok());
        assertEquals(good, holder.active().version());
        assertEquals("s2.drl", holder.lastError().file());
        assertTrue(holder.lastError().message().contains("'s2.drl' is a link to a file outside the rules directory"), holder.lastError().message());
        assertFalse(holder.lastError().message().contains("Hunter2"), holder.lastError().message());
        Files.delete(rulesDir.resolve("s2.drl"));

        // a ConfigMap-like layout: the file lives in a subdirectory of the rules directory, linked by its name
        Path data = Files.createDirectory(rulesDir.resolve("..data"));
        Path extra = Files.writeString(data.resolve("extra.drl"), UnknownPhaseTest.rule("ruleflow-group \"estimate\"\n"));
        Files.createSymbolicLink(rulesDir.resolve("extra.drl"), rulesDir.relativize(extra));
        assertTrue(holder.reloadFromDisk().ok(), () -> String.valueOf(holder.lastError()));
        assertNull(holder.lastError());
    }
}
