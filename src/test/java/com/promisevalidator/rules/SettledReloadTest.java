package com.promisevalidator.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.promisevalidator.rules.service.RuleBaseHolder;

/**
 * The poller activates a directory only once a poll finds it as the previous one did: a file still being written is
 * not activated half-written when its first part happens to compile (probe P8 M4).
 */
class SettledReloadTest {

    @TempDir
    Path rulesDir;

    @Test
    void aFileBeingWrittenIsActivatedOnlyOnceItStopsChanging() throws IOException {
        RuleBaseHolder holder = UnknownPhaseTest.shippedHolder(rulesDir);
        String good = holder.active().version();
        assertNotNull(holder.reloadWhenSettled(), "an unchanged directory: nothing to wait for");

        String full = UnknownPhaseTest.rule("ruleflow-group \"estimate\"\n");
        writtenNow(rulesDir.resolve("slow.drl"), "package rules;\n"); // the header only: it compiles
        assertNull(holder.reloadWhenSettled(), "changed since the last poll: wait");
        assertEquals(good, holder.active().version());
        writtenNow(rulesDir.resolve("slow.drl"), full); // the writer goes on
        assertNull(holder.reloadWhenSettled());
        assertEquals(good, holder.active().version(), "the half-written file was never activated");
        assertTrue(holder.reloadWhenSettled().ok(), "unchanged for a poll: activated");
        String settled = holder.active().version();
        assertNotEquals(good, settled);
        assertTrue(holder.active().files().stream().anyMatch(f -> f.name().equals("slow.drl") && f.content().equals(full)));
        assertNull(holder.lastError());
    }

    /**
     * A file written now by the service's clock, which the service compares its stamp with: the kernel stamps it with
     * the real time, which a run under faketime (README, "Development") has moved the service's clock away from.
     */
    private static void writtenNow(Path file, String content) throws IOException {
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
    }

    /** A save that finished a while ago (every file still for 2 s) applies at the next poll, as before: no extra wait. */
    @Test
    void aFinishedSaveAppliesAtTheNextPoll() throws IOException {
        RuleBaseHolder holder = UnknownPhaseTest.shippedHolder(rulesDir);
        String good = holder.active().version();
        assertNotNull(holder.reloadWhenSettled());

        Path slow = rulesDir.resolve("slow.drl");
        Files.writeString(slow, UnknownPhaseTest.rule("ruleflow-group \"estimate\"\n"));
        java.nio.file.attribute.FileTime before = java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_000);
        try (java.util.stream.Stream<Path> all = Files.walk(rulesDir)) {
            for (Path f : all.toList()) Files.setLastModifiedTime(f, before);
        }
        assertTrue(holder.reloadWhenSettled().ok(), "written and left alone 3 s ago: applied at once");
        assertNotEquals(good, holder.active().version());
    }
}
