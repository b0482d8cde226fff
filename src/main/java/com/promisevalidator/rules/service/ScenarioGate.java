package com.promisevalidator.rules.service;

import java.util.List;

import com.promisevalidator.rules.model.RuleFile;
import com.promisevalidator.rules.model.RuleProblem;
import com.promisevalidator.rules.model.RuleSet;
import com.promisevalidator.rules.model.ScenarioReport;

/**
 * Runs a compiled candidate's scenario tests before it may become active or pass a check. Implemented by the
 * scenario feature (which needs the evaluator); the rules feature only asks, so it imports neither. It also says which
 * rules no scenario covers, which needs the scenario files read.
 */
public interface ScenarioGate {

    /** Runs {@code scenarioFiles} (named tests/*.yaml) against {@code candidate}; never throws for a failing scenario. */
    ScenarioReport run(RuleSet candidate, List<RuleFile> scenarioFiles);

    /** Warnings for the rules of {@code files} that no scenario of {@code scenarioFiles} names under {@code covers}. */
    List<RuleProblem> uncovered(List<RuleFile> files, List<RuleFile> scenarioFiles);
}
