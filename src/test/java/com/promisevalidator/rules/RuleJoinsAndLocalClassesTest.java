package com.promisevalidator.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.promisevalidator.rules.model.RuleFile;
import com.promisevalidator.rules.model.RuleProblem;
import com.promisevalidator.rules.service.RuleCompiler;
import com.promisevalidator.rules.service.RulePolicy;

/**
 * The gate against code that is no line of a rule (anonymous classes, local records and enums, a function calling itself
 * through its class) and against joins whose combinations no memory holds (probe P8: H1 and H2).
 */
class RuleJoinsAndLocalClassesTest {

    static final String HEAD = "package rules;\n"
            + "import com.promisevalidator.validation.facts.DeliveryPlan;\n"
            + "import com.promisevalidator.validation.facts.LineStock;\n";

    /** The shipped files and {@code name}, through the whole gate (what rules/check and a reload run). */
    private static RuleCompiler.Result compile(String name, String content) {
        List<RuleFile> files = new ArrayList<>(HostileRules.shipped());
        files.add(new RuleFile(name, content));
        return new RuleCompiler().compile(files);
    }

    private static RuleProblem refused(String drl) {
        RuleCompiler.Result r = compile("x.drl", HEAD + drl);
        assertFalse(r.ok(), drl);
        assertFalse(r.violations().isEmpty(), drl + ": " + r.errors());
        RuleProblem v = r.violations().get(0);
        assertEquals("x.drl", v.file());
        assertTrue(v.line() != null && v.line() > 3 && v.column() != null, drl + ": " + v);
        return v;
    }

    private static void accepted(String drl) {
        assertEquals(List.of(), RulePolicy.check(List.of(new RuleFile("x.drl", HEAD + drl))), drl);
    }

    @Test
    void theProbesAnonymousClassRecursionIsRefusedWhereItIs() {
        RuleCompiler.Result r = compile("anon.drl", """
                package rules;
                import com.promisevalidator.validation.facts.DeliveryPlan;
                import com.promisevalidator.validation.facts.LineStock;
                // Protects: probe P8 (anonymous-class recursion, no loop keyword).
                rule "Probe anon recursion"
                ruleflow-group "evidence"
                when
                    $p : DeliveryPlan( site == "SP" )
                    $l : LineStock( site == "SP", sku == "SKU-1" )
                then
                    long r = new Object() { long f(long n) { return n <= 0 ? 1 : f(n - 1) + f(n - 1); } }.f($l.getQuantity());
                end
                """);
        assertFalse(r.ok());
        RuleProblem v = r.violations().get(0);
        assertEquals(new RuleProblem("anon.drl", 11, 27, v.message()), v);
        assertTrue(v.message().startsWith("an anonymous class body ('new Object(…) { … }') is not allowed in rule code"), v.message());
        assertTrue(v.message().contains("methods may call themselves"), v.message());
    }

    @Test
    void classBodiesOfAnyKindAreRefused() {
        String then = "rule \"r\" ruleflow-group \"evidence\" when $p : DeliveryPlan( ) then\n";
        assertTrue(refused(then + "    Object m = new java.util.HashMap<String, Integer>() { { put(\"a\", 1); } };\nend\n").message()
                .contains("anonymous class body"));
        assertTrue(refused(then + "    Comparable c = new Comparable() { public int compareTo(Object o) { return compareTo(o); } };\nend\n")
                .message().contains("anonymous class body"));
        assertTrue(refused(then + "    record R(long n) { long f() { return new R(n - 1).f(); } }\n    new R(3).f();\nend\n").message()
                .startsWith("'record' is not allowed"));
        assertTrue(refused(then + "    enum E { A; long f(long n) { return f(n - 1); } }\n    E.A.f(3);\nend\n").message()
                .startsWith("'enum' is not allowed"));
        // Drools compiles function f into class F: F.f(…) is the function calling itself
        RuleProblem fn = refused("function long f(long n) { return n <= 0 ? 1 : F.f(n - 1) + F.f(n - 1); }\n"
                + then + "    $p.addBuffer((int) f(3));\nend\n");
        assertTrue(fn.message().startsWith("function f calls itself"), fn.message());
        assertEquals(4, fn.line());
        // what stays allowed: a DRL enum, a record as a name, an object made without a body
        accepted("declare enum Colour RED, GREEN; end\n" + then + "    Colour c = Colour.RED;\n"
                + "    Object record = new java.util.HashMap<String, Integer>();\nend\n");
    }

    @Test
    void theProbesFourWayLineJoinIsRefusedAtItsSecondLinePattern() {
        RuleCompiler.Result r = compile("cross.drl", """
                package rules;
                import com.promisevalidator.validation.facts.DeliveryPlan;
                import com.promisevalidator.validation.facts.LineStock;
                // Protects: probe P8 (cross product).
                rule "Probe cross product"
                ruleflow-group "evidence"
                when
                    $p : DeliveryPlan( site == "SP" )
                    $a : LineStock( site == "SP" )
                    $b : LineStock( site == "SP" )
                    $c : LineStock( site == "SP" )
                    $d : LineStock( site == "SP" )
                then
                    $p.toString();
                end
                """);
        assertFalse(r.ok());
        assertEquals(1, r.violations().size(), r.violations().toString());
        RuleProblem v = r.violations().get(0);
        assertEquals(new RuleProblem("cross.drl", 10, 5, v.message()), v);
        assertTrue(v.message().startsWith("rule \"Probe cross product\": a second pattern over facts there can be many of in one quote "
                + "is not allowed (this one: LineStock, one per order line and site; the first: line 9)"), v.message());
        assertTrue(v.message().contains("100,000,000 combinations"), v.message());
    }

    @Test
    void everyWayToJoinManyFactsCounts() {
        String when = "rule \"r\" ruleflow-group \"evidence\" when\n    $p : DeliveryPlan( )\n";
        // an equality does not bound it: 100 lines of one SKU all join
        assertEquals(7, refused(when + "    $a : LineStock( site == $p.site )\n    $b : LineStock( sku == $a.sku )\nthen end\n").line());
        assertEquals(7, refused(when + "    $a : LineStock( )\n    exists LineStock( quantity > $a.quantity )\nthen end\n").line());
        assertEquals(7, refused(when + "    $n : Number() from accumulate( LineStock( site == $p.site ), count() )\n"
                + "    not ( LineStock( shortNow ) and LineStock( stocked ) )\nthen end\n").line());
        assertEquals(7, refused(when + "    $a : LineStock( ) from $p.lines\n    $b : Object( )\nthen end\n").line());
        assertTrue(refused(when + "    $a : LineStock( )\n    $b : Object( )\nthen end\n").message().contains("Object, a type there can be many facts of"));
        assertTrue(refused(when + "    $q : DeliveryPlan( )\n    $r : DeliveryPlan( )\nthen end\n").message().contains("more than 2 patterns over plans"));
        assertTrue(refused("query lines() LineStock( ) end\n").message().startsWith("query lines is not allowed"));
        assertTrue(refused(when + "then\n    insert(new LineStock($p.getSite(), \"X\", 1, null, null));\nend\n").message()
                .startsWith("'new LineStock(…)' is not allowed: the service makes the facts of a quote"));
        // one line at a time, with plans and the rep's record around it, stays allowed
        accepted("import com.promisevalidator.validation.facts.TrackRecord;\n" + when
                + "    $r : TrackRecord( )\n    $l : LineStock( site == $p.site, shortNow )\n    $q : DeliveryPlan( asked, this != $p )\nthen end\n");
        accepted(when + "    $n : Number( intValue > 2 ) from accumulate( LineStock( site == $p.site ), count() )\nthen end\n");
    }

    @Test
    void factsAreNotTakenOutOfTheQuote() {
        // the probe's rule (P8 M2): the asked plan deleted, the answer was APPROVED from another site
        String when = "rule \"Probe delete plan\" ruleflow-group \"start\" when\n    $p : DeliveryPlan( site == \"SP\" )\n"
                + "    $l : LineStock( site == \"SP\" )\nthen\n";
        RuleProblem v = refused(when + "    delete($l);\n    delete($p);\nend\n");
        assertEquals(new RuleProblem("x.drl", 8, 5, v.message()), v);
        assertTrue(v.message().startsWith("'delete' is not allowed: a rule may not take facts out of the quote"), v.message());
        assertTrue(refused(when + "    retract($p);\nend\n").message().startsWith("'retract' is not allowed"));
        accepted(when + "    StringBuilder b = new StringBuilder(\"ab\");\n    b.delete(0, 1);\nend\n");
    }

    @Test
    void theShippedRulesStillPass() {
        assertEquals(List.of(), RulePolicy.check(HostileRules.shipped()));
    }
}
