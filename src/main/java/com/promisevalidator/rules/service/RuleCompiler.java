package com.promisevalidator.rules.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.runtime.KieContainer;
import org.kie.api.runtime.KieSessionsPool;

import com.promisevalidator.common.PromiseConfig;
import com.promisevalidator.rules.model.Parameters;
import com.promisevalidator.rules.model.Phases;
import com.promisevalidator.rules.model.RuleFile;
import com.promisevalidator.rules.model.RuleProblem;
import com.promisevalidator.rules.model.RuleSet;

/**
 * Compiles DRL text at run time: build, check the messages, and only then create the container.
 * Each build gets its own ReleaseId and is removed from the KieRepository once its KieBase exists,
 * so repeated reloads do not pile up modules. Every candidate passes {@link RulePolicy} first. A candidate whose
 * DRL is that of a recent build (only its data files changed) reuses that build's KieBase and session pool.
 */
@Singleton
public class RuleCompiler {

    private static final AtomicLong BUILDS = new AtomicLong();

    /** Compile errors and policy violations ({@link RulePolicy}); ok only when both are empty. */
    public record Result(RuleSet ruleSet, List<RuleProblem> errors, List<RuleProblem> violations) {
        public Result(RuleSet ruleSet, List<RuleProblem> errors) {
            this(ruleSet, errors, List.of());
        }

        public boolean ok() {
            return ruleSet != null;
        }

        /** The first thing wrong with a refused candidate: a violation before a compile error. */
        public RuleProblem firstProblem() {
            return !violations.isEmpty() ? violations.get(0) : errors.isEmpty() ? null : errors.get(0);
        }
    }

    /** A KieBase built, by the hash of its DRL files alone: immutable, so rule sets may share it (and its pool). */
    private record Compiled(String drlVersion, KieBase kieBase, KieSessionsPool pool) {
    }

    /** The last few builds (the active set, a candidate being checked…), most recent last. */
    private static final int REMEMBERED = 3;
    private final LinkedHashMap<String, Compiled> recent = new LinkedHashMap<>(8, 0.75f, true);

    private synchronized Compiled compiled(String drlVersion) {
        return recent.get(drlVersion);
    }

    private synchronized void remember(Compiled c) {
        recent.put(c.drlVersion(), c);
        while (recent.size() > REMEMBERED) recent.remove(recent.keySet().iterator().next());
    }

    /** What a key left out of parameters.yaml (or a missing file) means: the application configuration. */
    private final Parameters defaults;

    @Inject
    public RuleCompiler(PromiseConfig config) {
        this.defaults = Parameters.of(config);
    }

    /** Outside CDI (tests, benchmarks): the built-in defaults. */
    public RuleCompiler() {
        this.defaults = Parameters.BUILT_IN;
    }

    public Parameters defaults() {
        return defaults;
    }

    public Result compile(List<RuleFile> files) {
        List<RuleProblem> errors = new ArrayList<>();
        for (RuleFile f : files) {
            if (!RuleFile.belongs(f.name())) {
                errors.add(new RuleProblem(f.name(), null, null,
                        "a rule file name must be letters, digits, '-', '_' or '.', ending in .drl, .yaml or .properties"
                                + " (a scenario test: tests/<such a name>.yaml)"));
            }
        }
        if (!errors.isEmpty()) return new Result(null, errors);
        // parameters.yaml is data: parsed into typed values, never compiled; its problems are reported with the DRL's
        String parametersText = null;
        for (RuleFile f : files) {
            if (!ParametersFile.NAME.equals(f.name())) continue;
            if (parametersText != null) errors.add(new RuleProblem(f.name(), null, null, "is given twice"));
            parametersText = f.content() == null ? "" : f.content();
        }
        ParametersFile.Result parameters = ParametersFile.parse(parametersText, defaults);
        errors.addAll(parameters.problems());
        List<RuleFile> drl = files.stream().filter(RuleFile::isDrl).toList();
        if (drl.isEmpty()) {
            errors.add(new RuleProblem(null, null, null, "no rule files (*.drl) given"));
            return new Result(null, errors);
        }
        // the gate runs before anything is compiled: building a KieBase may already run code of the files
        List<RuleProblem> violations = RulePolicy.check(drl);
        if (!violations.isEmpty()) return new Result(null, errors, violations);
        List<Parsed> parsed = parsed(drl); // read once for the checks below
        errors.addAll(unknownPhases(parsed));
        errors.addAll(messagesProblems(files));
        List<RuleProblem> duplicates = duplicateRuleNames(parsed);
        if (!duplicates.isEmpty()) { // the compiler would name one of the two files, then add a clash of generated classes
            errors.addAll(duplicates);
            return new Result(null, errors);
        }

        List<RuleFile> sorted = files.stream().sorted(Comparator.comparing(RuleFile::name)).toList();
        String drlVersion = version(drl.stream().sorted(Comparator.comparing(RuleFile::name)).toList());
        Compiled known = compiled(drlVersion);
        if (known != null) {
            // the same DRL as a recent build (e.g. only parameters.yaml changed): its KieBase and session pool are
            // reused, not rebuilt, so a parameters edit swaps in at once and reloads do not pile up pools
            if (!errors.isEmpty()) return new Result(null, errors);
            return new Result(new RuleSet(version(sorted), sorted, known.kieBase(), Instant.now(), known.pool(), parameters.parameters()),
                    List.of());
        }

        KieServices ks = KieServices.Factory.get();
        ReleaseId releaseId = ks.newReleaseId("com.promisevalidator", "rules", "1.0." + BUILDS.incrementAndGet());
        KieFileSystem kfs = fileSystem(ks, releaseId, drl); // data files (*.yaml, *.properties) are never handed to the compiler
        KieBuilder builder;
        try {
            builder = ks.newKieBuilder(kfs).buildAll();
        } catch (RuntimeException | StackOverflowError e) {
            // the compiler itself failed on some text (a modify block before an unbalanced parenthesis threw inside Drools):
            // a refused set naming the file, never a 500 or a reload failing without a word
            ks.getRepository().removeKieModule(releaseId);
            errors.addAll(compilerFailures(drl));
            return new Result(null, errors);
        }
        List<Message> drlErrors = builder.getResults().getMessages(Message.Level.ERROR);
        for (Message m : drlErrors) {
            // Drools' echo of a parse error already reported with its line ("Parser returned a null Package"): noise to ops
            if (m.getLine() <= 0 && m.getText().contains("Parser returned a null Package") && drlErrors.size() > 1) continue;
            String file = fileName(m.getPath());
            RuleProblem problem = new RuleProblem(file, m.getLine() > 0 ? m.getLine() : null,
                    m.getColumn() > 0 ? Integer.valueOf(m.getColumn()) : column(m.getText(), m.getLine()), m.getText().trim());
            errors.add(inThenPart(problem, contentOf(drl, file)));
        }
        if (!errors.isEmpty()) { // DRL errors, or a bad parameters.yaml: nothing is activated
            ks.getRepository().removeKieModule(releaseId);
            return new Result(null, errors);
        }
        KieContainer container = ks.newKieContainer(releaseId);
        try {
            KieBase kieBase = container.getKieBase();
            RuleSet ruleSet = new RuleSet(version(sorted), sorted, kieBase, Instant.now(), parameters.parameters());
            remember(new Compiled(drlVersion, kieBase, ruleSet.pool()));
            return new Result(ruleSet, List.of());
        } finally {
            ks.getRepository().removeKieModule(releaseId);
        }
    }

    /** A DRL file as the parser read it. */
    record Parsed(RuleFile file, PackageDescr pkg) {
    }

    /** Each DRL file as the parser reads it, in the given order; a file it cannot read is left out (the compiler reports it). */
    private static List<Parsed> parsed(List<RuleFile> drl) {
        List<Parsed> out = new ArrayList<>(drl.size());
        for (RuleFile f : drl) {
            PackageDescr pkg = RulePolicy.parse(f.content());
            if (pkg != null) out.add(new Parsed(f, pkg));
        }
        return out;
    }

    /** Two rules of one package with the same name: each later one named with where the first is, so ops see both places. */
    static List<RuleProblem> duplicateRuleNames(List<Parsed> parsed) {
        List<RuleProblem> out = new ArrayList<>();
        Map<String, String> first = new java.util.HashMap<>();
        for (Parsed p : parsed.stream().sorted(Comparator.comparing(p -> p.file().name())).toList()) {
            RuleFile f = p.file();
            PackageDescr pkg = p.pkg();
            for (RuleDescr r : pkg.getRules()) {
                String where = f.name() + (r.getLine() > 0 ? " line " + r.getLine() : "");
                String seen = first.putIfAbsent(pkg.getName() + "\u0000" + r.getName(), where);
                if (seen != null) {
                    out.add(new RuleProblem(f.name(), r.getLine() > 0 ? r.getLine() : null, null,
                            "rule \"" + r.getName() + "\" is defined twice: also in " + seen + "; rule names must differ"));
                }
            }
        }
        return out;
    }

    /**
     * A rule whose phase the service never fires (a misspelt {@code ruleflow-group "estimat"}) compiles and then silently never
     * runs: refused like a compile error. A rule with no phase runs after all of them (the engine's main group), so it passes.
     */
    static List<RuleProblem> unknownPhases(List<Parsed> parsed) {
        List<RuleProblem> out = new ArrayList<>();
        for (Parsed p : parsed) {
            RuleFile f = p.file();
            for (RuleDescr r : p.pkg().getRules()) {
                for (String attribute : List.of("ruleflow-group", "agenda-group")) {
                    AttributeDescr a = r.getAttributes().get(attribute);
                    if (a == null || Phases.ORDER.contains(a.getValue())) continue;
                    out.add(new RuleProblem(f.name(), a.getLine() > 0 ? a.getLine() : null, a.getColumn() >= 0 ? a.getColumn() + 1 : null,
                            "rule \"" + r.getName() + "\": " + attribute + " \"" + a.getValue() + "\" is not a phase, so the rule would never run;"
                                    + " the phases are " + String.join(", ", Phases.ORDER)));
                }
            }
        }
        return out;
    }

    /** The messages files are part of the set: a template that cannot be read refuses the set, not just its language. */
    static List<RuleProblem> messagesProblems(List<RuleFile> files) {
        List<RuleProblem> out = new ArrayList<>();
        for (RuleFile f : files) {
            if (!f.name().matches(MessagesCheck.NAME)) continue;
            String lang = f.name().equals("messages.properties") ? "en"
                    : f.name().substring("messages_".length(), f.name().length() - ".properties".length()).replace('_', '-');
            for (MessagesCheck.Problem p : MessagesCheck.check(f.content(), Locale.forLanguageTag(lang))) {
                out.add(new RuleProblem(f.name(), p.line(), null, p.message(), p.key()));
            }
        }
        return out;
    }

    /**
     * The files the rule compiler fails on by itself (each built alone), each named with what it threw; the whole set when
     * no file fails alone (then it is how they go together).
     */
    static List<RuleProblem> compilerFailures(List<RuleFile> drl) {
        List<RuleProblem> out = new ArrayList<>();
        KieServices ks = KieServices.Factory.get();
        for (RuleFile f : drl) {
            ReleaseId id = ks.newReleaseId("com.promisevalidator", "rules-alone", "1.0." + BUILDS.incrementAndGet());
            try {
                ks.newKieBuilder(fileSystem(ks, id, List.of(f))).buildAll();
            } catch (RuntimeException | StackOverflowError e) {
                Integer line = unbalancedThenLine(f.content());
                out.add(new RuleProblem(f.name(), line, null, line == null ? compilerFailure()
                        : "the rule compiler could not read this file: the parentheses of this line of a then-part do not balance"));
            } finally {
                ks.getRepository().removeKieModule(id);
            }
        }
        if (out.isEmpty()) out.add(new RuleProblem(null, null, null, compilerFailure()));
        return out;
    }

    /** A module of {@code drl} files for the rule compiler, as {@code id}. */
    private static KieFileSystem fileSystem(KieServices ks, ReleaseId id, List<RuleFile> drl) {
        KieFileSystem kfs = ks.newKieFileSystem();
        kfs.generateAndWritePomXML(id);
        for (RuleFile f : drl) kfs.write("src/main/resources/rules/" + f.name(), f.content() == null ? "" : f.content());
        return kfs;
    }

    /** What ops read when the compiler fails on a file by itself: where to look, not what Java threw (probe api M3). */
    private static String compilerFailure() {
        return "the rule compiler could not read this file; look for an unbalanced parenthesis, bracket or quote,"
                + " especially in a modify block";
    }

    /**
     * The first line (1-based) of a then-part whose parentheses do not balance on the line itself, outside quotes and
     * comments; null when none. A consequence is short statements a line each, so such a line is where the compiler
     * stopped (it says no line when it fails this way: "modify($p) { estimate( }").
     */
    static Integer unbalancedThenLine(String content) {
        if (content == null) return null;
        String[] lines = content.split("\\R", -1);
        boolean inThen = false;
        for (int i = 0; i < lines.length; i++) {
            String t = lines[i].strip();
            if (t.equals("then") || t.startsWith("then ")) {
                inThen = true;
                continue;
            }
            if (t.equals("end")) {
                inThen = false;
                continue;
            }
            if (!inThen) continue;
            int depth = 0;
            char quote = 0;
            for (int k = 0; k < t.length(); k++) {
                char c = t.charAt(k);
                if (quote != 0) {
                    if (c == '\\') k++;
                    else if (c == quote) quote = 0;
                } else if (c == '"' || c == '\'') {
                    quote = c;
                } else if (c == '/' && k + 1 < t.length() && t.charAt(k + 1) == '/') {
                    break;
                } else if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                }
            }
            if (depth != 0 || quote != 0) return i + 1;
        }
        return null;
    }

    /** What a then-part's compile error names: a method, a constructor, or a name that cannot be resolved. */
    private static final java.util.regex.Pattern NAMED = java.util.regex.Pattern.compile(
            "The method (\\w+)\\(|The constructor (\\w+)\\(|(\\w+) cannot be resolved|The field (?:\\w+\\.)?(\\w+) is not visible");

    /**
     * Drools puts a then-part's compile error on the rule's first line (the consequence is compiled as Java of its own).
     * When the error is a then-part's ("Rule Compilation error") and names a method, constructor or name, the line and
     * column are those of its first use in that rule's then-part; when the name is not found, the line after
     * {@code then}. Anything else is returned as it is.
     */
    static RuleProblem inThenPart(RuleProblem p, String content) {
        if (content == null || p.line() == null || p.message() == null || !p.message().startsWith("Rule Compilation error")) return p;
        String[] lines = content.split("\\R", -1);
        int then = -1;
        for (int i = p.line() - 1; i < lines.length; i++) { // the rule's then-part: from "then" to "end"
            String t = lines[i].trim();
            if (t.equals("then") || t.startsWith("then ") || t.startsWith("then\t")) {
                then = i;
                break;
            }
            if (i > p.line() - 1 && t.startsWith("rule ")) return p; // another rule: not this one's
        }
        if (then < 0) return p;
        java.util.regex.Matcher m = NAMED.matcher(p.message());
        String name = null;
        if (m.find()) {
            for (int g = 1; g <= m.groupCount() && name == null; g++) name = m.group(g);
        }
        java.util.regex.Pattern word = name == null ? null : java.util.regex.Pattern.compile("\\b" + java.util.regex.Pattern.quote(name) + "\\b");
        for (int i = then; word != null && i < lines.length && !lines[i].trim().equals("end"); i++) {
            java.util.regex.Matcher at = word.matcher(lines[i]);
            int from = i == then ? lines[i].indexOf("then") + 4 : 0;
            if (at.find(Math.max(from, 0))) return new RuleProblem(p.file(), i + 1, at.start() + 1, p.message(), p.key());
        }
        int first = then + 1 < lines.length && lines[then].trim().equals("then") ? then + 2 : then + 1;
        return new RuleProblem(p.file(), first, null, p.message(), p.key());
    }

    private static String contentOf(List<RuleFile> files, String name) {
        for (RuleFile f : files) {
            if (f.name().equals(name)) return f.content();
        }
        return null;
    }

    private static final java.util.regex.Pattern COLUMN =
            java.util.regex.Pattern.compile("\\[Line: (\\d+), Column: (\\d+)]|Line (\\d+):(\\d+)");

    /**
     * Drools leaves a message's column unset but often writes it in the text ("[Line: 6, Column: 4]", the parser's 0-based
     * "Line 7:0"): taken from there when it is on the message's line, 1-based like the gate's.
     */
    static Integer column(String text, int line) {
        java.util.regex.Matcher m = COLUMN.matcher(text == null ? "" : text);
        while (m.find()) {
            boolean parser = m.group(1) == null;
            int l = Integer.parseInt(parser ? m.group(3) : m.group(1));
            int c = Integer.parseInt(parser ? m.group(4) : m.group(2));
            if (line <= 0 || l == line) return parser ? c + 1 : Math.max(c, 1);
        }
        return null;
    }

    private static String fileName(String path) {
        if (path == null) return null;
        int slash = path.lastIndexOf('/');
        return slash >= 0 ? path.substring(slash + 1) : path;
    }

    /** Content hash of all files (rules and data): same files, same version, on every instance. */
    public static String version(List<RuleFile> sortedFiles) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (RuleFile f : sortedFiles) {
                md.update(f.name().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update((f.content() == null ? "" : f.content()).getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
