package com.promisevalidator.scenario.service;

import java.util.List;

import jakarta.inject.Singleton;

import com.promisevalidator.common.PromiseConfig;
import com.promisevalidator.rules.model.RuleFile;
import com.promisevalidator.rules.model.RuleProblem;
import com.promisevalidator.rules.model.RuleSet;
import com.promisevalidator.rules.model.ScenarioReport;
import com.promisevalidator.rules.service.ScenarioGate;

/** The scenario tests as the rules feature runs them at reload and check, with the service's own settings. */
@Singleton
public class ScenarioGateRunner implements ScenarioGate {

    private final ScenarioRunner runner;

    @jakarta.inject.Inject
    public ScenarioGateRunner(PromiseConfig config) {
        this(new ScenarioRunner(config.maxOtherSites()));
    }

    /** With a runner of one's own (the reload benchmark's, outside the service). */
    public ScenarioGateRunner(ScenarioRunner runner) {
        this.runner = runner;
    }

    @Override
    public ScenarioReport run(RuleSet candidate, List<RuleFile> scenarioFiles) {
        return runner.report(candidate, scenarioFiles);
    }

    @Override
    public List<RuleProblem> uncovered(List<RuleFile> files, List<RuleFile> scenarioFiles) {
        return ScenarioCoverage.uncovered(files, scenarioFiles);
    }
}
