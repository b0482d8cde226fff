package com.promisevalidator.replay.model;

import java.util.List;

import com.promisevalidator.rules.model.RuleFile;

/**
 * Body of PUT /api/v1/rules/shadow: the candidate, as for a backtest (rule files replacing or added to the active
 * ones, and/or the text of a parameters.yaml replacing the active one).
 */
public record ShadowRequest(List<RuleFile> files, String parameters) {
}
