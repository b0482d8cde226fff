package com.promisevalidator.replay.model;

import java.util.List;

import com.promisevalidator.rules.model.RuleFile;

/**
 * Body of POST /api/v1/rules/backtest: the candidate (rule files replacing or added to the active ones, and/or the
 * text of a parameters.yaml replacing the active one), the period of recorded decisions to replay ({@code from},
 * {@code to}: ISO dates or instants; a date {@code to} counts through its end) and how many examples to show.
 */
public record BacktestRequest(List<RuleFile> files, String parameters, String from, String to, Integer examples) {
}
