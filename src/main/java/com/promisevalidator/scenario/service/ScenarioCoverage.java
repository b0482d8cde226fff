package com.promisevalidator.scenario.service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;

import com.promisevalidator.rules.model.RuleFile;
import com.promisevalidator.rules.model.RuleProblem;
import com.promisevalidator.rules.service.RulePolicy;

/**
 * Rules no scenario names under {@code covers}: they go live untested, and a later edit that breaks them passes every
 * check. A warning, not an error: ops may add the scenario in the next change.
 */
public final class ScenarioCoverage {

    private ScenarioCoverage() {
    }

    public static List<RuleProblem> uncovered(List<RuleFile> files, List<RuleFile> scenarioFiles) {
        Set<String> covered = new HashSet<>();
        for (RuleFile f : scenarioFiles) {
            ScenarioFile.parse(f.name(), f.content()).scenarios().forEach(s -> covered.addAll(s.covers()));
        }
        List<RuleProblem> out = new ArrayList<>();
        for (RuleFile f : files) {
            if (!f.isDrl()) continue;
            PackageDescr pkg = RulePolicy.parse(f.content());
            if (pkg == null) continue; // the compiler reports the syntax
            for (RuleDescr r : pkg.getRules()) {
                if (covered.contains(r.getName())) continue;
                out.add(new RuleProblem(f.name(), r.getLine() > 0 ? r.getLine() : null, null,
                        "rule \"" + r.getName() + "\" is tested by no scenario (no tests/*.yaml names it under covers);"
                                + " add one, so that a later change that breaks it is refused"));
            }
        }
        return out;
    }
}
