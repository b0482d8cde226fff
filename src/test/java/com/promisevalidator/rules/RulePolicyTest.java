package com.promisevalidator.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.promisevalidator.common.ProblemException;
import com.promisevalidator.common.PromiseConfig;
import com.promisevalidator.rules.HostileRules.Hostile;
import com.promisevalidator.rules.model.RuleFile;
import com.promisevalidator.rules.model.RuleProblem;
import com.promisevalidator.rules.service.RuleBaseHolder;
import com.promisevalidator.rules.service.RuleCompiler;
import com.promisevalidator.rules.service.RulePolicy;

/** The policy gate on its own, and on the two loader paths (start-up and live reload) it guards. */
class RulePolicyTest {

    @TempDir
    Path markers;

    @TempDir
    Path rulesDir;

    @AfterEach
    void nothingRan() throws IOException {
        assertEquals(List.of(), HostileRules.sideEffects(markers), "a payload ran");
    }

    @Test
    void shippedRulesPassTheGateAndCompile() {
        List<RuleFile> shipped = HostileRules.shipped();
        assertFalse(shipped.isEmpty());
        assertEquals(List.of(), RulePolicy.check(shipped));
        RuleCompiler.Result r = new RuleCompiler().compile(shipped);
        assertTrue(r.ok(), () -> "shipped rules refused: " + r.firstProblem());
    }

    @Test
    void eachHostileFileIsRefusedWithFileLineAndColumn() {
        List<Hostile> hostile = HostileRules.refused(markers);
        assertEquals(19, hostile.size());
        for (Hostile h : hostile) {
            List<RuleFile> candidate = new ArrayList<>(HostileRules.shipped());
            candidate.add(h.file());
            RuleCompiler.Result r = new RuleCompiler().compile(candidate);
            assertFalse(r.ok(), h.name());
            assertFalse(r.violations().isEmpty(), h.name());
            RuleProblem first = r.violations().get(0);
            assertEquals(h.name(), first.file(), h.name());
            assertEquals(h.expectedLine(), first.line(), h.name() + ": " + first.message());
            assertNotNull(first.column(), h.name());
            assertTrue(first.message().contains("not allowed"), h.name() + ": " + first.message());
            assertTrue(r.violations().stream().allMatch(v -> v.file().equals(h.name())), h.name() + ": shipped files are clean");
        }
    }

    @Test
    void messagesSayWhatAndWhy() {
        assertEquals("type System is not allowed: it can stop the service (exit), read the environment and change global settings",
                only("rule \"r\" when then System.exit(1); end").message());
        assertTrue(only("rule \"r\" when then int i = 0; while (true) { i++; } end").message()
                .contains("loops are not allowed in rule code (a loop can hang a quote); put loops in methods of the fact model"));
        assertTrue(only("import java.io.File;\n").message().startsWith("qualified name java.io.File is not allowed"));
    }

    /** Ways around a naive check; each one must still be refused. */
    @Test
    void evasionsAreRefused() {
        Map<String, String[]> evasions = new java.util.LinkedHashMap<>();
        evasions.put("unicode escape", new String[] {"rule \"r\" when then \\u0053ystem.exit(1); end", "unicode escapes"});
        evasions.put("unicode escape in a comment", new String[] {"rule \"r\" when then // \\u000a System.exit(1);\n end", "unicode escapes"});
        evasions.put("unicode escape in a string", new String[] {"rule \"r\" when then String s = \"\\u0022; \"; end", "unicode escapes"});
        evasions.put("java.lang.System", new String[] {"rule \"r\" when then java.lang.System.exit(1); end", "java.lang.System is not allowed"});
        evasions.put("spaces and comments in a name", new String[] {"rule \"r\" when then java /* x */ . lang . Runtime.getRuntime(); end", "java.lang.Runtime is not allowed"});
        evasions.put("MVEL new java.io.File", new String[] {"rule \"r\" dialect \"mvel\" when then f = new java.io.File(\"/tmp/x\"); end", "java.io.File is not allowed"});
        evasions.put("MVEL property .class", new String[] {"rule \"r\" dialect \"mvel\" when $s : String() then c = $s.class; end", "'class' is not allowed"});
        evasions.put("MVEL engine property", new String[] {"rule \"r\" dialect \"mvel\" when then r = drools.kieRuntime; end", "'drools' may only be used as drools.getRule()"});
        evasions.put("kcontext", new String[] {"rule \"r\" when then kcontext.getKieRuntime().halt(); end", "'kcontext' is not allowed"});
        evasions.put("drools.getKieRuntime", new String[] {"rule \"r\" when then drools.getKieRuntime().halt(); end", "'drools' may only be used"});
        evasions.put("drools as a value", new String[] {"rule \"r\" when then Object d = drools; end", "'drools' may only be used"});
        evasions.put("getClass", new String[] {"rule \"r\" when $s : String() then $s.getClass(); end", "'getClass' is not allowed"});
        evasions.put(".class literal", new String[] {"rule \"r\" when then Object c = String.class; end", "'class' is not allowed"});
        evasions.put("method reference", new String[] {"rule \"r\" when $s : String() then java.util.function.Supplier<?> s = $s::getClass; end", "is not allowed"});
        evasions.put("getDeclaredMethods", new String[] {"rule \"r\" when $s : String() then $s.getDeclaredMethods(); end", "'getDeclaredMethods' is not allowed"});
        evasions.put("MethodHandles", new String[] {"rule \"r\" when then MethodHandles.lookup(); end", "'lookup' is not allowed"});
        evasions.put("Thread.sleep", new String[] {"rule \"r\" when then Thread.sleep(100000); end", "type Thread is not allowed"});
        evasions.put("wait", new String[] {"rule \"r\" when $s : String() then $s.wait(); end", "'wait' is not allowed"});
        evasions.put("synchronized", new String[] {"rule \"r\" when $s : String() then synchronized ($s) { } end", "'synchronized' is not allowed"});
        evasions.put("while loop", new String[] {"rule \"r\" when then while (true) { } end", "loops are not allowed"});
        evasions.put("for loop", new String[] {"rule \"r\" when then for (;;) { } end", "loops are not allowed"});
        evasions.put("do loop", new String[] {"rule \"r\" when then do { } while (true); end", "loops are not allowed"});
        evasions.put("MVEL foreach", new String[] {"rule \"r\" dialect \"mvel\" when then foreach (x : [1,2]) { } end", "loops are not allowed"});
        evasions.put("recursion", new String[] {"function int f(int n) { return f(n + 1); }\n", "recursion is not allowed"});
        evasions.put("mutual recursion", new String[] {"function int f(int n) { return g(n); }\nfunction int g(int n) { return f(n); }\n", "recursion is not allowed"});
        evasions.put("eval in a condition", new String[] {"rule \"r\" when eval(Runtime.getRuntime() != null) then end", "type Runtime is not allowed"});
        evasions.put("from expression", new String[] {"rule \"r\" when $f : Object() from new java.io.File(\"/\").list() then end", "java.io.File is not allowed"});
        evasions.put("accumulate code", new String[] {"rule \"r\" when $n : Number() from accumulate( $s : String(), "
                + "init( int c = 0; ) action( System.exit(1); ) result( c ) ) then end", "accumulate with its own code"});
        evasions.put("constraint", new String[] {"rule \"r\" when $s : String( this == System.getenv(\"HOME\") ) then end", "type System is not allowed"});
        evasions.put("global", new String[] {"global java.io.File target;\n", "java.io.File is not allowed"});
        evasions.put("declared field type", new String[] {"declare Holder\n  f : java.io.File\nend\n", "java.io.File is not allowed"});
        evasions.put("declared supertype", new String[] {"declare Worker extends Thread\nend\n", "type Thread is not allowed"});
        evasions.put("declared field initializer", new String[] {"declare Holder\n  v : String = java.lang.System.getProperty(\"x\")\nend\n", "java.lang.System is not allowed"});
        evasions.put("query", new String[] {"query q( String s ) String( this == Runtime.version().toString() ) end\n", "type Runtime is not allowed"});
        evasions.put("wildcard import", new String[] {"import java.io.*;\n", "java.io.* is not allowed"});
        evasions.put("reflect import", new String[] {"import java.lang.reflect.Method;\n", "java.lang.reflect.Method is not allowed"});
        evasions.put("executors", new String[] {"rule \"r\" when then java.util.concurrent.Executors.newFixedThreadPool(2); end", "java.util.concurrent.Executors is not allowed"});
        evasions.put("script engine", new String[] {"import javax.script.ScriptEngineManager;\n", "javax.script.ScriptEngineManager is not allowed"});
        evasions.put("parallel stream", new String[] {"rule \"r\" when then java.util.List.of(1).parallelStream().count(); end", "'parallelStream' is not allowed"});
        evasions.put("endless stream", new String[] {"rule \"r\" when then java.util.stream.Stream.iterate(1, x -> x).count(); end", "java.util.stream.Stream is not allowed"});
        evasions.put("static function body", new String[] {"function void f() { static int x; }\n", "'static' is not allowed"});
        evasions.put("global setting", new String[] {"import java.util.Locale;\nrule \"r\" when then Locale.setDefault(Locale.CHINA); end", "'setDefault' is not allowed"});
        evasions.put("system property via Integer", new String[] {"rule \"r\" when then int i = Integer.getInteger(\"user.home\", 0); end", "'getInteger' is not allowed"});
        evasions.put("package with classes", new String[] {"package com.promisevalidator.rules.service;\n", "package com.promisevalidator.rules.service is not allowed"});
        // probe ops H1: the closing text block's quotes opened a string to the line's end, and the code after them passed unread
        evasions.put("text block", new String[] {"rule \"r\" when then String s = \"\"\"\n  x\n  \"\"\"; java.nio.file.Files.delete(null); end",
                "a string must end on the line it starts on"});
        evasions.put("string across lines", new String[] {"rule \"r\" dialect \"mvel\" when then s = \"a\n\"; System.exit(1); end",
                "a string must end on the line it starts on"});
        // probe ops H2: an estimate is shared by later quotes; a rule wrote into its chances
        evasions.put("array element written", new String[] {"rule \"r\" when $p : DeliveryPlan() then $p.getLeadTime().cdf()[0] = 1.0; end",
                "writing into an array is not allowed"});
        evasions.put("array element added to", new String[] {"rule \"r\" when $p : DeliveryPlan() then $p.getLeadTime().cdf()[0] += 1.0; end",
                "writing into an array is not allowed"});
        evasions.put("array element incremented", new String[] {"rule \"r\" when $p : DeliveryPlan() then $p.getLeadTime().cdf()[0]++; end",
                "writing into an array is not allowed"});
        // probe gate2: names the gate never saw the types of, and what Drools' generated code has in scope
        evasions.put("var hides a type", new String[] {"rule \"r\" when $p : DeliveryPlan() then var c = $p.getSite(); end", "'var' is not allowed"});
        evasions.put("a chain to a file", new String[] {"declare Box\n  plan : DeliveryPlan\nend\nrule \"r\" when $b : Box() then "
                + "Object u = $b.getPlan().getCalendar().getProtectionDomain().getCodeSource(); end", "'getProtectionDomain' is not a method or field"});
        evasions.put("engine in accumulate code", new String[] {"rule \"r\" when $t : Object() from accumulate( LineStock( ), init( Object f = null; ), "
                + "action( f = valueResolver; ), result( f ) ) then end", "accumulate with its own code"});
        evasions.put("engine in a consequence", new String[] {"rule \"r\" when $p : DeliveryPlan() then consequenceCtx.delete(consequenceCtx.getFactHandle($p)); end",
                "'consequenceCtx' is not allowed"});
        evasions.put("MVEL regex operator", new String[] {"rule \"r\" dialect \"mvel\" when $p : DeliveryPlan( site ~= \"(a+)+b\" ) then end", "'~=' is not allowed"});
        evasions.put("a builder sized by its argument", new String[] {"rule \"r\" when $p : DeliveryPlan() then Object d = $p.getLeadTime().withBuffer(300000000); end",
                "builds an estimate of any size"});
        evasions.put("code on an import's line", new String[] {"import java.util.List; rule \"r\" when $p : DeliveryPlan() then "
                + "Object u = $p.getCalendar().getProtectionDomain(); end", "'getProtectionDomain' is not a method or field"});
        evasions.put("a statistics type", new String[] {"import com.promisevalidator.performance.model.Survival;\n", "is not allowed"});
        evasions.put("a statistics type by wildcard", new String[] {"import com.promisevalidator.performance.model.*;\nrule \"r\" when then "
                + "Object c = Survival.cdf(null, 300000000); end", "type Survival is not allowed"});
        evasions.put("anonymous class body", new String[] {"rule \"r\" when then new Object() { { System.exit(1); } }; end", "anonymous class body"});
        for (var e : evasions.entrySet()) {
            List<RuleProblem> v = RulePolicy.check(List.of(new RuleFile("e.drl", "package rules;\n" + e.getValue()[0])));
            assertFalse(v.isEmpty(), e.getKey() + " was not refused");
            assertTrue(v.get(0).message().contains(e.getValue()[1]), e.getKey() + ": " + v.get(0).message());
            assertTrue(v.get(0).line() != null && v.get(0).line() >= 2, e.getKey() + ": line " + v.get(0).line());
        }
    }

    /** What rules legitimately do stays allowed; strings and comments may say anything. */
    @Test
    void ordinaryRuleCodeIsAllowed() {
        String ok = String.join("\n",
                "package rules;",
                "import java.time.*;",
                "import java.math.BigDecimal;",
                "import java.util.Map;",
                "import com.promisevalidator.validation.facts.DeliveryPlan;",
                "import function com.promisevalidator.validation.facts.Say.day;",
                "declare Flag",
                "    name : String",
                "end",
                "function String twice(String s) { return once(s) + once(s); }",
                "function String once(String s) { return s; }",
                "// System.exit(1) in a comment is harmless; so is /* java.io.File */",
                "rule \"Ordinary\" dialect \"java\"",
                "when",
                "    $p : DeliveryPlan( feasible, dispatch != null, lines.size() >= 0, leadTime.cdf()[0] <= 1.0, leadTime.cdf()[1] == 0.5 )",
                "then",
                "    LocalDate d = java.time.LocalDate.of(2026, 12, 1).plusDays(Math.round(1.4));",
                "    BigDecimal b = new java.math.BigDecimal(\"1.5\");",
                "    String words = \"Runtime.getRuntime().exec(x) and System.exit are only words here\" + day(d);",
                "    insert(new Flag(twice(words)));",
                "    $p.note(Finding.leadTime($p)); String n = drools.getRule().getName() + Map.of(\"n\", java.util.List.of(1).size());",
                "end",
                "");
        assertEquals(List.of(), RulePolicy.check(List.of(new RuleFile("ok.drl", ok))));
    }

    @Test
    void startUpWithAHostileFileHasNoRulesAndSaysWhere() throws IOException {
        for (Hostile h : HostileRules.refused(markers)) {
            Path dir = Files.createTempDirectory(rulesDir, "startup");
            for (RuleFile f : HostileRules.shipped()) Files.writeString(dir.resolve(f.name()), f.content(), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(h.name()), h.content(), StandardCharsets.UTF_8);
            RuleBaseHolder holder = new RuleBaseHolder(new RuleCompiler(), config(dir));
            holder.reloadFromDisk(); // what Startup.onStart does
            assertNull(holder.activeOrNull(), h.name());
            assertEquals(h.name(), holder.lastError().file());
            assertEquals(h.expectedLine(), holder.lastError().line(), h.name());
            assertTrue(holder.lastError().message().startsWith("policy violation: "), holder.lastError().message());
            ProblemException e = assertThrows(ProblemException.class, holder::active, h.name());
            assertEquals(503, e.status());
            assertTrue(e.getMessage().contains(h.name()), e.getMessage());
        }
    }

    @Test
    void liveReloadKeepsTheActiveVersionAndClearsTheErrorOnceClean() throws IOException {
        for (RuleFile f : HostileRules.shipped()) Files.writeString(rulesDir.resolve(f.name()), f.content(), StandardCharsets.UTF_8);
        RuleBaseHolder holder = new RuleBaseHolder(new RuleCompiler(), config(rulesDir));
        assertTrue(holder.reloadFromDisk().ok());
        String good = holder.active().version();
        for (Hostile h : HostileRules.refused(markers)) {
            Files.writeString(rulesDir.resolve(h.name()), h.content(), StandardCharsets.UTF_8);
            RuleCompiler.Result r = holder.reloadFromDisk();
            assertFalse(r.ok(), h.name());
            assertEquals(good, holder.active().version(), h.name());
            assertEquals(h.name(), holder.lastError().file());
            assertEquals(h.expectedLine(), holder.lastError().line(), h.name());
            assertNotNull(holder.lastError().column(), h.name());
            Files.delete(rulesDir.resolve(h.name()));
            holder.reloadFromDisk();
            assertEquals(good, holder.active().version());
            assertNull(holder.lastError(), h.name() + ": clean again, so no error");
        }
        // a hostile file in force is impossible, so deleting one while adding a broken one keeps the last good version
        Hostile h = HostileRules.refused(markers).get(0);
        Files.writeString(rulesDir.resolve(h.name()), h.content(), StandardCharsets.UTF_8);
        assertFalse(holder.reloadFromDisk().ok());
        Files.delete(rulesDir.resolve(h.name()));
        Files.writeString(rulesDir.resolve("broken.drl"), "package rules;\nrule \"b\" when NoSuchFact() then end\n");
        assertFalse(holder.reloadFromDisk().ok());
        assertEquals(good, holder.active().version());
        assertEquals("broken.drl", holder.lastError().file());
        assertTrue(holder.lastError().message().contains("NoSuchFact"), "an unknown type is a compile error: " + holder.lastError().message());
        Files.delete(rulesDir.resolve("broken.drl"));
        holder.reloadFromDisk();
        assertNull(holder.lastError());
    }

    @Test
    void lambdasMethodReferencesArraysAndBulkOrRegexMembersAreRefused() {
        // each of these passed the gate once and hung a quote or could exhaust memory (forEach over nCopies(2000000000, 1))
        String[] refused = {
                "import java.util.Collections;\nrule \"r\" when then Collections.singletonList(1).forEach(x -> x.hashCode()); end",
                "rule \"r\" when then java.util.List.of(1).forEach(Object::hashCode); end",
                "rule \"r\" when then long[] a = new long[400000000]; end",
                "import java.util.Collections;\nrule \"r\" when then Collections.nCopies(2000000000, 1).size(); end",
                "rule \"r\" when then String s = \"x\".repeat(2000000000); end",
                "rule \"r\" when then java.util.List.of(1).stream().count(); end",
                "rule \"r\" when then String s = \"aaaa\".replaceAll(\"(a+)+b\", \"\"); end",
                "rule \"r\" when then boolean b = \"aaaa\".matches(\"(a+)+b\"); end",
                "import com.promisevalidator.validation.facts.DeliveryPlan;\nrule \"r\" when DeliveryPlan( region matches \"(a|a)*b\" ) then end",
                // unbounded time or memory from one call (probe F9): powers and shifts, reserved sizes, format widths
                "import java.math.BigInteger;\nrule \"r\" when then BigInteger.TEN.pow(2147483000); end",
                "import java.math.BigDecimal;\nrule \"r\" when then BigDecimal.TEN.pow(999999999); end",
                "import java.math.BigInteger;\nrule \"r\" when then BigInteger.ONE.shiftLeft(2147483000); end",
                "import java.math.BigInteger;\nrule \"r\" when then BigInteger.ONE.shiftRight(-2147483000); end",
                "import java.math.BigInteger;\nrule \"r\" when then BigInteger.ZERO.setBit(2147483000); end",
                "rule \"r\" dialect \"mvel\" when then x = java.math.BigDecimal.ONE.movePointRight(999999999).toBigInteger(); end",
                "import java.util.ArrayList;\nrule \"r\" when then new ArrayList(2147483000); end",
                "import java.util.HashMap;\nrule \"r\" when then new HashMap<String, Integer>(2147483000, 0.75f); end",
                "rule \"r\" when then new StringBuilder(2147483000); end",
                "rule \"r\" when then new java.util.ArrayDeque<>(Integer.MAX_VALUE); end",
                "rule \"r\" when then StringBuilder b = new StringBuilder(); b.ensureCapacity(2147483000); end",
                "rule \"r\" when then StringBuilder b = new StringBuilder(); b.setLength(2147483000); end",
                "rule \"r\" when then String s = String.format(\"%0999999999d\", 1); end",
                "rule \"r\" when then String s = String.format(java.util.Locale.ROOT, \"%.999999999f\", 1.0); end",
                "rule \"r\" when then String f = \"%0\" + 999999999 + \"d\"; String s = String.format(f, 1); end",
                "rule \"r\" when then String s = \"%-999999999s\".formatted(\"\"); end",
                "rule \"r\" when then String f = \"%0\" + 999999999 + \"d\"; String s = f.formatted(1); end",
                "rule \"r\" when then String s = \"x\".indent(2147483000); end",
                "rule \"r\" when then long n = java.time.LocalDate.MIN.datesUntil(java.time.LocalDate.MAX).count(); end",
                "import java.math.BigDecimal;\nrule \"r\" when then BigDecimal.ONE.setScale(2000000000).toString(); end",
                "import java.math.BigDecimal;\nrule \"r\" when then int n = 2; BigDecimal.ONE.setScale(n * 1000000000); end",
                // the same by other calls (probe G2): a scale or exponent that builds a billion digits
                "import java.math.BigDecimal;\nrule \"r\" when then BigDecimal.ONE.divide(new BigDecimal(3), 20000000, java.math.RoundingMode.HALF_UP); end",
                "import java.math.BigDecimal;\nrule \"r\" when then BigDecimal x = BigDecimal.valueOf(1L, -999999999); end",
                "import java.math.BigDecimal;\nrule \"r\" when then BigDecimal x = new BigDecimal(\"1e999999999\"); end",
                "import java.math.BigDecimal;\nimport java.math.BigInteger;\nrule \"r\" when then BigDecimal x = new BigDecimal(BigInteger.ONE, -999999999); end",
                "import java.math.BigDecimal;\nrule \"r\" when then String s = BigDecimal.ONE.toPlainString(); end",
                "import java.math.BigDecimal;\nrule \"r\" when then Object o = BigDecimal.TEN.toBigInteger(); end"};
        for (String drl : refused) {
            RuleProblem p = only(drl);
            assertTrue(p.message().contains("not allowed"), drl + ": " + p.message());
        }
        assertTrue(RulePolicy.check(List.of(new RuleFile("m.drl", "package rules;\n" + refused[0]))).stream()
                .anyMatch(v -> v.message().startsWith("lambdas (->) are not allowed")), "the lambda itself is named too");
        assertTrue(only(refused[2]).message().startsWith("arrays are not allowed"));
        for (String drl : refused) { // each is refused on the line of the call, at a column
            RuleProblem p = only(drl);
            assertEquals(drl.split("\n").length + 1, p.line(), drl + ": " + p);
            assertNotNull(p.column(), drl);
        }
        // what looks alike but is harmless still passes: generics, a minus before a comparison, a list
        assertEquals(List.of(), RulePolicy.check(List.of(new RuleFile("ok.drl", """
                package rules;
                import com.promisevalidator.validation.facts.DeliveryPlan;
                import java.util.ArrayList;
                rule "ok"
                when
                    $p : DeliveryPlan( bufferDays - 1 > 0 )
                then
                    $p.addBuffer(new ArrayList<Integer>().size() + java.util.List.copyOf(new ArrayList<>()).size());
                    $p.addBuffer(new StringBuilder("ab").length() + String.format("%02d|%-10s|%.2f", 1, "x", 1.5).length());
                    $p.addBuffer("%3d".formatted(1).length() + (int) Math.round(1.4) + $p.getDispatch().format(java.time.format.DateTimeFormatter.ISO_DATE).length());
                    $p.addBuffer(java.math.BigDecimal.ONE.setScale(2, java.math.RoundingMode.HALF_UP).intValue());
                    $p.addBuffer(java.math.BigDecimal.ONE.divide(new java.math.BigDecimal("3.5"), 2, java.math.RoundingMode.HALF_UP).intValue());
                    $p.addBuffer(java.math.BigDecimal.valueOf(125, 2).intValue() + new java.math.BigDecimal("1.5e2").intValue());
                end
                """))));
    }

    private static RuleProblem only(String drl) {
        List<RuleProblem> v = RulePolicy.check(List.of(new RuleFile("m.drl", "package rules;\n" + drl)));
        assertFalse(v.isEmpty(), drl);
        return v.get(0);
    }

    /** A PromiseConfig that only knows its rules directory (all the holder reads). */
    private static PromiseConfig config(Path dir) {
        return (PromiseConfig) Proxy.newProxyInstance(PromiseConfig.class.getClassLoader(), new Class<?>[] {PromiseConfig.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("rulesDir")) return dir.toString();
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
