package com.promisevalidator.rules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.promisevalidator.rules.model.RuleFile;

/**
 * Hostile rule files for the policy gate's tests. Each payload would leave a side effect (a file in
 * {@code markerDir} or a system property starting with {@link #PROPERTY_PREFIX}) if it ever ran, or would take
 * hours or gigabytes (the unbounded-cost ones); the line the gate must point at ends with the comment {@code // refused here}.
 */
public final class HostileRules {

    public static final String PROPERTY_PREFIX = "rulegate.ran.";
    public static final String ENDLESS = "endless-firing.drl";

    private HostileRules() {
    }

    public record Hostile(String name, String content) {
        /** The 1-based line the gate must report. */
        public int expectedLine() {
            String[] lines = content.split("\n", -1);
            for (int i = 0; i < lines.length; i++) if (lines[i].contains("// refused here")) return i + 1;
            throw new IllegalStateException(name + " marks no line");
        }

        public RuleFile file() {
            return new RuleFile(name, content);
        }
    }

    private static String rule(String imports, String name, String body) {
        return "package rules;\n\n" + imports + "import com.promisevalidator.validation.facts.DeliveryPlan;\n\n"
                + "rule \"" + name + "\"\nwhen\n    $p : DeliveryPlan( )\nthen\n" + body + "end\n";
    }

    /** The nineteen files the gate refuses (the twentieth, {@link #endless}, is legal code that never stops firing). */
    public static List<Hostile> refused(Path markerDir) {
        String m = markerDir.toAbsolutePath().toString().replace('\\', '/');
        String p = PROPERTY_PREFIX;
        return List.of(
                new Hostile("exit.drl", rule("", "Stops the service",
                        "    System.setProperty(\"" + p + "exit\", \"yes\"); // refused here\n    System.exit(3);\n")),
                new Hostile("runtime-exec.drl", rule("", "Runs a program",
                        "    Runtime.getRuntime().exec(new String[] {\"touch\", \"" + m + "/exec\"}); // refused here\n")),
                new Hostile("process-builder.drl", rule("", "Starts a process",
                        "    new ProcessBuilder(\"touch\", \"" + m + "/pb\").start(); // refused here\n")),
                new Hostile("reflection.drl", rule("", "Reflects its way out",
                        "    Object props = $p.getClass() // refused here\n"
                                + "        .getMethod(\"toString\").invoke($p);\n")),
                new Hostile("class-forname.drl", rule("", "Loads a class by name",
                        "    String n = \"java.lang.\" + \"Sys\" + \"tem\";\n"
                                + "    Class.forName(n).getMethod(\"setProperty\", String.class, String.class) // refused here\n"
                                + "        .invoke(null, \"" + p + "forname\", \"yes\");\n")),
                new Hostile("file-read.drl", rule("", "Reads a file",
                        "    String secret = java.nio.file.Files.readString(java.nio.file.Path.of(\"pom.xml\")); // refused here\n"
                                + "    $p.getNotes().info(\"leak\", secret, java.util.Map.of());\n")),
                new Hostile("file-write.drl", rule("", "Writes a file",
                        "    new java.io.FileWriter(\"" + m + "/write\").close(); // refused here\n")),
                new Hostile("socket.drl", "package rules;\n\nimport java.net.Socket; // refused here\n"
                        + "import com.promisevalidator.validation.facts.DeliveryPlan;\n\n"
                        + "rule \"Calls home\"\nwhen\n    $p : DeliveryPlan( )\nthen\n"
                        + "    new Socket(\"127.0.0.1\", 9).close();\nend\n"),
                new Hostile("thread.drl", rule("", "Starts a thread",
                        "    new Thread(() -> System.setProperty(\"" + p + "thread\", \"yes\")).start(); // refused here\n")),
                new Hostile("qualified-java-io.drl", rule("", "Names java.io with spaces",
                        "    java . io . File f = new java.io.File(\"" + m + "/fq\"); // refused here\n    f.createNewFile();\n")),
                new Hostile("static-init.drl", "package rules;\n\n"
                        + "declare Evil\n    name : String\nend\n\n"
                        + "function String boom() {\n"
                        + "    class Payload { static { // refused here\n"
                        + "        java.lang.System.setProperty(\"" + p + "static\", \"yes\"); } }\n"
                        + "    return new Payload().toString();\n}\n\n"
                        + "rule \"Runs a static initializer\"\nwhen\nthen\n    insert(new Evil(boom()));\nend\n"),
                // unbounded cost: no side effect, but hours of a core or gigabytes of memory on one quote (probe F9)
                new Hostile("big-power.drl", rule("import java.math.BigInteger;\n", "Raises ten to a huge power",
                        "    $p.addBuffer(BigInteger.TEN.pow(2147483000).bitLength()); // refused here\n")),
                new Hostile("big-shift.drl", rule("import java.math.BigInteger;\n", "Shifts one far left",
                        "    $p.addBuffer(BigInteger.ONE.shiftLeft(2147483000).bitCount()); // refused here\n")),
                new Hostile("list-capacity.drl", rule("import java.util.ArrayList;\n", "Reserves a huge list",
                        "    $p.addBuffer(new ArrayList(2147483000).size()); // refused here\n")),
                new Hostile("builder-capacity.drl", rule("", "Reserves a huge builder",
                        "    $p.addBuffer(new java.lang.StringBuilder(2147483000).length()); // refused here\n")),
                new Hostile("format-width.drl", rule("", "Formats a gigabyte",
                        "    $p.addBuffer(String.format(\"%0999999999d\", 1).length()); // refused here\n")),
                // a method of an anonymous class calls itself twice: 2^n calls, n from the quote (probe P8, H1)
                new Hostile("anonymous-recursion.drl", rule("", "Recurses in an anonymous class",
                        "    long r = new Object() { long f(long n) { // refused here\n"
                                + "        return n <= 0 ? 1 : f(n - 1) + f(n - 1); } }.f($p.getBufferDays() + 40L);\n")),
                // an instance initializer block: code outside any line of the rule
                new Hostile("anonymous-initializer.drl", rule("", "Runs an initializer block",
                        "    Object m = new java.util.HashMap() { { // refused here\n"
                                + "        put(\"a\", 1); } };\n")),
                // four patterns over order lines: 100 lines make 100,000,000 combinations before anything fires (probe P8, H2)
                new Hostile("line-cross-product.drl", "package rules;\n\n"
                        + "import com.promisevalidator.validation.facts.DeliveryPlan;\n"
                        + "import com.promisevalidator.validation.facts.LineStock;\n\n"
                        + "rule \"Joins every line with every line\"\nruleflow-group \"evidence\"\nwhen\n"
                        + "    $p : DeliveryPlan( )\n"
                        + "    $a : LineStock( site == $p.site )\n"
                        + "    $b : LineStock( site == $p.site ) // refused here\n"
                        + "    $c : LineStock( site == $p.site )\n"
                        + "    $d : LineStock( site == $p.site )\n"
                        + "then\n    $p.toString();\nend\n"));
    }

    /** A rule that modifies its own fact on every firing, with no-loop off: it re-fires forever. */
    public static Hostile endless() {
        return new Hostile(ENDLESS, "package rules;\n\nimport com.promisevalidator.validation.facts.DeliveryPlan;\n\n"
                + "rule \"Spins forever\"\nwhen\n    $p : DeliveryPlan( ) @watch(*)\nthen\n"
                + "    modify($p) { setFeasible($p.isFeasible()) } // stopped here\nend\n");
    }

    /** The shipped rule files (the top-level rules/ directory, as the service reads it). */
    public static List<RuleFile> shipped() {
        try (Stream<Path> s = Files.list(Path.of("rules"))) {
            List<RuleFile> files = new ArrayList<>();
            for (Path f : s.filter(f -> f.getFileName().toString().endsWith(".drl")).sorted().toList()) {
                files.add(new RuleFile(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8)));
            }
            return files;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Nothing a payload would leave behind exists. */
    public static List<String> sideEffects(Path markerDir) throws IOException {
        List<String> found = new ArrayList<>();
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith(PROPERTY_PREFIX)).forEach(found::add);
        if (Files.isDirectory(markerDir)) {
            try (Stream<Path> s = Files.list(markerDir)) {
                s.forEach(f -> found.add(f.toString()));
            }
        }
        return found;
    }
}
