package com.promisevalidator.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.promisevalidator.rules.model.RuleFile;
import com.promisevalidator.rules.model.RuleProblem;
import com.promisevalidator.rules.service.RuleBaseHolder;
import com.promisevalidator.rules.service.RuleCompiler;
import com.promisevalidator.validation.wording.ReasonWriter;

/** Messages files are part of the rule set (probe F6, F10): checked with it, refused with it, never half-applied. */
class MessagesFileCheckTest {

    @TempDir
    Path rulesDir;

    static List<RuleFile> shippedSet() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("rules"))) {
            List<RuleFile> files = new ArrayList<>();
            for (Path f : s.filter(f -> RuleFile.belongs(f.getFileName().toString())).sorted().toList()) {
                files.add(new RuleFile(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8)));
            }
            return files;
        }
    }

    static String shipped(String name) throws IOException {
        return Files.readString(Path.of("rules", name), StandardCharsets.UTF_8);
    }

    private static RuleCompiler.Result compileWith(String name, String content) throws IOException {
        List<RuleFile> files = new ArrayList<>(shippedSet().stream().filter(f -> !f.name().equals(name)).toList());
        files.add(new RuleFile(name, content));
        return new RuleCompiler().compile(files);
    }

    static int lineOf(String text, String prefix) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) if (lines[i].startsWith(prefix)) return i + 1;
        throw new IllegalStateException(prefix);
    }

    @Test
    void theShippedMessagesPass() throws IOException {
        RuleCompiler.Result r = new RuleCompiler().compile(shippedSet());
        assertTrue(r.ok(), () -> String.valueOf(r.errors()));
    }

    /**
     * A messages file written before 2026-12-07, when a job longer than a day was cut to the hours a day holds, still
     * reads: its sentences of that time name evidence the answers no longer need, and a rule set that ops upgrade with it
     * must not be refused (the service would not get ready on their rules directory).
     */
    @Test
    void aMessagesFileOfBeforeTheMultiDayJobsStillReads() throws IOException {
        String en = shipped("messages.properties")
                .replaceFirst("(?m)^LONGER_THAN_OPENING_HOURS=.*$", "LONGER_THAN_OPENING_HOURS={serviceType} at {site} needs more than a day: it "
                        + "takes up to {minutesAtTarget,plural,minute,minutes} {target,pct} of the time, longer than it is open ({opens}–{closes}); "
                        + "the longest promise a bay holds is {minutes,plural,minute,minutes}, kept {confidence,pct} of the time.")
                + "\nSERVICE_DURATION.history.dayTooShort={source} took up to {historyMinutesAtTarget,plural,minute,minutes} {target,pct} of "
                + "the time ({sampleSize,plural,job,jobs}); a day's opening hours hold {dayMinutes,plural,minute,minutes}.\n";
        RuleCompiler.Result r = compileWith("messages.properties", en);
        assertTrue(r.ok(), () -> String.valueOf(r.errors()));
    }

    @Test
    void aDateFormatPaddingToAnySizeIsRefused() throws IOException {
        // probe P8 H4: format.day = 5,000,000 × 'p' + 'd' passed, and every quote showing a date hung
        String en = shipped("messages.properties");
        String padded = en.replace("format.day=EEE MMM d", "format.day=" + "p".repeat(5000) + "d");
        RuleCompiler.Result r = compileWith("messages.properties", padded);
        assertFalse(r.ok());
        RuleProblem p = r.errors().get(0);
        assertEquals("messages.properties", p.file());
        assertEquals(lineOf(en, "format.day="), p.line());
        assertTrue(p.message().startsWith("format.day: a date format of more than 100 characters is not allowed"), p.message());
        assertTrue(compileWith("messages.properties", en.replace("format.day=EEE MMM d", "format.day=" + "p".repeat(20) + "d")).ok());
    }

    @Test
    void aBrokenTemplateIsAnErrorWithFileAndLine() throws IOException {
        String en = shipped("messages.properties");
        int line = lineOf(en, "CUTOFF_PASSED=");
        String broken = en.replaceAll("(?m)^CUTOFF_PASSED=.*$", "CUTOFF_PASSED=The order came after {site} cut-off {unclosed");
        RuleCompiler.Result r = compileWith("messages.properties", broken);
        assertFalse(r.ok());
        RuleProblem p = r.errors().get(0);
        assertEquals("messages.properties", p.file());
        assertEquals(line, p.line());
        assertEquals("CUTOFF_PASSED: a '{' without its '}'", p.message());

        String unknownFormat = en.replaceAll("(?m)^CUTOFF_PASSED=.*$", "CUTOFF_PASSED=After {site,bogus}.");
        assertTrue(compileWith("messages.properties", unknownFormat).errors().get(0).message().startsWith("CUTOFF_PASSED: '{site,bogus}': unknown format"));

        String pt = shipped("messages_pt.properties");
        String missing = pt.replaceAll("(?m)^CUTOFF_PASSED=.*$", "CUTOFF_PASSED=Corte {nosuch} em {site}.");
        RuleCompiler.Result m = compileWith("messages_pt.properties", missing);
        assertFalse(m.ok());
        assertEquals("messages_pt.properties", m.errors().get(0).file());
        assertEquals(lineOf(pt, "CUTOFF_PASSED="), m.errors().get(0).line());
        assertTrue(m.errors().get(0).message().startsWith("CUTOFF_PASSED: {nosuch} is not in the evidence of CUTOFF_PASSED"),
                m.errors().get(0).message());
    }

    @Test
    void aFileNotInUtf8IsRefusedByNameAndTheWordingStays() throws IOException {
        for (RuleFile f : shippedSet()) Files.writeString(rulesDir.resolve(f.name()), f.content(), StandardCharsets.UTF_8);
        RuleBaseHolder holder = new RuleBaseHolder(new RuleCompiler(), UnknownPhaseTest.config(rulesDir));
        assertTrue(holder.reloadFromDisk().ok());
        String good = holder.active().version();
        ReasonWriter writer = new ReasonWriter(UnknownPhaseTest.config(rulesDir), holder);
        Map<String, Object> evidence = Map.of("site", "SP", "cutoff", "14:00", "dispatch", "2026-12-07");
        String before = writer.wording(List.of(Locale.forLanguageTag("pt")), LocalDate.of(2026, 12, 4)).say("CUTOFF_PASSED", evidence);

        String pt = shipped("messages_pt.properties");
        byte[] latin1 = pt.getBytes(StandardCharsets.ISO_8859_1);
        Files.write(rulesDir.resolve("messages_pt.properties"), latin1);
        int at = 0;
        while (latin1[at] >= 0) at++; // the first byte that is not ASCII
        assertFalse(holder.reloadFromDisk().ok());
        assertEquals(good, holder.active().version());
        assertEquals("messages_pt.properties", holder.lastError().file());
        int line = (int) pt.substring(0, pt.indexOf(new String(latin1, at, 1, StandardCharsets.ISO_8859_1))).chars().filter(c -> c == '\n').count() + 1;
        assertEquals(line, holder.lastError().line());
        assertTrue(holder.lastError().message().startsWith("messages_pt.properties is not valid UTF-8 at byte " + at + " (line " + line + ")"),
                holder.lastError().message());
        writer.refresh(); // the poll: the wording follows the active set, not the directory
        assertEquals(before, writer.wording(List.of(Locale.forLanguageTag("pt")), LocalDate.of(2026, 12, 4)).say("CUTOFF_PASSED", evidence));

        // a broken template on disk: refused the same way, the active set's wording stays
        Files.writeString(rulesDir.resolve("messages_pt.properties"), pt.replaceAll("(?m)^CUTOFF_PASSED=.*$", "CUTOFF_PASSED={unclosed"));
        assertFalse(holder.reloadFromDisk().ok());
        assertEquals("messages_pt.properties", holder.lastError().file());
        assertEquals(lineOf(pt, "CUTOFF_PASSED="), holder.lastError().line());
        assertEquals(before, writer.wording(List.of(Locale.forLanguageTag("pt")), LocalDate.of(2026, 12, 4)).say("CUTOFF_PASSED", evidence));
    }
}
