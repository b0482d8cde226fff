package com.promisevalidator.rules.drl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.junit.jupiter.api.Test;

import com.promisevalidator.validation.service.RulePhases;

/**
 * Reads every shipped rule file the way an ops reviewer would: rules read like policy. A consequence
 * has at most three statements, there are no sentences in rules (no string literal with a space), no
 * salience (order comes from the named phases), each rule names one phase and has its one-line
 * comment, and every rule is exercised by a rule test in this package.
 */
class RuleFileStyleTest {

    static final Path TESTS = Path.of("src/test/java/com/promisevalidator/rules/drl");
    static final Pattern SENTENCE = Pattern.compile("\"[^\"\\n]*\\s[^\"\\n]*\"");

    record Rule(String file, String name, String consequence, List<AttributeDescr> attributes, String commentAbove) {
    }

    static List<Rule> rules() throws Exception {
        List<Rule> out = new ArrayList<>();
        for (Path p : files()) {
            String text = Files.readString(p, StandardCharsets.UTF_8);
            DrlParser parser = new DrlParser();
            PackageDescr pkg = parser.parse(false, text);
            assertFalse(parser.hasErrors(), () -> p + ": " + parser.getErrors());
            List<String> lines = text.lines().toList();
            for (RuleDescr r : pkg.getRules()) {
                int idx = r.getLine() - 1;
                while (idx > 0 && !lines.get(idx).contains("rule \"" + r.getName() + "\"")) idx--;
                String above = idx > 0 ? lines.get(idx - 1).strip() : "";
                out.add(new Rule(p.getFileName().toString(), r.getName(), String.valueOf(r.getConsequence()),
                        new ArrayList<>(r.getAttributes().values()), above));
            }
        }
        return out;
    }

    static List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(RuleHarness.RULES_DIR)) {
            return s.filter(p -> p.toString().endsWith(".drl")).sorted().toList();
        }
    }

    /** Statements of a consequence: a modify block counts as one; strings and comments do not count. */
    static int statements(String consequence) {
        String s = consequence.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "").replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"");
        s = s.replaceAll("(?s)modify\\s*\\([^)]*\\)\\s*\\{[^}]*\\}\\s*;?", "modify;");
        int n = 0;
        for (String part : s.split(";")) if (!part.isBlank()) n++;
        return n;
    }

    @Test
    void everyConsequenceHasAtMostThreeStatements() throws Exception {
        List<Rule> rules = rules();
        assertFalse(rules.isEmpty());
        for (Rule r : rules) {
            int n = statements(r.consequence());
            assertTrue(n >= 1 && n <= 3, r.file() + " \"" + r.name() + "\": " + n + " statements in its then part:\n" + r.consequence());
        }
        assertEquals(3, statements("modify($p) { estimate() }\n$p.note(Finding.leadTime($p)); // why\n$p.offerSplit();"));
    }

    @Test
    void noSentencesNoSalienceNoFunctionsInRuleFiles() throws Exception {
        assertTrue(SENTENCE.matcher("$p.say(\"is fully booked\")").find(), "the detector sees a sentence");
        assertFalse(SENTENCE.matcher("orderedAfter(\"16:00\")").find(), "a value without a space is not a sentence");
        for (Path p : files()) {
            String code = Files.readString(p, StandardCharsets.UTF_8).lines().map(l -> l.replaceAll("//.*$", ""))
                    .reduce("", (a, b) -> a + b + "\n");
            Matcher m = SENTENCE.matcher(code);
            List<String> sentences = new ArrayList<>();
            while (m.find()) if (!isRuleNameOrPhase(code, m.start())) sentences.add(m.group());
            assertEquals(List.of(), sentences, p + ": sentences belong in rules/messages.properties");
            assertFalse(code.contains("salience"), p + ": order rules by phase (ruleflow-group), not salience");
            assertFalse(Pattern.compile("(?m)^\\s*function\\s").matcher(code).find(), p + ": logic belongs in methods of the fact model");
        }
    }

    /** A rule's own name ({@code rule "..."}) and its phase name are the only quoted text a rule file needs. */
    private static boolean isRuleNameOrPhase(String code, int quoteAt) {
        String before = code.substring(Math.max(0, quoteAt - 20), quoteAt);
        return before.matches("(?s).*\\brule\\s*$") || before.matches("(?s).*\\b(ruleflow|agenda)-group\\s*$");
    }

    @Test
    void everyRuleNamesOnePhaseAndSaysWhatItProtects() throws Exception {
        for (Rule r : rules()) {
            List<String> groups = r.attributes().stream().filter(a -> a.getName().equals("ruleflow-group")).map(AttributeDescr::getValue).toList();
            assertEquals(1, groups.size(), r.name() + ": one ruleflow-group (agenda-group is deprecated in Drools 10)");
            assertTrue(RulePhases.ORDER.contains(groups.get(0)), r.name() + ": phase '" + groups.get(0) + "' is not one of " + RulePhases.ORDER);
            assertTrue(r.attributes().stream().noneMatch(a -> a.getName().equals("salience")), r.name() + ": salience");
            assertTrue(r.commentAbove().startsWith("// Protects: "), r.name() + ": the line above a rule says which promise it protects, was: "
                    + r.commentAbove());
        }
    }

    @Test
    void everyRuleIsNamedByARuleTest() throws Exception {
        StringBuilder tests = new StringBuilder();
        try (Stream<Path> s = Files.list(TESTS)) {
            for (Path p : s.filter(p -> p.toString().endsWith("RulesTest.java")).toList()) tests.append(Files.readString(p));
        }
        for (Rule r : rules()) {
            assertTrue(tests.indexOf("\"" + r.name() + "\"") >= 0, r.file() + " \"" + r.name() + "\" has no rule test naming it");
        }
    }

    @Test
    void everyRuleIsCoveredByAScenarioAndEveryCoveredNameIsARule() throws Exception {
        java.util.Set<String> covered = new java.util.TreeSet<>();
        for (com.promisevalidator.rules.model.RuleFile f : com.promisevalidator.rules.service.RuleBaseHolder.readScenarios(RuleHarness.RULES_DIR)) {
            com.promisevalidator.scenario.service.ScenarioFile.Result r = com.promisevalidator.scenario.service.ScenarioFile.parse(f.name(), f.content());
            assertEquals(List.of(), r.problems(), f.name());
            r.scenarios().forEach(s -> covered.addAll(s.covers()));
        }
        List<String> names = rules().stream().map(Rule::name).toList();
        for (Rule r : rules()) {
            assertTrue(covered.contains(r.name()), r.file() + " \"" + r.name() + "\" has no scenario in rules/tests/*.yaml naming it in covers");
        }
        for (String c : covered) assertTrue(names.contains(c), "covers names \"" + c + "\", which is no rule of rules/*.drl");
    }
}
