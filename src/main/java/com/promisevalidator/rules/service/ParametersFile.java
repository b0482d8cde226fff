package com.promisevalidator.rules.service;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

import com.promisevalidator.common.Codes;
import com.promisevalidator.rules.model.Parameters;
import com.promisevalidator.rules.model.RuleProblem;

/**
 * Reads rules/parameters.yaml into {@link Parameters}: typed values only. The YAML is composed into a
 * node tree (never constructed into objects: no tags, anchors or aliases are accepted), each key is
 * checked for its type and range, unknown keys are refused, and every problem names its line and key.
 */
public final class ParametersFile {

    public static final String NAME = "parameters.yaml";

    private static final Set<Tag> PLAIN_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.MAP, Tag.SEQ);

    private static final String CODE = com.promisevalidator.common.Limits.CODE_PATTERN;

    /** Why an empty file is refused, and how to go back to the application's values on purpose. */
    public static final String EMPTY = "is empty (a save that did not finish?): refused, the last good set stays; to use the "
            + "application defaults on purpose, leave only a comment in it, e.g. '# all defaults'";

    private ParametersFile() {
    }

    /** The parameters, or the problems that keep this file from being used. */
    public record Result(Parameters parameters, List<RuleProblem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** Parses {@code text} (null: no file), taking every key it leaves out from {@code defaults}. */
    public static Result parse(String text, Parameters defaults) {
        if (text == null) return new Result(defaults, List.of());
        Reader r = new Reader();
        // a save that failed (full disk, editor crash) leaves an empty file: read as "all defaults" it would drop every value
        if (text.isBlank()) return r.fail(null, null, EMPTY);
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(0);
            options.setAllowRecursiveKeys(false);
            options.setCodePointLimit(256 * 1024);
            root = new Yaml(new SafeConstructor(options)).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = firstLine(e.getProblem() != null ? e.getProblem() : e.getMessage());
            Mark opened = e.getContextMark();
            // an unclosed bracket or quote is met lines later, where the parser gives up: the line to fix is where it opened
            if (opened != null && m != null && opened.getLine() < m.getLine() && e.getContext() != null
                    && (e.getContext().contains("flow") || e.getContext().contains("quoted"))) {
                return r.fail(opened.getLine() + 1, opened.getColumn() + 1, null, "is not valid YAML: a bracket or quote opened on line " + (opened.getLine() + 1)
                        + " is not closed (" + problem + " on line " + (m.getLine() + 1) + ")");
            }
            return r.fail(m == null ? null : m.getLine() + 1, m == null ? null : m.getColumn() + 1, null, "is not valid YAML: " + problem);
        } catch (YAMLException e) {
            return r.fail(null, null, "is not valid YAML: " + firstLine(e.getMessage()));
        }
        if (root == null) return new Result(defaults, List.of()); // empty or only comments: all defaults
        return r.read(root, defaults);
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }

    /** One pass over the tree, collecting every problem rather than stopping at the first. */
    private static final class Reader {
        final List<RuleProblem> problems = new ArrayList<>();

        Result fail(Integer line, String key, String reason) {
            return fail(line, null, key, reason);
        }

        Result fail(Integer line, Integer column, String key, String reason) {
            problem(line, column, key, reason);
            return new Result(null, problems);
        }

        void problem(Integer line, Integer column, String key, String reason) {
            problems.add(new RuleProblem(NAME, line, column, (key == null ? "" : key + ": ") + reason, key));
        }

        /** A problem at a node of the file: its line and column (1-based), as the rule files' problems carry them. */
        void problem(Node n, String key, String reason) {
            problem(line(n), n.getStartMark().getColumn() + 1, key, reason);
        }

        static int line(Node n) {
            return n.getStartMark().getLine() + 1;
        }

        Result read(Node root, Parameters d) {
            double[] target = {d.targetConfidence()};
            int[] delivery = {d.deliveryHorizonDays()}, service = {d.serviceHorizonDays()}, transit = {d.defaultTransitDays()};
            int[] halfLife = {d.stats().halfLifeDays()}, minEvidence = {d.stats().minEvidenceOrders()};
            double[] prior = {d.stats().priorWeight()}, planning = {d.stats().planningConfidence()};
            int[] driftHalfLife = {d.stats().driftHalfLifeDays()};
            double[] driftZ = {d.stats().driftZ()};
            int[] bandHours = {d.stats().timeOfWeekBandHours()};
            double[] timeZ = {d.stats().timeOfWeekZ()};
            double[] recal = {d.stats().recalibrationWeight()};
            Map<String, Integer> sites = new LinkedHashMap<>(d.buffers().siteDays());
            Map<String, Integer> lanes = new LinkedHashMap<>(d.buffers().laneDays());
            Map<String, Integer> services = new LinkedHashMap<>(d.buffers().serviceMinutes());

            Map<String, Consumer<Node>> top = new LinkedHashMap<>();
            top.put("target-confidence", n -> number(n, "target-confidence", 0.5, 0.999, "a chance from 0.5 to 0.999", v -> target[0] = v));
            top.put("delivery-horizon-days", n -> whole(n, "delivery-horizon-days", 1, 730, v -> delivery[0] = v));
            top.put("service-horizon-days", n -> whole(n, "service-horizon-days", 1, 90, v -> service[0] = v));
            top.put("default-transit-days", n -> whole(n, "default-transit-days", 0, 365, v -> transit[0] = v));
            top.put("stats", n -> {
                Map<String, Consumer<Node>> st = new LinkedHashMap<>();
                st.put("half-life-days", c -> whole(c, "stats.half-life-days", 0, 3650, v -> halfLife[0] = v));
                st.put("prior-weight", c -> number(c, "stats.prior-weight", 0, 10000, "a number of outcomes from 0 to 10000", v -> prior[0] = v));
                st.put("planning-confidence", c -> number(c, "stats.planning-confidence", 0.5, 1.0, "a chance from 0.5 to 1.0", v -> planning[0] = v));
                st.put("min-evidence-orders", c -> whole(c, "stats.min-evidence-orders", 1, 100000, v -> minEvidence[0] = v));
                st.put("drift-half-life-days", c -> whole(c, "stats.drift-half-life-days", 0, 3650, v -> driftHalfLife[0] = v));
                st.put("drift-z", c -> number(c, "stats.drift-z", 0.5, 10, "a number of standard errors from 0.5 to 10", v -> driftZ[0] = v));
                st.put("time-of-week-band-hours", c -> whole(c, "stats.time-of-week-band-hours", 0, 24, v -> bandHours[0] = v));
                st.put("time-of-week-z", c -> number(c, "stats.time-of-week-z", 0.5, 10, "a number of standard errors from 0.5 to 10",
                        v -> timeZ[0] = v));
                st.put("recalibration-weight", c -> number(c, "stats.recalibration-weight", 0, 100000, "a number of outcomes from 0 to 100000",
                        v -> recal[0] = v));
                mapping(n, "stats", st);
            });
            top.put("buffers", n -> {
                Map<String, Consumer<Node>> b = new LinkedHashMap<>();
                b.put("sites", c -> table(c, "buffers.sites", CODE, "a site code", 0, 60, sites));
                b.put("lanes", c -> table(c, "buffers.lanes", CODE + "->" + CODE, "a lane written SITE->REGION", 0, 60, lanes));
                b.put("services", c -> table(c, "buffers.services", CODE, "a service type", 0, 1440, services));
                mapping(n, "buffers", b);
            });
            mapping(root, null, top);
            if (!problems.isEmpty()) return new Result(null, problems);
            return new Result(new Parameters(target[0], delivery[0], service[0], transit[0],
                    new Parameters.Stats(halfLife[0], prior[0], planning[0], minEvidence[0], driftHalfLife[0], driftZ[0], bandHours[0], timeZ[0], recal[0]),
                    new Parameters.Buffers(sites, lanes, services)), List.of());
        }

        /** A mapping of known keys: each value handed to its reader; unknown, repeated or non-text keys refused. */
        void mapping(Node n, String path, Map<String, Consumer<Node>> known) {
            if (!plain(n, path)) return;
            if (!(n instanceof MappingNode m)) {
                problem(n, path, path == null ? "must be a mapping of keys to values" : "must be a mapping of keys to values, not a single value or a list");
                return;
            }
            Set<String> seen = new HashSet<>();
            for (NodeTuple t : m.getValue()) {
                String key = key(t.getKeyNode(), path);
                if (key == null) continue;
                String full = path == null ? key : path + "." + key;
                if (!seen.add(key)) {
                    problem(t.getKeyNode(), full, "is given twice");
                    continue;
                }
                Consumer<Node> reader = known.get(key);
                if (reader == null) {
                    problem(t.getKeyNode(), full, "unknown key; known keys here: " + String.join(", ", known.keySet()));
                    continue;
                }
                reader.accept(t.getValueNode());
            }
        }

        /**
         * A mapping of codes to whole numbers (buffers). Keys in NFC ({@link Codes#nfc}), as every code the service
         * compares them with is: a lane written in decomposed Unicode (as some editors save it) is the same lane, and
         * two spellings of one code are the same key given twice.
         */
        void table(Node n, String path, String keyPattern, String keyWords, int min, int max, Map<String, Integer> into) {
            if (!plain(n, path)) return;
            if (n instanceof ScalarNode s && s.getTag().equals(Tag.NULL)) return; // "sites:" with nothing after it: none
            if (!(n instanceof MappingNode m)) {
                problem(n, path, "must be a mapping of " + keyWords + " to a whole number");
                return;
            }
            Set<String> seen = new HashSet<>();
            for (NodeTuple t : m.getValue()) {
                String key = Codes.nfc(key(t.getKeyNode(), path));
                if (key == null) continue;
                String full = path + "." + key;
                if (!key.matches(keyPattern)) {
                    problem(t.getKeyNode(), full, "is not " + keyWords + " (letters, digits, '-', '_', '.'; at most 64 characters)");
                    continue;
                }
                if (!seen.add(key)) {
                    problem(t.getKeyNode(), full, "is given twice");
                    continue;
                }
                whole(t.getValueNode(), full, min, max, v -> into.put(key, v));
            }
        }

        String key(Node k, String path) {
            if (!plain(k, path)) return null;
            if (!(k instanceof ScalarNode s) || s.getValue().isEmpty()) {
                problem(k, path, "keys must be plain names");
                return null;
            }
            return s.getValue();
        }

        /** Data only: no explicit tags beyond YAML's own, no anchors or aliases. */
        boolean plain(Node n, String path) {
            if (n.getAnchor() != null) {
                problem(n, path, "anchors and aliases (&, *) are not allowed; write each value out");
                return false;
            }
            String tag = n.getTag().getValue();
            if (!PLAIN_TAGS.contains(n.getTag())) { // e.g. !!java.net.URL: YAML's own types only
                problem(n, path, "tags (" + tag + ") are not allowed; the parameters file holds plain values only");
                return false;
            }
            return true;
        }

        void whole(Node n, String key, int min, int max, java.util.function.IntConsumer set) {
            if (!plain(n, key)) return;
            if (!(n instanceof ScalarNode s) || !s.getTag().equals(Tag.INT)) {
                problem(n, key, "must be a whole number from " + min + " to " + max + ", not " + shown(n));
                return;
            }
            long v;
            try {
                v = Long.parseLong(s.getValue().replace("_", ""));
            } catch (NumberFormatException e) {
                problem(n, key, "must be a whole number from " + min + " to " + max + ", not " + shown(n));
                return;
            }
            if (v < min || v > max) {
                problem(n, key, "must be from " + min + " to " + max + ", not " + v);
                return;
            }
            set.accept((int) v);
        }

        void number(Node n, String key, double min, double max, String words, java.util.function.DoubleConsumer set) {
            if (!plain(n, key)) return;
            if (!(n instanceof ScalarNode s) || !(s.getTag().equals(Tag.INT) || s.getTag().equals(Tag.FLOAT))) {
                problem(n, key, "must be " + words + ", not " + shown(n));
                return;
            }
            double v;
            try {
                v = Double.parseDouble(s.getValue().replace("_", ""));
            } catch (NumberFormatException e) {
                problem(n, key, "must be " + words + ", not " + shown(n));
                return;
            }
            if (!(v >= min && v <= max)) { // also refuses .nan and .inf
                problem(n, key, "must be " + words + ", not " + s.getValue());
                return;
            }
            set.accept(v);
        }

        private static String shown(Node n) {
            if (n instanceof ScalarNode s) {
                String v = s.getValue();
                if (s.getTag().equals(Tag.NULL)) return "empty";
                return "'" + (v.length() > 40 ? v.substring(0, 40) + "…" : v) + "'";
            }
            return n instanceof MappingNode ? "a mapping" : "a list";
        }
    }
}
