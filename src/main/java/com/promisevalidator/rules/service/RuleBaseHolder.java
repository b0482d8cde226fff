package com.promisevalidator.rules.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.promisevalidator.common.ProblemException;
import com.promisevalidator.common.PromiseConfig;
import com.promisevalidator.rules.model.Parameters;
import com.promisevalidator.rules.model.RuleFile;
import com.promisevalidator.rules.model.RuleProblem;
import com.promisevalidator.rules.model.RuleSet;
import com.promisevalidator.rules.model.ScenarioReport;
import com.promisevalidator.rules.model.ScenarioResult;

/**
 * The one holder of the active rule base. Validation takes {@link #active()} once per evaluation;
 * a reload checks ({@link RulePolicy}) and compiles the candidate completely before one atomic swap, so a
 * bad or forbidden file never replaces a good rule set and an evaluation never sees half of a reload.
 * A candidate whose scenario tests (tests/*.yaml in the rules directory) fail is refused the same way.
 */
@Singleton
public class RuleBaseHolder {

    private static final Logger LOG = Logger.getLogger(RuleBaseHolder.class);

    /** Why the rules directory is not what is active ({@code key}: the parameters.yaml key refused, if that is why). */
    public record LastError(String file, Integer line, Integer column, String message, Instant at, String key) {
    }

    /** A rule set that failed while evaluating a quote (a runaway rule, an exception in a consequence). */
    public record RuntimeFailure(String version, String rule, String message, Instant at) {
    }

    private final RuleCompiler compiler;
    private final Path rulesDir;
    private final AtomicReference<RuleSet> active = new AtomicReference<>();
    /** The set the active one replaced: what answers a quote on which the active set's rules fail at run time. */
    private final AtomicReference<RuleSet> previous = new AtomicReference<>();
    private final AtomicReference<LastError> lastError = new AtomicReference<>();
    private volatile String lastFailedVersion;
    private final AtomicLong runtimeFailures = new AtomicLong();
    /** Versions that failed on a quote since start (bounded: a few per incident). */
    private final java.util.Set<String> failedOnQuotes = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final AtomicLong refusedReloads = new AtomicLong();
    private final AtomicReference<RuntimeFailure> lastRuntimeFailure = new AtomicReference<>();
    private final List<Consumer<RuleSet>> onActivate = new CopyOnWriteArrayList<>();
    /** Runs scenario tests (the scenario feature); none outside CDI. */
    private final java.util.function.Supplier<ScenarioGate> gate;
    private final PromiseConfig config;
    /** The scenario files that came with the active set, and how they went. */
    private volatile List<RuleFile> activeScenarios = List.of();
    /** The active set is the last good one from the database (start-up, the directory refused): its scenarios were not read. */
    private volatile boolean activeFromLastGood;

    /** Whether the active set is the database's last good one, run because the directory was refused at start-up. */
    public boolean activeFromLastGood() {
        return activeFromLastGood;
    }
    private volatile ScenarioReport activeReport = ScenarioReport.NONE;
    /** Hash of the active set's rule and scenario files: a poll that finds the same has nothing to do. */
    private volatile String activeKey;

    /** Outside CDI (tests, benchmarks): {@code gate} may be null (no scenario is run). */
    public RuleBaseHolder(RuleCompiler compiler, PromiseConfig config, ScenarioGate gate) {
        this.compiler = compiler;
        this.config = config;
        this.rulesDir = Path.of(config.rulesDir());
        this.gate = () -> gate;
    }

    public RuleBaseHolder(RuleCompiler compiler, PromiseConfig config) {
        this(compiler, config, (ScenarioGate) null);
    }

    @Inject
    public RuleBaseHolder(RuleCompiler compiler, PromiseConfig config, Instance<ScenarioGate> gates) {
        this.compiler = compiler;
        this.config = config;
        this.rulesDir = Path.of(config.rulesDir());
        this.gate = () -> gates.isResolvable() ? gates.get() : null; // looked up on use: the gate's feature sits above this one
    }

    /** The rule set in force; throws 503 when none could ever be loaded. */
    public RuleSet active() {
        RuleSet r = active.get();
        if (r == null) {
            // callers learn which file to mend, not the compiler's text (it names generated classes): that is lastError's, for ops
            LastError e = lastError.get();
            throw new ProblemException(503, "No rules loaded", "No valid rule set is loaded"
                    + (e == null || e.file() == null ? "" : " (" + e.file() + (e.line() == null ? "" : " line " + e.line()) + " was refused)")
                    + "; ops see why in GET /api/v1/rules (lastError).", null, null);
        }
        return r;
    }

    public RuleSet activeOrNull() {
        return active.get();
    }

    /**
     * The parameters in force: the active rule set's or, before the first one is active (its compile runs at start-up
     * beside the loads that need only these), {@link #plannedParameters()}.
     */
    public Parameters parameters() {
        RuleSet r = active.get();
        return r != null ? r.parameters() : plannedParameters();
    }

    /**
     * The parameters the rules directory's parameters.yaml asks for, read without compiling anything (the file is
     * data, parsed as a reload parses it); the configured ones when it is missing or refused.
     */
    public Parameters plannedParameters() {
        Parameters configured = Parameters.of(config);
        try {
            Path file = rulesDir.resolve("parameters.yaml");
            if (!Files.isRegularFile(file)) return configured;
            inside(rulesDir, file, file.getFileName().toString());
            var parsed = ParametersFile.parse(Files.readString(file), configured);
            return parsed.ok() ? parsed.parameters() : configured;
        } catch (IOException | RuntimeException e) {
            return configured;
        }
    }

    public LastError lastError() {
        return lastError.get();
    }

    /** Reloads refused since start (a file that does not compile or breaks the policy; an unreadable directory). */
    public long refusedReloads() {
        return refusedReloads.get();
    }

    public long runtimeFailures() {
        return runtimeFailures.get();
    }

    /**
     * The rule set the active one replaced, that never failed on a quote (null before the first swap): a set that failed on
     * live facts is not the one to fall back on, so an edit made while a faulty set is active (a sentence, a parameter)
     * keeps the good set before it as the fallback (probe ops M1: that edit made the faulty set the fallback, and its
     * quotes 503).
     */
    public RuleSet previousOrNull() {
        return previous.get();
    }

    public RuntimeFailure lastRuntimeFailure() {
        return lastRuntimeFailure.get();
    }

    /** Counts and logs a rule set failing on a quote, so ops see it without a failing request in hand. */
    public void recordRuntimeFailure(String version, String rule, String message) {
        runtimeFailures.incrementAndGet();
        if (version != null && failedOnQuotes.size() < 1000) failedOnQuotes.add(version);
        lastRuntimeFailure.set(new RuntimeFailure(version, rule, message, Instant.now()));
        LOG.errorf("rules %s failed on a quote (rule %s): %s", version, rule, message);
    }

    /** Called after each swap with the new rule set (e.g. to rebuild statistics when the half-life changed); must not block. */
    public void onActivate(Consumer<RuleSet> listener) {
        onActivate.add(listener);
    }

    public Path rulesDir() {
        return rulesDir;
    }

    /** The scenario files (tests/*.yaml) loaded with the active set. */
    public List<RuleFile> activeScenarios() {
        return activeScenarios;
    }

    /** How the active set's scenarios went when it was loaded. */
    public ScenarioReport activeReport() {
        return activeReport;
    }

    /** Runs scenario files against a compiled candidate (no scenario gate outside CDI: none run). */
    public ScenarioReport runScenarios(RuleSet candidate, List<RuleFile> scenarios) {
        ScenarioGate g = scenarios.isEmpty() ? null : gate.get();
        if (g == null) return ScenarioReport.NONE;
        try {
            return g.run(candidate, scenarios);
        } catch (RuntimeException | Error e) { // the runner's own trouble is a failed check, never an activation
            return ScenarioReport.of(List.of(ScenarioResult.failed(null, null, List.of(), "scenarios could not run: " + e)));
        }
    }

    /**
     * Reads the rules directory and activates it if it compiles; otherwise keeps what is active. One at a time: a
     * poll that comes while the start-up compile runs then finds the directory active instead of compiling it again.
     */
    public synchronized RuleCompiler.Result reloadFromDisk() {
        List<RuleFile> files;
        List<RuleFile> scenarios;
        try {
            files = readDir(rulesDir);
            scenarios = readScenarios(rulesDir);
        } catch (RefusedFile e) { // not UTF-8 (an editor saving Latin-1), or a name outside the pattern: refused as a whole, named
            LastError err = new LastError(e.file, e.line, null, e.getMessage(), Instant.now(), null);
            LastError before = lastError.getAndSet(err);
            // refused once, as a compile error is, not again at every poll while the file stays (probe ops L4)
            if (before != null && java.util.Objects.equals(before.file(), e.file) && before.message().equals(e.getMessage())) {
                lastError.set(before);
                return new RuleCompiler.Result(null, List.of(new RuleProblem(e.file, e.line, null, e.getMessage())));
            }
            refusedReloads.incrementAndGet();
            LOG.errorf("rule reload refused: %s line %s: %s", e.file, e.line, e.getMessage());
            return new RuleCompiler.Result(null, List.of(new RuleProblem(e.file, e.line, null, e.getMessage())));
        } catch (IOException e) {
            LastError err = new LastError(null, null, null, "cannot read rules directory " + rulesDir.toAbsolutePath() + ": " + e.getMessage(), Instant.now(), null);
            lastError.set(err);
            refusedReloads.incrementAndGet();
            LOG.error(err.message());
            return new RuleCompiler.Result(null, List.of(new RuleProblem(null, null, null, err.message())));
        }
        return reload(files, scenarios, key(files, scenarios));
    }

    /** The files just read, whose {@link #key} is {@code key}: nothing to do when active or already refused, else activated. */
    private RuleCompiler.Result reload(List<RuleFile> files, List<RuleFile> scenarios, String key) {
        RuleSet current = active.get();
        if (current != null && key.equals(activeKey)) {
            activeFromLastGood = false; // the directory holds what is active (its scenarios, read now, are the set's)
            if (activeReport.ok()) clearError(); // e.g. a refused edit was undone: the directory is clean again
            return new RuleCompiler.Result(current, List.of());
        }
        if (key.equals(lastFailedVersion)) { // already refused; wait for the next edit
            return new RuleCompiler.Result(null, List.of());
        }
        if (parametersRemoved(current, files)) {
            // a deleted parameters.yaml would silently reset every ops value to the application's
            refusedReloads.incrementAndGet();
            lastFailedVersion = key;
            lastError.set(new LastError(ParametersFile.NAME, null, null, PARAMETERS_REMOVED, Instant.now(), null));
            LOG.errorf("rule reload refused, keeping %s: %s %s", current.version(), ParametersFile.NAME, PARAMETERS_REMOVED);
            return new RuleCompiler.Result(null, List.of(new RuleProblem(ParametersFile.NAME, null, null, PARAMETERS_REMOVED)));
        }
        String wording = wordingRemoved(current, files);
        if (wording != null) {
            // a deleted messages file silently put ops' sentences (or a whole language) back to the built-in English (probe ops L3)
            refusedReloads.incrementAndGet();
            lastFailedVersion = key;
            lastError.set(new LastError(wording, null, null, WORDING_REMOVED, Instant.now(), null));
            LOG.errorf("rule reload refused, keeping %s: %s %s", current.version(), wording, WORDING_REMOVED);
            return new RuleCompiler.Result(null, List.of(new RuleProblem(wording, null, null, WORDING_REMOVED)));
        }
        return activate(files, scenarios);
    }

    static final String PARAMETERS_REMOVED = "was removed: refused, the last good set (with its parameters) stays; to use the "
            + "application defaults on purpose, put back a parameters.yaml with only a comment, e.g. '# all defaults'";

    /** The active set had a parameters.yaml and the directory no longer has one. */
    static final String WORDING_REMOVED = "was removed: refused, the last good set (with its sentences) stays; to drop that wording "
            + "on purpose (the built-in English then speaks), put back the file with only a comment, e.g. '# built-in wording'";

    /** A messages file the active set has and the directory no longer does (its name), or null. */
    private static String wordingRemoved(RuleSet current, List<RuleFile> files) {
        if (current == null) return null;
        java.util.Set<String> now = new java.util.HashSet<>();
        for (RuleFile f : files) now.add(f.name());
        for (RuleFile f : current.files()) {
            if (f.name().matches(MessagesCheck.NAME) && !now.contains(f.name())) return f.name();
        }
        return null;
    }

    private static boolean parametersRemoved(RuleSet current, List<RuleFile> files) {
        return current != null && current.files().stream().anyMatch(f -> ParametersFile.NAME.equals(f.name()))
                && files.stream().noneMatch(f -> ParametersFile.NAME.equals(f.name()));
    }

    /** What the last poll found in the directory ({@link #reloadWhenSettled}). */
    private String lastSeen;

    /**
     * The poller's reload: a directory that changed since the previous poll is left alone until a poll finds it as the one
     * before did, so a file still being written (a partial file that happens to compile) is not activated half-written.
     * Returns null while it waits. Check, start-up and tests read the directory at once ({@link #reloadFromDisk}).
     */
    public synchronized RuleCompiler.Result reloadWhenSettled() {
        List<RuleFile> files = null;
        List<RuleFile> scenarios = null;
        String seen;
        try {
            files = readDir(rulesDir);
            scenarios = readScenarios(rulesDir);
            seen = key(files, scenarios);
        } catch (RefusedFile e) {
            seen = "refused " + e.file + ": " + e.getMessage();
        } catch (IOException e) {
            seen = "unreadable: " + e.getMessage();
        }
        boolean changed = !seen.equals(lastSeen);
        lastSeen = seen;
        // a change whose files have all been still for a while is a finished save: applied at this poll, as before
        if (changed && !seen.equals(activeKey) && writtenWithin(QUIET)) return null;
        // what was read serves the reload; a directory that could not be read is read again there, to say why
        return files == null ? reloadFromDisk() : reload(files, scenarios, seen);
    }

    /** How long every file must have been left alone for a change to count as written ({@link #reloadWhenSettled}). */
    static final java.time.Duration QUIET = java.time.Duration.ofSeconds(2);

    /** Whether a file of the rules directory (or its tests) was modified within {@code quiet} (unreadable: yes). */
    private boolean writtenWithin(java.time.Duration quiet) {
        long since = System.currentTimeMillis() - quiet.toMillis();
        try (java.util.stream.Stream<java.nio.file.Path> all = java.nio.file.Files.walk(rulesDir, 2)) {
            return all.anyMatch(f -> {
                try {
                    return java.nio.file.Files.getLastModifiedTime(f).toMillis() > since;
                } catch (IOException e) {
                    return true;
                }
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            return true;
        }
    }

    /** The rule files and scenario files together (scenarios are not part of the rules version: they change no answer). */
    private static String key(List<RuleFile> files, List<RuleFile> scenarios) {
        List<RuleFile> all = new ArrayList<>(files);
        all.addAll(scenarios);
        all.sort(java.util.Comparator.comparing(RuleFile::name));
        return RuleCompiler.version(all);
    }

    public RuleCompiler.Result activate(List<RuleFile> files) {
        return activate(files, List.of());
    }

    /**
     * Passes the candidate through the policy gate and the compiler and, only when both are clean, swaps
     * it in. A refused candidate (violation or compile error) never becomes active; what was active stays.
     */
    public synchronized RuleCompiler.Result activate(List<RuleFile> files, List<RuleFile> scenarios) {
        RuleCompiler.Result result = compiler.compile(files);
        ScenarioReport report = result.ok() ? runScenarios(result.ruleSet(), scenarios) : ScenarioReport.NONE;
        if (result.ok() && !report.ok() && active.get() != null) {
            // a candidate that fails its own tests is not activated: the last good set keeps answering
            lastFailedVersion = key(files, scenarios);
            refusedReloads.incrementAndGet(); // a refused reload like any other: the metric ops alert on (probe ops M2)
            String message = scenariosFailed(report);
            ScenarioResult first = report.failures().get(0);
            lastError.set(new LastError(first.file(), null, null, message, Instant.now(), null));
            LOG.errorf("rule reload refused, keeping %s: %s", active.get().version(), message);
            return new RuleCompiler.Result(null, List.of(new RuleProblem(first.file(), null, null, message)));
        }
        if (result.ok()) {
            RuleSet replaced = active.getAndSet(result.ruleSet());
            if (replaced != null && !replaced.version().equals(result.ruleSet().version()) && !failedOnQuotes.contains(replaced.version())) {
                previous.set(replaced);
            }
            activeScenarios = List.copyOf(scenarios);
            activeFromLastGood = false;
            activeReport = report;
            activeKey = key(files, scenarios);
            clearError();
            if (!report.ok()) {
                // nothing was active (start-up): refusing would leave the service with no rules at all
                lastError.set(new LastError(report.failures().get(0).file(), null, null,
                        scenariosFailed(report) + " (activated: no other rule set was loaded)", Instant.now(), null));
                LOG.errorf("rules %s activated with failing scenarios, no other set was loaded: %s", result.ruleSet().version(),
                        scenariosFailed(report));
            }
            LOG.infof("rules %s active (%d files, %d scenarios passed)", result.ruleSet().version(), files.size(), report.run() - report.failed());
            for (Consumer<RuleSet> l : onActivate) {
                try {
                    l.accept(result.ruleSet());
                } catch (RuntimeException e) { // a listener's trouble never undoes the swap
                    LOG.error("after activating rules " + result.ruleSet().version() + ": " + e.getMessage(), e);
                }
            }
        } else {
            refusedReloads.incrementAndGet();
            lastFailedVersion = key(files, scenarios);
            RuleProblem p = result.firstProblem();
            String kind = result.violations().isEmpty() ? "" : "policy violation: ";
            lastError.set(new LastError(p.file(), p.line(), p.column(), kind + p.message(), Instant.now(), p.key()));
            LOG.errorf("rule reload refused, keeping %s: %s line %s column %s: %s%s (%d violation(s), %d compile error(s))",
                    active.get() == null ? "no rules" : active.get().version(), p.file(), p.line(), p.column(), kind, p.message(),
                    result.violations().size(), result.errors().size());
        }
        return result;
    }

    /**
     * At start-up, when the rules directory could not be activated: runs the last good set (saved when it was activated)
     * instead of none. The directory's error stays the reported {@code lastError}, so ops see what to mend; the next clean
     * edit of the directory replaces this set as any reload does. False when something is active or the saved set fails too.
     */
    public synchronized boolean fallBack(List<RuleFile> saved, String savedVersion) {
        if (active.get() != null) return false;
        LastError dirError = lastError.get();
        String failedKey = lastFailedVersion;
        RuleCompiler.Result r = activate(saved, List.of());
        lastFailedVersion = failedKey; // the directory stays refused until it changes
        if (!r.ok()) {
            lastError.set(dirError);
            LOG.errorf("the last good rule set %s from the database did not load either: %s", savedVersion, r.firstProblem().message());
            return false;
        }
        if (dirError != null) {
            lastError.set(new LastError(dirError.file(), dirError.line(), dirError.column(), dirError.message()
                    + " (running the last good rule set " + savedVersion + " until the directory loads)", dirError.at(), dirError.key()));
        }
        activeFromLastGood = true;
        LOG.errorf("rules directory refused at start-up; running the last good rule set %s from the database", savedVersion);
        return true;
    }

    /** Whether the active set passed its scenario tests (a set activated at start-up with failing ones did not). */
    public boolean activeIsClean() {
        return active.get() != null && activeReport.ok();
    }

    private static String scenariosFailed(ScenarioReport r) {
        return "scenario test failed (" + r.failed() + " of " + r.run() + "): " + r.failures().get(0).describe();
    }

    private void clearError() {
        lastError.set(null);
        lastFailedVersion = null;
    }

    /** The scenario tests beside the rules: tests/*.yaml, named "tests/<file>", sorted; empty without a tests/ directory. */
    public static List<RuleFile> readScenarios(Path dir) throws IOException {
        Path tests = dir.resolve("tests");
        List<RuleFile> files = new ArrayList<>();
        if (!Files.isDirectory(tests)) return files;
        try (Stream<Path> s = Files.list(tests)) {
            for (Path p : s.filter(p -> p.getFileName().toString().matches(SCENARIO_NAME) && Files.isRegularFile(p)).sorted().toList()) {
                inside(dir, p, SCENARIO_DIR + p.getFileName());
                files.add(new RuleFile(SCENARIO_DIR + p.getFileName(), readUtf8(p, SCENARIO_DIR + p.getFileName())));
            }
        }
        return files;
    }

    /** Scenario files: tests/ + a name like a rule file's, ending in .yaml. */
    public static final String SCENARIO_DIR = "tests/";
    public static final String SCENARIO_NAME = "[A-Za-z0-9][A-Za-z0-9_.\\-]*\\.yaml";

    public static boolean isScenarioFile(String name) {
        return name != null && name.startsWith(SCENARIO_DIR) && name.substring(SCENARIO_DIR.length()).matches(SCENARIO_NAME);
    }

    /** A rule set's file that is not UTF-8 or badly named: where, in words ops can act on (not the decoder's "Input length = 3"). */
    static final class RefusedFile extends IOException {
        final String file;
        final Integer line;

        RefusedFile(String file, Integer line, String message) {
            super(message);
            this.file = file;
            this.line = line;
        }
    }

    /** The file's text, decoded strictly: a byte that is not UTF-8 names its offset and line. */
    static String readUtf8(Path p, String name) throws IOException {
        byte[] bytes = Files.readAllBytes(p);
        var in = java.nio.ByteBuffer.wrap(bytes);
        var out = java.nio.CharBuffer.allocate(bytes.length); // UTF-8 never decodes to more chars than bytes
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        if (decoder.decode(in, out, true).isError()) { // one pass: where it stopped is the bad byte
            int at = in.position(), line = 1;
            for (int k = 0; k < at; k++) if (bytes[k] == '\n') line++;
            throw new RefusedFile(name, line, name + " is not valid UTF-8 at byte " + at + " (line " + line
                    + "): save it as UTF-8; the rule set is refused as a whole");
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    /**
     * A file of the set must be in the rules directory: a link to a file elsewhere (ln -s /etc/passwd x.drl) would make the
     * live policy change with a file nobody edits here, and compile errors would show its content to any ops key. A link
     * that stays inside (a Kubernetes ConfigMap's x.drl -> ..data/x.drl) is fine.
     */
    static void inside(Path dir, Path p, String name) throws IOException {
        if (!p.toRealPath().startsWith(dir.toRealPath())) {
            throw new RefusedFile(name, null, "'" + name + "' is a link to a file outside the rules directory: the rule set is read "
                    + "from this directory only; copy the file in. The rule set is refused until then");
        }
    }

    static List<RuleFile> readDir(Path dir) throws IOException {
        List<RuleFile> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> all = s.filter(Files::isRegularFile).sorted().toList();
            for (Path p : all) {
                // "friday buffer.drl" was silently left out: ops believed it live. Refused like check refuses it (hidden files,
                // e.g. an editor's or macOS's ._x.drl, are not part of the set)
                String name = p.getFileName().toString();
                if (RuleFile.leftOutOfTheSet(name)) continue; // a README, notes: not the set's (rules/check leaves them out alike)
                // (Friday.DRL too: the extension in capitals was left out just as silently)
                // (parameters.yml too: read as no file at all, its values silently never applied)
                if (name.toLowerCase(java.util.Locale.ROOT).endsWith(".yml")) {
                    throw new RefusedFile(name, null, "'" + name + "': rule set files end in .yaml, not .yml; rename it to '"
                            + name.substring(0, name.length() - 4) + ".yaml': the rule set is refused until then");
                }
                if (!RuleFile.belongs(name)) {
                    throw new RefusedFile(name, null, "'" + name + "': a rule file name must be letters, digits, '-', '_' or '.' "
                            + "(starting with a letter or digit), ending in .drl, .yaml or .properties; rename it: the rule set is "
                            + "refused until then");
                }
            }
            for (Path p : all.stream().filter(p -> RuleFile.belongs(p.getFileName().toString())).toList()) {
                inside(dir, p, p.getFileName().toString());
                files.add(new RuleFile(p.getFileName().toString(), readUtf8(p, p.getFileName().toString())));
            }
        }
        return files;
    }
}
