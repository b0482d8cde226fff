package com.promisevalidator.replay.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import com.promisevalidator.common.FieldError;
import com.promisevalidator.common.Limits;
import com.promisevalidator.common.ProblemException;
import com.promisevalidator.rules.model.RuleFile;
import com.promisevalidator.rules.model.RuleSet;
import com.promisevalidator.rules.service.ParametersFile;
import com.promisevalidator.rules.service.RuleBaseHolder;
import com.promisevalidator.rules.service.RuleCompiler;

/**
 * A candidate rule set: the active one with some files replaced or added and/or its parameters replaced,
 * compiled through the same policy gate as {@code POST /api/v1/rules/check}. Never activated. Scenario files
 * (tests/*.yaml, sent along with a rules directory) are accepted and left out: the check runs them, a replay has no use for them.
 */
@Singleton
public class Candidates {

    private final RuleBaseHolder rules;
    private final RuleCompiler compiler;

    public Candidates(RuleBaseHolder rules, RuleCompiler compiler) {
        this.rules = rules;
        this.compiler = compiler;
    }

    /**
     * The candidate; 400 when the request is malformed (a file without name or content, nothing changed), 422 with
     * the compile errors and policy violations when it does not pass the gate.
     */
    public RuleSet build(List<RuleFile> files, String parameters) {
        List<FieldError> errors = new ArrayList<>();
        if ((files == null || files.isEmpty()) && parameters == null) {
            errors.add(new FieldError("files", "give files and/or parameters: the candidate must differ from the active rule set"));
        }
        if (files != null && files.size() > Limits.MAX_RULE_FILES) {
            errors.add(new FieldError("files", "has " + files.size() + " files; at most " + Limits.MAX_RULE_FILES));
        }
        if (files != null) {
            for (int i = 0; i < files.size() && i < Limits.MAX_RULE_FILES; i++) {
                RuleFile f = files.get(i);
                if (f == null || f.name() == null) errors.add(new FieldError("files[" + i + "].name", "is required"));
                else if (f.content() == null) errors.add(new FieldError("files[" + i + "].content", "is required"));
                else if (RuleBaseHolder.isScenarioFile(f.name())) continue; // a rules directory as sent: its scenarios are /rules/check's
                else if (!RuleFile.belongs(f.name())) {
                    errors.add(new FieldError("files[" + i + "].name", "must be letters, digits, '-', '_' or '.', ending in .drl, .yaml or .properties"));
                }
            }
        }
        if (files != null && files.size() <= Limits.MAX_RULE_FILES) RuleFile.requestProblems(errors, files);
        if (!errors.isEmpty()) throw ProblemException.badRequest("The candidate has " + errors.size() + " invalid field(s)", errors);

        RuleSet active = rules.active();
        Map<String, RuleFile> byName = new LinkedHashMap<>();
        for (RuleFile f : active.files()) byName.put(f.name(), f);
        if (files != null) for (RuleFile f : files) if (!RuleBaseHolder.isScenarioFile(f.name())) byName.put(f.name(), f);
        if (parameters != null) byName.put(ParametersFile.NAME, new RuleFile(ParametersFile.NAME, parameters));
        RuleCompiler.Result result = compiler.compile(new ArrayList<>(byName.values()));
        if (!result.ok()) {
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("ruleErrors", result.errors());
            extra.put("violations", result.violations());
            var first = result.firstProblem();
            throw new ProblemException(422, "Candidate rule set refused", "The candidate does not pass the rules check"
                    + (first == null ? "" : ": " + (first.file() == null ? "" : first.file() + ": ") + first.message()),
                    fieldErrors(result, files, parameters), extra);
        }
        return result.ruleSet();
    }

    /**
     * The refusal as every bad-input problem gives it, a field-level {@code errors} list: each problem under the request field
     * that carried its file ({@code files[2].content}, {@code parameters}), or {@code files} for an active file it broke.
     */
    private static List<FieldError> fieldErrors(RuleCompiler.Result result, List<RuleFile> files, String parameters) {
        List<FieldError> out = new ArrayList<>();
        List<com.promisevalidator.rules.model.RuleProblem> all = new ArrayList<>(result.errors());
        all.addAll(result.violations());
        for (var p : all) {
            String field = "files";
            if (p.file() != null && parameters != null && ParametersFile.NAME.equals(p.file())) field = "parameters";
            else if (p.file() != null && files != null) {
                for (int i = 0; i < files.size(); i++) {
                    if (files.get(i) != null && p.file().equals(files.get(i).name())) field = "files[" + i + "].content";
                }
            }
            String where = p.file() == null ? "" : p.file() + (p.line() == null ? "" : ":" + p.line() + (p.column() == null ? "" : ":" + p.column())) + ": ";
            out.add(new FieldError(field, where + p.message()));
        }
        return out;
    }
}
