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

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.promisevalidator.common.ProblemException;
import com.promisevalidator.common.PromiseConfig;
import com.promisevalidator.rules.model.RuleFile;
import com.promisevalidator.rules.model.RuleProblem;
import com.promisevalidator.rules.model.RuleSet;

/**
 * The one holder of the active rule base. Validation takes {@link #active()} once per evaluation;
 * a reload checks ({@link RulePolicy}) and compiles the candidate completely before one atomic swap, so a
 * bad or forbidden file never replaces a good rule set and an evaluation never sees half of a reload.
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
    private final AtomicReference<LastError> lastError = new AtomicReference<>();
    private volatile String lastFailedVersion;
    private final AtomicLong runtimeFailures = new AtomicLong();
    private final AtomicLong refusedReloads = new AtomicLong();
    private final AtomicReference<RuntimeFailure> lastRuntimeFailure = new AtomicReference<>();
    private final List<Consumer<RuleSet>> onActivate = new CopyOnWriteArrayList<>();

    public RuleBaseHolder(RuleCompiler compiler, PromiseConfig config) {
        this.compiler = compiler;
        this.rulesDir = Path.of(config.rulesDir());
    }

    /** The rule set in force; throws 503 when none could ever be loaded. */
    public RuleSet active() {
        RuleSet r = active.get();
        if (r == null) {
            LastError e = lastError.get();
            throw new ProblemException(503, "No rules loaded", "No valid rule set is loaded"
                    + (e == null ? "" : ": " + e.file() + " line " + e.line() + ": " + e.message()), null, null);
        }
        return r;
    }

    public RuleSet activeOrNull() {
        return active.get();
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

    public RuntimeFailure lastRuntimeFailure() {
        return lastRuntimeFailure.get();
    }

    /** Counts and logs a rule set failing on a quote, so ops see it without a failing request in hand. */
    public void recordRuntimeFailure(String version, String rule, String message) {
        runtimeFailures.incrementAndGet();
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

    /** Reads the rules directory and activates it if it compiles; otherwise keeps what is active. */
    public RuleCompiler.Result reloadFromDisk() {
        List<RuleFile> files;
        try {
            files = readDir(rulesDir);
        } catch (IOException e) {
            LastError err = new LastError(null, null, null, "cannot read rules directory " + rulesDir.toAbsolutePath() + ": " + e.getMessage(), Instant.now(), null);
            lastError.set(err);
            refusedReloads.incrementAndGet();
            LOG.error(err.message());
            return new RuleCompiler.Result(null, List.of(new RuleProblem(null, null, null, err.message())));
        }
        String version = RuleCompiler.version(files);
        RuleSet current = active.get();
        if (current != null && version.equals(current.version())) {
            clearError(); // e.g. a refused edit was undone: the directory is clean again
            return new RuleCompiler.Result(current, List.of());
        }
        if (version.equals(lastFailedVersion)) { // already refused; wait for the next edit
            return new RuleCompiler.Result(null, List.of());
        }
        return activate(files);
    }

    /**
     * Passes the candidate through the policy gate and the compiler and, only when both are clean, swaps
     * it in. A refused candidate (violation or compile error) never becomes active; what was active stays.
     */
    public synchronized RuleCompiler.Result activate(List<RuleFile> files) {
        RuleCompiler.Result result = compiler.compile(files);
        if (result.ok()) {
            active.set(result.ruleSet());
            clearError();
            LOG.infof("rules %s active (%d files)", result.ruleSet().version(), files.size());
            for (Consumer<RuleSet> l : onActivate) {
                try {
                    l.accept(result.ruleSet());
                } catch (RuntimeException e) { // a listener's trouble never undoes the swap
                    LOG.error("after activating rules " + result.ruleSet().version() + ": " + e.getMessage(), e);
                }
            }
        } else {
            refusedReloads.incrementAndGet();
            lastFailedVersion = RuleCompiler.version(files.stream().sorted(java.util.Comparator.comparing(RuleFile::name)).toList());
            RuleProblem p = result.firstProblem();
            String kind = result.violations().isEmpty() ? "" : "policy violation: ";
            lastError.set(new LastError(p.file(), p.line(), p.column(), kind + p.message(), Instant.now(), p.key()));
            LOG.errorf("rule reload refused, keeping %s: %s line %s column %s: %s%s (%d violation(s), %d compile error(s))",
                    active.get() == null ? "no rules" : active.get().version(), p.file(), p.line(), p.column(), kind, p.message(),
                    result.violations().size(), result.errors().size());
        }
        return result;
    }

    private void clearError() {
        lastError.set(null);
        lastFailedVersion = null;
    }

    static List<RuleFile> readDir(Path dir) throws IOException {
        List<RuleFile> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> RuleFile.belongs(p.getFileName().toString()) && Files.isRegularFile(p)).sorted().toList()) {
                files.add(new RuleFile(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8)));
            }
        }
        return files;
    }
}
