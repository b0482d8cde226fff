package com.promisevalidator.rules.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Singleton;

import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.runtime.KieContainer;

import com.promisevalidator.rules.model.RuleFile;
import com.promisevalidator.rules.model.RuleProblem;
import com.promisevalidator.rules.model.RuleSet;

/**
 * Compiles DRL text at run time: build, check the messages, and only then create the container.
 * Each build gets its own ReleaseId and is removed from the KieRepository once its KieBase exists,
 * so repeated reloads do not pile up modules. Every candidate passes {@link RulePolicy} first.
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

    public Result compile(List<RuleFile> files) {
        List<RuleProblem> errors = new ArrayList<>();
        for (RuleFile f : files) {
            if (!RuleFile.belongs(f.name())) {
                errors.add(new RuleProblem(f.name(), null, null,
                        "a rule file name must be letters, digits, '-', '_' or '.', ending in .drl, .yaml or .properties"));
            }
        }
        if (!errors.isEmpty()) return new Result(null, errors);
        List<RuleFile> drl = files.stream().filter(RuleFile::isDrl).toList();
        if (drl.isEmpty()) {
            errors.add(new RuleProblem(null, null, null, "no rule files (*.drl) given"));
            return new Result(null, errors);
        }
        // the gate runs before anything is compiled: building a KieBase may already run code of the files
        List<RuleProblem> violations = RulePolicy.check(drl);
        if (!violations.isEmpty()) return new Result(null, List.of(), violations);

        KieServices ks = KieServices.Factory.get();
        ReleaseId releaseId = ks.newReleaseId("com.promisevalidator", "rules", "1.0." + BUILDS.incrementAndGet());
        KieFileSystem kfs = ks.newKieFileSystem();
        kfs.generateAndWritePomXML(releaseId);
        for (RuleFile f : drl) { // data files (*.yaml, *.properties) are never handed to the rule compiler
            kfs.write("src/main/resources/rules/" + f.name(), f.content() == null ? "" : f.content());
        }
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll();
        for (Message m : builder.getResults().getMessages(Message.Level.ERROR)) {
            errors.add(new RuleProblem(fileName(m.getPath()), m.getLine() > 0 ? m.getLine() : null,
                    m.getColumn() > 0 ? m.getColumn() : null, m.getText().trim()));
        }
        if (!errors.isEmpty()) {
            ks.getRepository().removeKieModule(releaseId);
            return new Result(null, errors);
        }
        KieContainer container = ks.newKieContainer(releaseId);
        try {
            var kieBase = container.getKieBase();
            List<RuleFile> sorted = files.stream().sorted(Comparator.comparing(RuleFile::name)).toList();
            return new Result(new RuleSet(version(sorted), sorted, kieBase, Instant.now()), List.of());
        } finally {
            ks.getRepository().removeKieModule(releaseId);
        }
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
