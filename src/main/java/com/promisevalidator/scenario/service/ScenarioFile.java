package com.promisevalidator.scenario.service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.promisevalidator.rules.model.RuleProblem;
import com.promisevalidator.scenario.model.Scenario;

/**
 * Reads one rules/tests/*.yaml file into scenarios. As strict as validate: an unknown key (a typo in a
 * field name) is refused, not ignored, and every problem names the file, its line and the scenario.
 */
public final class ScenarioFile {

    private static final ObjectMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).maxStringLength(1_000_000).build())
                    .build())
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    private ScenarioFile() {
    }

    public record Result(List<Scenario> scenarios, List<RuleProblem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** The scenarios of one file, or what keeps it from being read. */
    public static Result parse(String file, String text) {
        Scenario.FileText parsed;
        try {
            parsed = YAML.readValue(text == null ? "" : text, Scenario.FileText.class);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String path = e instanceof JsonMappingException m ? pathOf(m) : "";
            String what = e instanceof UnrecognizedPropertyException u
                    ? "unknown key '" + u.getPropertyName() + "'" + (u.getKnownPropertyIds() == null ? "" : "; known keys: " + known(u))
                    : firstLine(e.getOriginalMessage());
            Integer line = at == null || at.getLineNr() < 0 ? null : at.getLineNr(), column = at == null || at.getColumnNr() < 0 ? null : at.getColumnNr();
            for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
                if (c instanceof org.yaml.snakeyaml.error.MarkedYAMLException y && y.getProblemMark() != null) {
                    // a syntax error: where the YAML parser met it (Jackson's location is where its last token ended)
                    line = y.getProblemMark().getLine() + 1;
                    column = y.getProblemMark().getColumn() + 1;
                    break;
                }
            }
            return new Result(List.of(), List.of(new RuleProblem(file, line, column, (path.isEmpty() ? "" : path + ": ") + what)));
        }
        List<RuleProblem> problems = new ArrayList<>();
        List<Scenario> out = new ArrayList<>();
        if (parsed == null || parsed.scenarios() == null || parsed.scenarios().isEmpty()) {
            return new Result(List.of(), List.of(new RuleProblem(file, null, null, "scenarios: at least one scenario is required")));
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < parsed.scenarios().size(); i++) {
            Scenario s = parsed.scenarios().get(i);
            String where = "scenarios[" + i + "]" + (s != null && s.name() != null ? " \"" + s.name() + "\"" : "");
            String wrong = s == null ? "is empty" : s.name() == null || s.name().isBlank() ? "name: is required"
                    : !names.add(s.name()) ? "name: another scenario of this file has the same name"
                    : s.covers() == null || s.covers().isEmpty() ? "covers: name the rule(s) this scenario tests"
                    : s.now() == null ? "now: is required (a fixed date and time with its offset, e.g. 2026-12-04T16:30:00-03:00)"
                    : s.quote() == null ? "quote: is required"
                    : s.expect() == null ? "expect: is required" : null;
            if (wrong == null) {
                try {
                    new ScenarioFacts(s.world()); // the world is read once here so its mistakes show at check time
                } catch (IllegalArgumentException e) {
                    wrong = "world." + e.getMessage();
                }
            }
            if (wrong != null) problems.add(new RuleProblem(file, null, null, where + ": " + wrong));
            else out.add(s.withFile(file));
        }
        return new Result(out, problems);
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getIndex() >= 0) sb.append('[').append(r.getIndex()).append(']');
            else if (r.getFieldName() != null) sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
        }
        return sb.toString();
    }

    private static String known(UnrecognizedPropertyException u) {
        return u.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(java.util.stream.Collectors.joining(", "));
    }

    /**
     * The parser's sentence. A YAML syntax error comes as "while scanning …" (what it was doing) and then what it found
     * ("found character '\t(TAB)' that cannot start any token. (Do not use \t(TAB) for indentation)"): the second is the news.
     */
    private static String firstLine(String s) {
        if (s == null) return "cannot be read";
        String[] lines = s.split("\n");
        String first = lines[0].trim();
        if (first.startsWith("while ") && lines.length > 1 && !lines[1].isBlank() && !lines[1].startsWith(" in ")) {
            return lines[1].trim().replace("\\t(TAB)", "tab").replace("\\t", "tab");
        }
        return first;
    }
}
