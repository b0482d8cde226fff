package com.promisevalidator.rules.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.QueryDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;

import com.promisevalidator.rules.model.RuleFile;
import com.promisevalidator.rules.model.RuleProblem;

/**
 * The policy gate: rule files are code that runs inside the service, so they may only use the fact
 * model and a short allow-list of JDK types. Runs before anything is compiled or built.
 *
 * <p>Drools' own parser gives the structure (declared types, functions and what they call); every code
 * fragment of the file (conditions, {@code from}/{@code eval}/accumulate code, consequences,
 * functions, globals, declarations, queries, either dialect) is then checked token by token:
 * string literals and comments are skipped, dotted names are joined (also across spaces and
 * comments), and each name must be allowed. Deny by default: a type not on the list is refused.
 */
public final class RulePolicy {

    /** Packages whose every type a rule may use. */
    static final Set<String> ALLOWED_PACKAGES = Set.of(
            "com.promisevalidator.validation.facts", "com.promisevalidator.capacity.model",
            "com.promisevalidator.performance.model", "java.time", "java.time.format", "java.time.temporal", "java.math");

    /** Single JDK types a rule may use; java.lang ones also by their simple name. */
    static final Set<String> ALLOWED_TYPES = Set.of(
            "java.lang.String", "java.lang.StringBuilder", "java.lang.CharSequence", "java.lang.Math", "java.lang.StrictMath",
            "java.lang.Integer", "java.lang.Long", "java.lang.Double", "java.lang.Float", "java.lang.Short", "java.lang.Byte",
            "java.lang.Boolean", "java.lang.Character", "java.lang.Number", "java.lang.Object", "java.lang.Comparable",
            "java.lang.Iterable", "java.lang.Enum", "java.lang.Exception", "java.lang.RuntimeException",
            "java.lang.IllegalArgumentException", "java.lang.IllegalStateException", "java.lang.ArithmeticException",
            "java.lang.NullPointerException", "java.lang.UnsupportedOperationException",
            "java.util.List", "java.util.ArrayList", "java.util.LinkedList", "java.util.Map", "java.util.HashMap",
            "java.util.LinkedHashMap", "java.util.TreeMap", "java.util.SortedMap", "java.util.NavigableMap", "java.util.Set",
            "java.util.HashSet", "java.util.LinkedHashSet", "java.util.TreeSet", "java.util.SortedSet", "java.util.NavigableSet",
            "java.util.Collection", "java.util.Collections", "java.util.Arrays", "java.util.Objects", "java.util.Optional",
            "java.util.OptionalInt", "java.util.OptionalLong", "java.util.OptionalDouble", "java.util.Comparator",
            "java.util.Iterator", "java.util.Queue", "java.util.Deque", "java.util.ArrayDeque", "java.util.Locale",
            "java.util.StringJoiner", "java.util.EnumMap", "java.util.EnumSet");

    /**
     * The types whose methods and fields rule code may call, by name: the fact model and the allowed JDK types. A member
     * after a dot that none of them has is refused, whatever it is called on: the gate reads names, not types, so a value
     * whose type it never sees (a declared field's, an engine variable's) must not open a path to other code (probe gate2:
     * a declared field's type gave a Class, and getProtectionDomain().getCodeSource().getLocation()…openStream() read files).
     */
    private static final List<Class<?>> MEMBER_TYPES = List.of(
            com.promisevalidator.validation.facts.DeliveryPlan.class, com.promisevalidator.validation.facts.ServicePlan.class,
            com.promisevalidator.validation.facts.Plan.class, com.promisevalidator.validation.facts.LineStock.class,
            com.promisevalidator.validation.facts.TrackRecord.class, com.promisevalidator.validation.facts.Notes.class,
            com.promisevalidator.validation.facts.Finding.class, com.promisevalidator.validation.facts.Reason.class,
            com.promisevalidator.validation.facts.ReasonCode.class, com.promisevalidator.validation.facts.Alternative.class,
            com.promisevalidator.validation.facts.BaySchedule.class, com.promisevalidator.validation.facts.DailyCapacity.class,
            com.promisevalidator.capacity.model.Site.class, com.promisevalidator.capacity.model.SiteCalendar.class,
            com.promisevalidator.capacity.model.StockLevel.class, com.promisevalidator.capacity.model.Inbound.class,
            com.promisevalidator.capacity.model.Lane.class, com.promisevalidator.capacity.model.ServiceOffer.class,
            com.promisevalidator.capacity.model.BayBooking.class, com.promisevalidator.performance.model.Distribution.class,
            com.promisevalidator.performance.model.Ageing.class, com.promisevalidator.performance.model.ArrivalDays.class,
            com.promisevalidator.performance.model.Mastery.class,
            java.time.LocalDate.class, java.time.LocalDateTime.class, java.time.LocalTime.class, java.time.Instant.class,
            java.time.Duration.class, java.time.Period.class, java.time.DayOfWeek.class, java.time.Month.class,
            java.time.YearMonth.class, java.time.Year.class, java.time.ZonedDateTime.class, java.time.OffsetDateTime.class,
            java.time.OffsetTime.class, java.time.ZoneId.class, java.time.ZoneOffset.class,
            java.time.format.DateTimeFormatter.class, java.time.format.FormatStyle.class, java.time.format.TextStyle.class,
            java.time.temporal.ChronoUnit.class, java.time.temporal.ChronoField.class, java.time.temporal.TemporalAdjusters.class,
            java.time.temporal.IsoFields.class, java.time.temporal.WeekFields.class,
            java.math.BigDecimal.class, java.math.BigInteger.class, java.math.RoundingMode.class, java.math.MathContext.class,
            org.kie.api.definition.rule.Rule.class);

    /** Builders of the fact model that size what they build by an argument (a 300,000,000-day buffer: 2.4 GB): not for rules. */
    private static final Set<String> BUILDERS = Set.of("withBuffer", "withMemory", "recalibrated", "madeForBand", "withStandard",
            "withNoArrivalDays", "planning", "chanceBy");

    /** Member names of {@link #MEMBER_TYPES} and of the allowed JDK types, with MVEL's property forms (getSite: site). */
    private static final Set<String> KNOWN_MEMBERS = knownMembers();

    private static Set<String> knownMembers() {
        Set<Class<?>> types = new java.util.LinkedHashSet<>(MEMBER_TYPES);
        for (String t : ALLOWED_TYPES) {
            try {
                types.add(Class.forName(t, false, RulePolicy.class.getClassLoader()));
            } catch (ClassNotFoundException | LinkageError e) {
                // not on this JDK: nothing of it to allow
            }
        }
        Set<String> names = new HashSet<>();
        java.util.ArrayDeque<Class<?>> todo = new java.util.ArrayDeque<>(types);
        Set<Class<?>> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            Class<?> c = todo.pop();
            if (!seen.add(c)) continue;
            for (java.lang.reflect.Method m : c.getMethods()) addMember(names, m.getName());
            for (java.lang.reflect.Field f : c.getFields()) names.add(f.getName());
            for (Class<?> nested : c.getClasses()) {
                names.add(nested.getSimpleName());
                todo.add(nested);
            }
        }
        names.removeAll(BUILDERS);
        return Set.copyOf(names);
    }

    private static void addMember(Set<String> names, String name) {
        names.add(name);
        for (String prefix : List.of("get", "set", "is")) {
            if (name.length() > prefix.length() && name.startsWith(prefix) && Character.isUpperCase(name.charAt(prefix.length()))) {
                names.add(Character.toLowerCase(name.charAt(prefix.length())) + name.substring(prefix.length() + 1));
            }
        }
    }

    /** Roots of package names on the class path: a dotted name starting with one is a qualified type name. */
    private static final Set<String> PACKAGE_ROOTS = Set.of("java", "javax", "jdk", "sun", "com", "org", "net", "io", "jakarta");

    /** Names MVEL resolves without an import beyond java.lang (java.lang.reflect.Array among them). */
    private static final Set<String> MVEL_BUILT_INS = Set.of("Array", "Compiler");

    /** Why the well-known dangerous types are refused, for the ops reader. */
    private static final Map<String, String> DANGEROUS_TYPES = Map.ofEntries(
            Map.entry("System", "it can stop the service (exit), read the environment and change global settings"),
            Map.entry("Runtime", "it can run programs and stop the service"),
            Map.entry("ProcessBuilder", "it runs programs"), Map.entry("Process", "it runs programs"),
            Map.entry("ProcessHandle", "it controls processes"),
            Map.entry("Thread", "rules must not start, stop or put threads to sleep"),
            Map.entry("ThreadGroup", "rules must not control threads"), Map.entry("ThreadLocal", "rules must not keep per-thread state"),
            Map.entry("Class", "reflection can reach any code in the service"),
            Map.entry("ClassLoader", "loading classes can run any code"), Map.entry("Module", "reflection can reach any code in the service"),
            Map.entry("ModuleLayer", "reflection can reach any code in the service"),
            Map.entry("StackWalker", "reflection can reach any code in the service"),
            Map.entry("SecurityManager", "it changes the JVM's security settings"));

    /** Words of the rule languages (Java, MVEL, DRL) that rule code may not use, and why. */
    private static final Map<String, String> DENIED_WORDS = Map.ofEntries(
            Map.entry("while", LOOP()), Map.entry("for", LOOP()), Map.entry("do", LOOP()),
            Map.entry("foreach", LOOP()), Map.entry("until", LOOP()),
            Map.entry("synchronized", "locking can hang the service"),
            Map.entry("static", "static code (initializers, static members) runs outside any rule"),
            Map.entry("native", "native code is not allowed"),
            Map.entry("class", "rule code may not declare or reference classes (use 'declare' for fact types)"),
            Map.entry("interface", "rule code may not declare classes or interfaces"),
            Map.entry("def", "MVEL functions may not be defined inside rule code (use a DRL function)"),
            Map.entry("kcontext", "rules may not reach the rule engine; use drools.getRule() for the rule's name"),
            // what Drools' generated code has in scope (probe gate2: consequenceCtx.delete(…), valueResolver.getRuleBase())
            Map.entry("consequenceCtx", "rules may not reach the rule engine; use drools.getRule() for the rule's name"),
            Map.entry("valueResolver", "rules may not reach the rule engine"), Map.entry("KnowledgeHelper", "rules may not reach the rule engine"),
            Map.entry("workingMemoryContext", "rules may not reach the rule engine"), Map.entry("leftTuple", "rules may not reach the rule engine"),
            Map.entry("innerDeclarations", "rules may not reach the rule engine"),
            Map.entry("var", "'var' is not allowed in rule code: write the type, so the gate can see what the code holds"),
            Map.entry("matches", REGEX()));

    /** Members (methods, or their MVEL property form without get/set/is) that reach past the fact model. */
    private static final Map<String, String> DENIED_MEMBERS = Map.ofEntries(
            Map.entry("forName", REFLECT()), Map.entry("invoke", REFLECT()), Map.entry("invokeExact", REFLECT()),
            Map.entry("invokeWithArguments", REFLECT()), Map.entry("accessible", REFLECT()), Map.entry("trySetAccessible", REFLECT()),
            Map.entry("newInstance", REFLECT()), Map.entry("lookup", REFLECT()), Map.entry("method", REFLECT()),
            Map.entry("methods", REFLECT()), Map.entry("field", REFLECT()), Map.entry("fields", REFLECT()),
            Map.entry("constructor", REFLECT()), Map.entry("constructors", REFLECT()), Map.entry("module", REFLECT()),
            Map.entry("kieRuntime", ENGINE()), Map.entry("kieBase", ENGINE()), Map.entry("knowledgeRuntime", ENGINE()),
            Map.entry("workingMemory", ENGINE()), Map.entry("kieSession", ENGINE()), Map.entry("entryPoint", ENGINE()),
            Map.entry("entryPoints", ENGINE()), Map.entry("channels", ENGINE()), Map.entry("match", ENGINE()),
            Map.entry("runtime", "it can run programs and stop the service"), Map.entry("exec", "it runs programs"),
            Map.entry("exit", "it stops the service"), Map.entry("halt", "it stops the service"),
            Map.entry("env", "rules may not read the environment"), Map.entry("getenv", "rules may not read the environment"),
            Map.entry("sleep", "a rule must not make a quote wait"), Map.entry("wait", "a rule must not make a quote wait"),
            Map.entry("notify", "rules must not signal threads"), Map.entry("notifyAll", "rules must not signal threads"),
            Map.entry("finalize", "rules must not run finalizers"),
            Map.entry("setDefault", "rules must not change the service's global settings"),
            Map.entry("getInteger", "rules may not read system properties"), Map.entry("getLong", "rules may not read system properties"),
            Map.entry("getBoolean", "rules may not read system properties"),
            Map.entry("parallelStream", "rules must not start threads"), Map.entry("parallel", "rules must not start threads"),
            Map.entry("iterate", "an endless stream can hang a quote; loops belong in fact methods"),
            Map.entry("generate", "an endless stream can hang a quote; loops belong in fact methods"),
            // each of these loops over a collection or string, or builds one of any size (nCopies(2000000000, …))
            Map.entry("forEach", LOOP()), Map.entry("forEachRemaining", LOOP()), Map.entry("removeIf", LOOP()),
            Map.entry("stream", LOOP()), Map.entry("setAll", LOOP()), Map.entry("fill", LOOP()),
            Map.entry("nCopies", SIZE()), Map.entry("repeat", SIZE()), Map.entry("indent", SIZE()),
            Map.entry("ensureCapacity", SIZE()), Map.entry("setLength", SIZE()), Map.entry("padNext", SIZE()),
            Map.entry("copyOfRange", SIZE()), Map.entry("datesUntil", LOOP()),
            // a BigInteger/BigDecimal power or shift of a large exponent takes hours and gigabytes (TEN.pow(2147483000));
            // Math.pow goes too: by name alone the gate cannot tell them apart
            Map.entry("pow", BIG()), Map.entry("shiftLeft", BIG()), Map.entry("shiftRight", BIG()), Map.entry("setBit", BIG()),
            Map.entry("flipBit", BIG()), Map.entry("scaleByPowerOfTen", BIG()), Map.entry("movePointLeft", BIG()),
            Map.entry("movePointRight", BIG()),
            Map.entry("matches", REGEX()), Map.entry("replaceAll", REGEX()), Map.entry("replaceFirst", REGEX()), Map.entry("split", REGEX()));

    private static String LOOP() {
        return "loops are not allowed in rule code (a loop can hang a quote); put loops in methods of the fact model";
    }

    private static String LOCAL_CLASS() {
        return "it declares a class whose methods may call themselves (a loop without the word: one quote could run for hours) "
                + "and whose initializer blocks run code that is no line of the rule; put such logic in methods of the fact model";
    }

    private static String SIZE() {
        return "it builds a collection or string of any size, which can exhaust the service's memory or hang a quote";
    }

    private static String BIG() {
        return "a power or shift of a large exponent can take hours and exhaust the service's memory; multiply, or put the "
                + "computation in a method of the fact model";
    }

    /** Types whose constructor takes a size to reserve (new ArrayList(2147483000)) or a precision (new MathContext(…)). */
    private static final Set<String> SIZED_TYPES = Set.of("ArrayList", "HashMap", "LinkedHashMap", "HashSet", "LinkedHashSet",
            "ArrayDeque", "StringBuilder", "StringBuffer", "Vector", "PriorityQueue", "Hashtable", "WeakHashMap", "IdentityHashMap",
            "ConcurrentHashMap", "BitSet", "MathContext");

    /** The widest field (and longest precision) a format may ask for: "%0999999999d" would build a gigabyte string. */
    static final int MAX_FORMAT_WIDTH = 100;
    /** The largest BigDecimal scale (setScale, divide, valueOf, new BigDecimal) or written exponent a rule may use. */
    static final int MAX_SCALE = 100;
    private static final java.util.regex.Pattern FORMAT_SPEC =
            java.util.regex.Pattern.compile("%(\\d+\\$)?[-#+ 0,(<]*(\\d+)?(\\.(\\d+))?[a-zA-Z%]");

    private static String REGEX() {
        return "a regular expression can take exponential time on a crafted pattern; compare with == or put the test in a fact method";
    }

    private static String FORMAT() {
        return "a width or precision chosen at run time can build a string that exhausts the service's memory";
    }

    private static String REFLECT() {
        return "reflection can reach any code in the service";
    }

    private static String ENGINE() {
        return "rules may not reach the rule engine; use drools.getRule() for the rule's name";
    }

    private RulePolicy() {
    }

    /** Every violation in the candidate rule set; empty when it may be compiled. */
    public static List<RuleProblem> check(List<RuleFile> files) {
        Set<String> declaredTypes = new HashSet<>();
        Set<String> declaredMembers = new HashSet<>();
        Map<String, FunctionDescr> functions = new LinkedHashMap<>();
        Map<String, String> functionFile = new HashMap<>();
        for (RuleFile f : files) {
            PackageDescr pkg = parse(f.content());
            if (pkg == null) continue; // unparseable: the tokens are still checked below, the compiler reports the syntax
            pkg.getClassAndEnumDeclarationDescrs().forEach(t -> declaredTypes.add(t.getTypeName()));
            // a declared type's fields and their accessors, an enum's values: members rule code may use
            pkg.getTypeDeclarations().forEach(t -> t.getFields().keySet().forEach(n -> declaredField(declaredMembers, n)));
            pkg.getClassAndEnumDeclarationDescrs().forEach(t -> t.getFields().keySet().forEach(n -> declaredField(declaredMembers, n)));
            pkg.getEnumDeclarations().forEach(e -> e.getLiterals().forEach(l -> declaredMembers.add(l.getName())));
            for (FunctionDescr fn : pkg.getFunctions()) {
                declaredMembers.add(fn.getName()); // Drools' class of a function f is F: F.f(…) calls it
                functions.put(fn.getName(), fn);
                functionFile.put(fn.getName(), f.name());
            }
        }
        List<RuleProblem> violations = new ArrayList<>();
        for (RuleFile f : files) {
            new FileCheck(f.name(), f.content() == null ? "" : f.content(), new HashSet<>(declaredTypes), new HashSet<>(), violations,
                    declaredMembers).run();
        }
        checkRecursion(functions, functionFile, violations);
        for (RuleFile f : files) {
            PackageDescr pkg = parse(f.content());
            if (pkg != null) checkJoins(f.name(), pkg, declaredTypes, violations);
        }
        return violations;
    }

    /** A declared field {@code n}: its name and MVEL's and Java's accessors (getN, setN, isN). */
    private static void declaredField(Set<String> members, String n) {
        if (n == null || n.isEmpty()) return;
        String cap = Character.toUpperCase(n.charAt(0)) + n.substring(1);
        members.addAll(List.of(n, "get" + cap, "set" + cap, "is" + cap));
    }

    // ---- joins: how many combinations of facts a rule may make the engine build -----------------------------------

    /**
     * The facts of one quote the service inserts, one or a few of each: a plan per candidate site (1 +
     * promise.max-other-sites, 4 by default) and the rep's record. Everything else may be many: a {@code LineStock} per
     * order line and site (up to 500 lines), a type rules declare and insert, anything a {@code from} yields.
     */
    static final Set<String> PLAN_TYPES = Set.of("DeliveryPlan", "ServicePlan", "Plan");
    static final String ONE_PER_QUOTE = "TrackRecord";
    private static final String FACTS_PACKAGE = "com.promisevalidator.validation.facts";
    /** The facts the service makes for a quote: a rule making more would multiply what other rules join. */
    static final Set<String> SERVICE_FACTS = Set.of("DeliveryPlan", "ServicePlan", "TrackRecord", "LineStock");

    /** At most this many patterns over plans per rule: a join's size is the product of the facts its patterns match. */
    static final int MAX_PLAN_PATTERNS = 2;

    private record Matched(PatternDescr pattern, String what) {
    }

    /**
     * The engine builds every combination a rule's patterns match before anything fires (four patterns over 100 order
     * lines: 100,000,000 combinations, more memory than the service has, and no firing limit can stop it). So a rule (and
     * every {@code not}, {@code exists}, {@code forall}, {@code accumulate} or {@code collect} in it) may hold at most one
     * pattern over facts there can be many of, and at most {@value #MAX_PLAN_PATTERNS} over plans: at most
     * 4 × 4 × 2,000 combinations with the defaults. Constraints do not count: the gate cannot know how many facts an
     * equality lets through ({@code sku == $a.sku} over 100 lines of one SKU joins all of them). Queries are refused:
     * a rule calling one joins its patterns too, and a query may call itself.
     */
    private static void checkJoins(String file, PackageDescr pkg, Set<String> declaredTypes, List<RuleProblem> out) {
        for (RuleDescr rule : pkg.getRules()) {
            if (rule instanceof QueryDescr) {
                out.add(new RuleProblem(file, rule.getLine() > 0 ? rule.getLine() : null, rule.getColumn() >= 0 ? rule.getColumn() + 1 : null,
                        "query " + rule.getName() + " is not allowed: nothing in the service runs queries, and a rule using one as a "
                                + "condition joins its patterns too (a query may even call itself); write the conditions in the rule"));
                continue;
            }
            List<Matched> many = new ArrayList<>();
            List<PatternDescr> plans = new ArrayList<>();
            collect(rule.getLhs(), declaredTypes, many, plans);
            String name = "rule \"" + rule.getName() + "\": ";
            if (many.size() > 1) {
                Matched second = many.get(1);
                out.add(problem(file, second.pattern(), name + "a second pattern over facts there can be many of in one quote is "
                        + "not allowed (this one: " + second.what() + "; the first: line " + many.get(0).pattern().getLine() + "): the "
                        + "engine builds every combination of the facts such patterns match before anything fires, whatever their "
                        + "constraints (four patterns over 100 order lines: 100,000,000 combinations, more memory than the service "
                        + "has). A rule looks at one line (or one fact of a kind there are many of) at a time, inside not, exists and "
                        + "accumulate too; to compare lines, ask a developer for a method of the fact model"));
            }
            if (plans.size() > MAX_PLAN_PATTERNS) {
                out.add(problem(file, plans.get(MAX_PLAN_PATTERNS), name + "more than " + MAX_PLAN_PATTERNS + " patterns over plans "
                        + "(DeliveryPlan, ServicePlan, Plan) are not allowed: each multiplies the combinations the engine builds "
                        + "before anything fires"));
            }
        }
    }

    private static RuleProblem problem(String file, PatternDescr p, String message) {
        return new RuleProblem(file, p.getLine() > 0 ? p.getLine() : null, p.getColumn() >= 0 ? p.getColumn() + 1 : null, message);
    }

    /** The patterns of a condition, wherever they are nested, sorted into "many" and "plans" (the rep's record is one). */
    private static void collect(BaseDescr d, Set<String> declaredTypes, List<Matched> many, List<PatternDescr> plans) {
        if (d instanceof PatternDescr p) {
            if (p.getSource() instanceof AccumulateDescr a) {
                // the result is one per combination of what comes before; what it accumulates over is joined
                collect(a.getInput() != null ? a.getInput() : a.getInputPattern(), declaredTypes, many, plans);
                return;
            }
            if (p.getSource() instanceof CollectDescr c) {
                collect(c.getInputPattern(), declaredTypes, many, plans);
                return;
            }
            String type = p.getObjectType() == null ? "" : p.getObjectType().trim();
            String simple = type.substring(type.lastIndexOf('.') + 1);
            boolean model = (!type.contains(".") || type.equals(FACTS_PACKAGE + "." + simple)) && !declaredTypes.contains(simple);
            if (p.getSource() != null) {
                many.add(new Matched(p, "'" + simple + "() from …', which may yield any number of facts"));
            } else if (oopath(p)) {
                many.add(new Matched(p, "a path (/…) in " + simple + "( ), which yields a fact per element"));
            } else if (p.isQuery()) {
                many.add(new Matched(p, "query " + simple));
            } else if (model && PLAN_TYPES.contains(simple)) {
                plans.add(p);
            } else if (!(model && ONE_PER_QUOTE.equals(simple))) {
                many.add(new Matched(p, simple.equals("LineStock") ? "LineStock, one per order line and site"
                        : simple + ", a type there can be many facts of"));
            }
            return;
        }
        if (d instanceof ConditionalElementDescr ce) {
            for (BaseDescr child : ce.getDescrs()) collect(child, declaredTypes, many, plans);
        }
    }

    /** A constraint starting with an OOPath ({@code /lines}, {@code $l : /lines[…]}): one match per element it reaches. */
    private static boolean oopath(PatternDescr p) {
        if (p.getConstraint() == null) return false;
        for (BaseDescr c : p.getConstraint().getDescrs()) {
            if (c instanceof ExprConstraintDescr e && e.getExpression() != null
                    && e.getExpression().trim().replaceFirst("^\\$?[\\w$]+\\s*:\\s*", "").startsWith("/")) {
                return true;
            }
        }
        return false;
    }

    /** A DRL text as the parser reads it, or null when it cannot (the compiler then reports the syntax). */
    public static PackageDescr parse(String content) {
        try {
            return new DrlParser().parse(false, content == null ? "" : content);
        } catch (Exception | LinkageError e) {
            return null;
        }
    }

    /** A qualified name: allowed if it names a type (or package) of the allow-list. */
    static boolean allowedQualified(String[] segs) {
        int cls = 0;
        while (cls < segs.length && !startsUpper(segs[cls])) cls++;
        String pkg = String.join(".", java.util.Arrays.copyOfRange(segs, 0, cls));
        if (cls == segs.length) return ALLOWED_PACKAGES.contains(pkg); // a package (wildcard import, DRL package)
        if (INTERNAL_TYPES.contains(pkg + "." + segs[cls])) return false;
        return ALLOWED_PACKAGES.contains(pkg) || ALLOWED_TYPES.contains(pkg + "." + segs[cls]);
    }

    /**
     * The statistics' own working types in an allowed package: not facts, and some build what they are asked to of any size
     * (probe gate2: Survival.cdf(…, 300000000) took 2.4 GB).
     */
    private static final Set<String> INTERNAL_TYPES = Set.of("Survival", "Histogram", "Blend", "Observation", "Standards", "SourceWords",
            "ServiceJudging").stream().map(n -> "com.promisevalidator.performance.model." + n).collect(java.util.stream.Collectors.toUnmodifiableSet());

    private static boolean startsUpper(String s) {
        return !s.isEmpty() && Character.isUpperCase(s.charAt(0));
    }

    /** Recursion can run without end just like a loop: a declared function may not reach itself. */
    private static void checkRecursion(Map<String, FunctionDescr> functions, Map<String, String> file, List<RuleProblem> out) {
        Map<String, Set<String>> calls = new HashMap<>();
        for (FunctionDescr fn : functions.values()) {
            Set<String> called = new HashSet<>();
            List<Token> ts = new Tokenizer(fn.getBody() == null ? "" : fn.getBody()).tokens(null);
            for (int i = 0; i + 1 < ts.size(); i++) {
                String name = ts.get(i).text;
                boolean member = i > 0 && ts.get(i - 1).is(".");
                // Drools compiles function f into class F (of the rule package): F.f(…) calls it too
                boolean throughItsClass = member && i > 1 && ts.get(i - 2).ident && !name.isEmpty()
                        && ts.get(i - 2).text.equals(Character.toUpperCase(name.charAt(0)) + name.substring(1));
                if (ts.get(i).ident && (!member || throughItsClass) && ts.get(i + 1).is("(") && functions.containsKey(name)) {
                    called.add(name);
                }
            }
            calls.put(fn.getName(), called);
        }
        for (FunctionDescr fn : functions.values()) {
            if (reaches(fn.getName(), fn.getName(), calls, new HashSet<>())) {
                out.add(new RuleProblem(file.get(fn.getName()), fn.getLine() > 0 ? fn.getLine() : null, fn.getColumn() >= 0 ? fn.getColumn() + 1 : null,
                        "function " + fn.getName() + " calls itself (directly or through other functions): recursion is not allowed "
                                + "in rule code, it can run without end; put such logic in methods of the fact model"));
            }
        }
    }

    private static boolean reaches(String from, String target, Map<String, Set<String>> calls, Set<String> seen) {
        for (String next : calls.getOrDefault(from, Set.of())) {
            if (next.equals(target)) return true;
            if (seen.add(next) && reaches(next, target, calls, seen)) return true;
        }
        return false;
    }

    /** Whether the accumulate whose "(" is at {@code at} has its own code: init( within its parentheses. */
    private static boolean customAccumulate(List<Token> ts, int at) {
        if (at >= ts.size() || !ts.get(at).is("(")) return false;
        int depth = 0;
        for (int k = at; k < ts.size(); k++) {
            Token x = ts.get(k);
            if (x.is("(")) depth++;
            else if (x.is(")") && --depth == 0) return false;
            else if (x.ident && depth == 1 && (x.text.equals("init") || x.text.equals("action") || x.text.equals("reverse"))
                    && k + 1 < ts.size() && ts.get(k + 1).is("(")) return true;
        }
        return false;
    }

    /** Whether the tokens from {@code at} assign (=, +=, -=, …, ++, --) to what precedes them; ==, <=, >= and != do not. */
    private static boolean assigns(List<Token> ts, int at) {
        if (at >= ts.size()) return false;
        Token a = ts.get(at), b = at + 1 < ts.size() ? ts.get(at + 1) : null;
        boolean bAdjacent = b != null && b.line == a.line && b.column == a.column + 1;
        if (a.is("=")) return !(bAdjacent && b.is("="));
        if ((a.is("+") || a.is("-")) && bAdjacent && b.is(a.text)) return true;
        return bAdjacent && b.is("=") && "+-*/%&|^".contains(a.text) && a.text.length() == 1;
    }

    /** The checks on one file's tokens. */
    private record FileCheck(String file, String text, Set<String> simpleNames, Set<String> wildcards, List<RuleProblem> out,
                             Set<String> declaredMembers) {

        void run() {
            List<Token> ts = new Tokenizer(text).tokens(this);
            collectImports(ts);
            // an import names a class or a function (import function …Say.day), not a member called in rule code: the tokens
            // of its dotted name, and no more (code after it on the same line is rule code like any other)
            Set<Integer> importNames = new HashSet<>();
            for (int k = 0; k < ts.size(); k++) {
                if (!ts.get(k).ident || !ts.get(k).text.equals("import") || (k > 0 && ts.get(k - 1).is("."))) continue;
                int j = k + 1;
                if (j < ts.size() && ts.get(j).ident && List.of("function", "static", "accumulate").contains(ts.get(j).text)) j++;
                while (j < ts.size() && ts.get(j).ident) {
                    importNames.add(j);
                    if (j + 2 < ts.size() && ts.get(j + 1).is(".") && ts.get(j + 2).ident) j += 2;
                    else break;
                }
            }
            for (int i = 0; i < ts.size(); i++) {
                Token t = ts.get(i);
                Token next = i + 1 < ts.size() ? ts.get(i + 1) : null;
                if (t.is("-") && next != null && next.is(">") && adjacent(t, next)) {
                    // a lambda makes a loop of any method that takes one (forEach, computeIfAbsent…): none in rule code
                    refuse(t, "lambdas (->) are not allowed in rule code: " + LOOP());
                } else if (t.is(":") && next != null && next.is(":") && adjacent(t, next)) {
                    refuse(t, "method references (::) are not allowed in rule code: " + LOOP());
                } else if (t.ident && t.text.equals("new") && createsArray(ts, i + 1)) {
                    refuse(t, "arrays are not allowed in rule code: one of any size can exhaust the service's memory; "
                            + "use a List, or a method of the fact model");
                } else if (t.ident && t.text.equals("new")) {
                    checkSized(ts, i);
                    checkBigDecimal(ts, i);
                    checkNew(ts, i);
                } else if (t.isString()) {
                    checkFormatWidths(t);
                } else if (t.is("~") && next != null && next.is("=") && adjacent(t, next)) {
                    refuse(t, "'~=' is not allowed: " + REGEX()); // MVEL's regular-expression match, as 'matches'
                } else if (t.ident && t.text.equals("accumulate") && customAccumulate(ts, i + 1)) {
                    // its code runs with the engine in scope (probe gate2: valueResolver.getRuleBase().removeRules(…))
                    refuse(t, "accumulate with its own code (init, action, reverse, result) is not allowed: use an accumulate "
                            + "function (count, sum, min, max, average, collectList)");
                } else if (t.is("]") && assigns(ts, i + 1)) {
                    // an array the fact model hands out is its own copy; writing one is never a rule's business (probe ops H2)
                    refuse(t, "writing into an array is not allowed in rule code: rules change facts through their named actions "
                            + "(methods of the fact model)");
                }
                if (!t.ident) continue;
                boolean member = i > 0 && (ts.get(i - 1).is(".") || (i > 1 && ts.get(i - 1).is(":") && ts.get(i - 2).is(":")));
                if (member) {
                    checkMember(t, importNames.contains(i));
                    checkFormatCall(ts, i);
                    checkScale(ts, i);
                    if (t.text.equals("copyOf") && i > 1 && ts.get(i - 2).ident && ts.get(i - 2).text.equals("Arrays")) {
                        refuse(t, "'copyOf' is not allowed: " + SIZE()); // List.copyOf copies what exists: allowed
                    }
                    continue;
                }
                if ((t.text.equals("delete") || t.text.equals("retract")) && next != null && next.is("(")) {
                    // deleting the asked plan made the answer APPROVED from another site, with no word of the asked one
                    refuse(t, "'" + t.text + "' is not allowed: a rule may not take facts out of the quote (a plan, a line, the "
                            + "rep's record: the answer would be given as if they had never been there); rules change plans "
                            + "through their named actions");
                    continue;
                }
                if (t.text.equals("enum") && !(i > 0 && ts.get(i - 1).ident && ts.get(i - 1).text.equals("declare"))) {
                    refuse(t, "'enum' is not allowed in rule code: " + LOCAL_CLASS() + " (a DRL 'declare enum' is fine)");
                    continue;
                }
                if (t.text.equals("record") && i + 2 < ts.size() && ts.get(i + 1).ident && (ts.get(i + 2).is("(") || ts.get(i + 2).is("<"))) {
                    refuse(t, "'record' is not allowed in rule code: " + LOCAL_CLASS() + " (use 'declare' for fact types)");
                    continue;
                }
                List<Token> chain = new ArrayList<>(List.of(t));
                int j = i + 1;
                while (j + 1 < ts.size() && ts.get(j).is(".") && ts.get(j + 1).ident) {
                    chain.add(ts.get(j + 1));
                    j += 2;
                }
                boolean wildcard = j + 1 < ts.size() && ts.get(j).is(".") && ts.get(j + 1).is("*");
                if (i > 0 && ts.get(i - 1).ident && ts.get(i - 1).text.equals("package") && chain.size() > 1) {
                    String pkg = String.join(".", chain.stream().map(x -> x.text).toList());
                    // in another package, that package's classes would be visible without an import
                    if (!ALLOWED_PACKAGES.contains(pkg)) refuse(t, "package " + pkg + " is not allowed: use a package name of one word, such as 'rules'");
                    i = j - 1;
                    continue;
                }
                int checked = checkChain(chain, wildcard);
                i += 2 * (checked - 1); // members after the checked part are visited one by one
            }
        }

        /**
         * The simple names this file's allowed imports bring in. Read from the tokens rather than the
         * parsed package, so a file with a syntax error elsewhere is still judged on what it imports.
         */
        private void collectImports(List<Token> ts) {
            for (int i = 0; i + 1 < ts.size(); i++) {
                if (!ts.get(i).ident || !ts.get(i).text.equals("import") || (i > 0 && ts.get(i - 1).is("."))) continue;
                int j = i + 1;
                if (ts.get(j).ident && (ts.get(j).text.equals("function") || ts.get(j).text.equals("accumulate"))) continue;
                List<String> segs = new ArrayList<>();
                segs.add(ts.get(j).text);
                while (j + 2 < ts.size() && ts.get(j + 1).is(".") && ts.get(j + 2).ident) {
                    segs.add(ts.get(j + 2).text);
                    j += 2;
                }
                boolean wildcard = j + 2 < ts.size() && ts.get(j + 1).is(".") && ts.get(j + 2).is("*");
                String joined = String.join(".", segs);
                if (wildcard && ALLOWED_PACKAGES.contains(joined)) wildcards.add(joined);
                else if (!wildcard && allowedQualified(segs.toArray(String[]::new))) simpleNames.add(segs.get(segs.size() - 1));
            }
        }

        /** Checks the head of a dotted name; returns how many of its segments it has dealt with. */
        private int checkChain(List<Token> chain, boolean wildcard) {
            Token head = chain.get(0);
            String name = head.text;
            if (DENIED_WORDS.containsKey(name)) {
                refuse(head, "'" + name + "' is not allowed: " + DENIED_WORDS.get(name));
                return chain.size();
            }
            if (name.equals("drools")) {
                if (chain.size() < 2 || !(chain.get(1).text.equals("getRule") || chain.get(1).text.equals("rule"))) {
                    refuse(head, "'drools' may only be used as drools.getRule(): " + ENGINE());
                    return chain.size();
                }
                return 2;
            }
            if (startsUpper(name)) {
                boolean allowed = simpleNames.contains(name) || ALLOWED_TYPES.contains("java.lang." + name)
                        || wildcards.stream().anyMatch(p -> classExists(p + "." + name) && !INTERNAL_TYPES.contains(p + "." + name));
                // a simple name the languages resolve on their own (java.lang, MVEL's built-ins) must be on the list;
                // any other unknown name cannot resolve at all, and the compiler reports it
                boolean implicit = DANGEROUS_TYPES.containsKey(name) || MVEL_BUILT_INS.contains(name)
                        || classExists("java.lang." + name) || classExists("java.util." + name);
                if (wildcards.stream().anyMatch(p -> INTERNAL_TYPES.contains(p + "." + name))) {
                    refuse(head, "type " + name + " is not allowed: it is the statistics' own working type, not a fact");
                    return chain.size();
                }
                if (!allowed && implicit) {
                    String why = DANGEROUS_TYPES.get(name);
                    refuse(head, "type " + name + " is not allowed" + (why != null ? ": " + why
                            : ": rules may only use the fact model and the allowed JDK types"));
                    return chain.size();
                }
                return 1;
            }
            if (chain.size() > 1 && !name.startsWith("$") && isQualified(chain)) {
                String[] segs = chain.stream().map(x -> x.text).toArray(String[]::new);
                int cls = 0;
                while (cls < segs.length && !startsUpper(segs[cls])) cls++;
                String joined = String.join(".", java.util.Arrays.copyOfRange(segs, 0, Math.min(cls + 1, segs.length)));
                if (wildcard ? !ALLOWED_PACKAGES.contains(joined) : !allowedQualified(segs)) {
                    String dangerous = java.util.Arrays.stream(segs).filter(DANGEROUS_TYPES::containsKey).findFirst().orElse(null);
                    refuse(head, "qualified name " + joined + (wildcard ? ".*" : "") + " is not allowed: "
                            + (dangerous != null ? dangerous + ": " + DANGEROUS_TYPES.get(dangerous)
                            : "rules may only use the fact model and the allowed JDK types"));
                    return chain.size();
                }
                return Math.min(cls + 1, segs.length);
            }
            return 1;
        }

        /** A dotted name starting with a lower-case word is a package path if it starts at a package root or reaches a class. */
        private static boolean isQualified(List<Token> chain) {
            if (PACKAGE_ROOTS.contains(chain.get(0).text)) return true;
            if (chain.stream().skip(1).anyMatch(x -> startsUpper(x.text))) return true;
            StringBuilder prefix = new StringBuilder(chain.get(0).text);
            for (int k = 1; k < chain.size(); k++) {
                prefix.append('.').append(chain.get(k).text);
                if (classExists(prefix.toString())) return true;
            }
            return false;
        }

        private static boolean classExists(String name) {
            try {
                Class.forName(name, false, RulePolicy.class.getClassLoader()); // no initialization: nothing of it runs
                return true;
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        }

        private static boolean adjacent(Token a, Token b) {
            return a.line == b.line && b.column == a.column + 1;
        }

        /**
         * {@code new Object() { long f(long n) { … f(n - 1) … } }}: an anonymous class body declares methods (which may call
         * themselves, as a loop without the word) and initializer blocks ({@code new HashMap() {{ put(…); }}}): code that is
         * no line of the rule. None in rule code. And the service makes the facts of a quote: a rule making plans, lines or
         * a record more would multiply the combinations other rules join ({@link RulePolicy#checkJoins}).
         */
        private void checkNew(List<Token> ts, int at) {
            Constructed c = constructed(ts, at);
            if (c == null) return;
            String type = c.type();
            if (SERVICE_FACTS.contains(type)) {
                refuse(ts.get(at), "'new " + type + "(…)' is not allowed: the service makes the facts of a quote (its plans, lines "
                        + "and the rep's record); more of them would multiply the combinations other rules match");
            }
            if (c.paren() < 0) return;
            int close = open(ts, c.paren());
            if (close + 1 < ts.size() && ts.get(close + 1).is("{")) {
                refuse(ts.get(close + 1), "an anonymous class body ('new " + type + "(…) { … }') is not allowed in rule code: "
                        + LOCAL_CLASS());
            }
        }

        /** What a {@code new} builds: its type's simple name, and the index of its argument list's '(' (-1: none follows). */
        private record Constructed(String type, int paren) {
        }

        /** The type after a {@code new} at {@code at} (dotted names and generics skipped); null when no name follows. */
        private static Constructed constructed(List<Token> ts, int at) {
            int k = at + 1;
            String type = null;
            while (k < ts.size() && ts.get(k).ident) {
                type = ts.get(k).text;
                if (k + 1 < ts.size() && ts.get(k + 1).is(".")) k += 2;
                else break;
            }
            if (type == null) return null;
            k++;
            int depth = 0;
            while (k < ts.size() && (depth > 0 || ts.get(k).is("<"))) { // generics: new HashMap<String, Integer>() { … }
                if (ts.get(k).is("<")) depth++;
                else if (ts.get(k).is(">")) depth--;
                k++;
            }
            return new Constructed(type, k < ts.size() && ts.get(k).is("(") ? k : -1);
        }

        /** The index of the parenthesis closing the one at {@code open} (the last token when it is never closed). */
        private static int open(List<Token> ts, int open) {
            int depth = 0;
            for (int k = open; k < ts.size(); k++) {
                if (ts.get(k).is("(")) depth++;
                else if (ts.get(k).is(")") && --depth == 0) return k;
            }
            return ts.size() - 1;
        }

        /** Whether the type after a {@code new} at {@code from} is followed by '[' (dotted names and generics skipped). */
        private static boolean createsArray(List<Token> ts, int from) {
            int k = from, depth = 0;
            while (k < ts.size()) {
                Token x = ts.get(k);
                if (x.is("<")) depth++;
                else if (x.is(">")) depth--;
                else if (depth == 0 && !x.ident && !x.is(".")) return x.is("[");
                k++;
            }
            return false;
        }

        /**
         * {@code new ArrayList(2147483000)}, {@code new StringBuilder(n)}: a constructor that reserves room takes no argument
         * but a string literal (the gate cannot tell a size from a collection: {@code List.copyOf(x)} copies one).
         */
        private void checkSized(List<Token> ts, int at) {
            Constructed c = constructed(ts, at);
            if (c == null || !SIZED_TYPES.contains(c.type()) || c.paren() < 0) return;
            String type = c.type();
            List<Token> args = arguments(ts, c.paren());
            boolean empty = args.isEmpty();
            boolean text = args.size() == 1 && args.get(0).isString();
            if (!empty && !text) {
                refuse(ts.get(at), "'new " + type + "(…)' with an argument is not allowed: a size argument can reserve more memory than "
                        + "the service has; use 'new " + type + "()' and add to it, or List.copyOf / Map.copyOf / Set.copyOf");
            }
        }

        /**
         * A BigDecimal's scale decides how many digits it may come to hold: {@code setScale(2000000000)},
         * {@code divide(x, 2000000000, HALF_UP)}, {@code valueOf(1, -999999999)} or {@code new BigDecimal("1e999999999")}
         * build a number of a billion digits (minutes, and all of the memory) as soon as it is printed or added to. So a
         * scale must be a whole-number literal of at most {@value RulePolicy#MAX_SCALE} written in the rule
         * ({@code setScale(2, RoundingMode.HALF_UP)}, {@code divide(x, 2, HALF_UP)}, {@code valueOf(125, 2)}), a number
         * written as text may not carry an exponent over it, and {@code toPlainString} / {@code toBigInteger} are not for rules.
         */
        private void checkScale(List<Token> ts, int at) {
            Token t = ts.get(at);
            String name = t.text;
            if (name.equals("toPlainString") || name.equals("toBigInteger") || name.equals("toBigIntegerExact")) {
                refuse(t, "'" + name + "' is not allowed: " + SIZE());
                return;
            }
            if (at + 1 >= ts.size() || !ts.get(at + 1).is("(")) return;
            List<List<Token>> args = split(arguments(ts, at + 1));
            List<Token> scale = switch (name) {
                case "setScale" -> args.isEmpty() ? List.of() : args.get(0);
                case "divide" -> args.size() == 3 ? args.get(1) : null; // (divisor, scale, rounding); the others take none
                case "valueOf" -> args.size() == 2 ? args.get(1) : null; // BigDecimal.valueOf(unscaled, scale)
                default -> null;
            };
            if (scale != null && !smallLiteral(scale)) {
                refuse(t, "'" + name + "' is not allowed but with a scale that is a whole number of at most " + MAX_SCALE
                        + " written in the rule (setScale(2, RoundingMode.HALF_UP)): a large scale builds a number that can "
                        + "exhaust the service's memory");
            }
        }

        /**
         * {@code new BigDecimal(…)}: no number written with an exponent over {@value RulePolicy#MAX_SCALE}
         * ({@code "1e999999999"}), and a second argument that is a {@code MathContext} or a scale as {@link #checkScale} says.
         */
        private void checkBigDecimal(List<Token> ts, int at) {
            int k = at + 1;
            while (k + 2 < ts.size() && ts.get(k).ident && ts.get(k + 1).is(".") && ts.get(k + 2).ident) k += 2; // java.math.
            if (k >= ts.size() || !ts.get(k).ident || !ts.get(k).text.equals("BigDecimal")) return;
            if (k + 1 >= ts.size() || !ts.get(k + 1).is("(")) return;
            List<List<Token>> args = split(arguments(ts, k + 1));
            boolean bad = false;
            for (List<Token> a : args) {
                for (Token x : a) {
                    java.util.regex.Matcher e = x.literal ? EXPONENT.matcher(x.text) : null;
                    if (e != null && e.find() && (e.group(1).length() > 3 || Integer.parseInt(e.group(1)) > MAX_SCALE)) bad = true;
                }
            }
            if (args.size() >= 2) {
                List<Token> second = args.get(1);
                boolean mathContext = second.stream().anyMatch(x -> x.ident && x.text.equals("MathContext"));
                if (!mathContext && !smallLiteral(second)) bad = true; // new BigDecimal(unscaled, 2000000000), or computed
            }
            if (bad) {
                refuse(ts.get(at), "'new BigDecimal(…)' is not allowed with an exponent or scale over " + MAX_SCALE
                        + " or a scale computed in the rule: it builds a number that can exhaust the service's memory");
            }
        }

        private static final java.util.regex.Pattern EXPONENT = java.util.regex.Pattern.compile("[eE][+-]?(\\d+)");

        private static boolean smallLiteral(List<Token> arg) {
            return arg.size() == 1 && arg.get(0).literal && arg.get(0).text.matches("\\d{1,3}") && Integer.parseInt(arg.get(0).text) <= MAX_SCALE;
        }

        /** The tokens between the parenthesis at {@code open} and its match. */
        private static List<Token> arguments(List<Token> ts, int open) {
            int depth = 0;
            for (int k = open; k < ts.size(); k++) {
                if (ts.get(k).is("(")) depth++;
                else if (ts.get(k).is(")") && --depth == 0) return ts.subList(open + 1, k);
            }
            return ts.subList(open + 1, ts.size());
        }

        /** A format width or precision in any string of rule code: "%0999999999d" builds a gigabyte string. */
        private void checkFormatWidths(Token t) {
            java.util.regex.Matcher m = FORMAT_SPEC.matcher(t.text);
            while (m.find()) {
                for (String n : new String[] {m.group(2), m.group(4)}) {
                    if (n != null && (n.length() > 3 || Integer.parseInt(n) > MAX_FORMAT_WIDTH)) {
                        refuse(t, "format '" + m.group() + "' is not allowed: a width or precision over " + MAX_FORMAT_WIDTH
                                + " can build a string that exhausts the service's memory");
                        return;
                    }
                }
            }
        }

        /**
         * String.format and formatted: the format must be a string literal, so its widths are checked above (one built at run
         * time could ask for any width). Other {@code format} calls (a date's, a DateTimeFormatter's) take no format string.
         */
        private void checkFormatCall(List<Token> ts, int at) {
            Token t = ts.get(at);
            Token receiver = at > 1 ? ts.get(at - 2) : null;
            if (t.text.equals("formatted")) {
                if (receiver == null || !receiver.isString()) refuse(t, "'formatted' is not allowed on anything but a string literal: " + FORMAT());
                return;
            }
            if (!t.text.equals("format") || receiver == null) return;
            boolean string = receiver.isString() || receiver.ident && receiver.text.equals("String");
            if (!string || at + 1 >= ts.size() || !ts.get(at + 1).is("(")) return;
            List<List<Token>> args = split(arguments(ts, at + 1));
            boolean literal = !args.isEmpty() && isLiteral(args.get(0)) || args.size() > 1 && isLiteral(args.get(1)); // (Locale, format, …)
            if (!literal) refuse(t, "String.format is not allowed with a format that is not a string literal: " + FORMAT());
        }

        private static boolean isLiteral(List<Token> arg) {
            return arg.size() == 1 && arg.get(0).isString();
        }

        /** Top-level arguments, split at their commas. */
        private static List<List<Token>> split(List<Token> args) {
            List<List<Token>> out = new ArrayList<>();
            if (args.isEmpty()) return out;
            int depth = 0, from = 0;
            for (int k = 0; k < args.size(); k++) {
                Token x = args.get(k);
                if (x.is("(") || x.is("[") || x.is("{")) depth++;
                else if (x.is(")") || x.is("]") || x.is("}")) depth--;
                else if (depth == 0 && x.is(",")) {
                    out.add(args.subList(from, k));
                    from = k + 1;
                }
            }
            out.add(args.subList(from, args.size()));
            return out;
        }

        private void checkMember(Token t, boolean inImport) {
            String name = t.text;
            String prop = name;
            for (String prefix : List.of("get", "set", "is")) {
                if (name.length() > prefix.length() && name.startsWith(prefix) && Character.isUpperCase(name.charAt(prefix.length()))) {
                    prop = Character.toLowerCase(name.charAt(prefix.length())) + name.substring(prefix.length() + 1);
                }
            }
            String why = DENIED_MEMBERS.containsKey(name) ? DENIED_MEMBERS.get(name) : DENIED_MEMBERS.get(prop);
            String lower = prop.toLowerCase();
            boolean classAccess = lower.equals("class") || lower.endsWith("class") || lower.contains("classloader")
                    || name.toLowerCase().endsWith("class"); // getClass, .class, getSuperclass, loadClass, getContextClassLoader
            if (why == null && (classAccess || prop.startsWith("declared"))) why = REFLECT();
            if (why != null) {
                refuse(t, "'" + name + "' is not allowed: " + why);
            } else if (!inImport && !KNOWN_MEMBERS.contains(name) && !declaredMembers.contains(name)) {
                refuse(t, "'" + name + "' is not a method or field rule code may use: rules call the fact model's methods and "
                        + "those of the allowed JDK types (String, numbers, java.time, java.math, the collections)"
                        + (BUILDERS.contains(name) ? "; this one builds an estimate of any size from its argument" : ""));
            }
        }

        void refuse(Token t, String message) {
            out.add(new RuleProblem(file, t.line, t.column, message));
        }
    }

    /** An identifier, a punctuation character, or ({@code literal}) a string or number whose text is kept for the size checks. */
    private record Token(String text, boolean ident, int line, int column, boolean literal) {
        Token(String text, boolean ident, int line, int column) {
            this(text, ident, line, column, false);
        }

        boolean is(String s) {
            return !ident && !literal && text.equals(s);
        }

        boolean isString() {
            return literal && !text.isEmpty() && !Character.isDigit(text.charAt(0));
        }
    }

    /** Java/MVEL/DRL tokens: identifiers, single punctuation characters, literals (strings keep their quote); comments skipped. */
    private static final class Tokenizer {
        private final String s;
        private int pos;
        private int line = 1;
        private int lineStart;

        Tokenizer(String s) {
            this.s = s;
        }

        List<Token> tokens(FileCheck report) {
            List<Token> out = new ArrayList<>();
            if (report != null) refuseUnicodeEscapes(report);
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == '\n') {
                    pos++;
                    line++;
                    lineStart = pos;
                } else if (Character.isWhitespace(c)) {
                    pos++;
                } else if (s.startsWith("//", pos)) {
                    // Java ends a line comment at a bare \r too: what follows it is code, and is read as such (probe gate2)
                    while (pos < s.length() && s.charAt(pos) != '\n' && s.charAt(pos) != '\r') pos++;
                } else if (s.startsWith("/*", pos)) {
                    int end = s.indexOf("*/", pos + 2);
                    int stop = end < 0 ? s.length() : end + 2;
                    while (pos < stop) advance();
                } else if (c == '"' || c == '\'') {
                    int start = pos;
                    pos++;
                    // a string ends at its quote or, unterminated, at the line's end (so nothing hides in it)
                    while (pos < s.length() && s.charAt(pos) != c && s.charAt(pos) != '\n') {
                        if (s.charAt(pos) == '\\' && pos + 1 < s.length() && s.charAt(pos + 1) != '\n') pos++;
                        pos++;
                    }
                    boolean closed = pos < s.length() && s.charAt(pos) == c;
                    if (closed) pos++;
                    Token t = new Token(s.substring(start, pos), false, line, start - lineStart + 1, true);
                    // Java's text blocks (""""") and strings across lines would end where this reading does not: code after
                    // them would pass unread (probe ops H1). A string in a rule file ends on its own line.
                    if (!closed && report != null) {
                        report.refuse(t, "a string must end on the line it starts on: text blocks (\"\"\"…\"\"\") and strings "
                                + "across lines are not allowed in rule files; write one-line strings");
                    }
                    out.add(t);
                } else if (Character.isDigit(c)) {
                    int start = pos;
                    while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_' || s.charAt(pos) == '.')) pos++;
                    out.add(new Token(s.substring(start, pos), false, line, start - lineStart + 1, true));
                } else if (Character.isJavaIdentifierStart(c)) {
                    int start = pos;
                    while (pos < s.length() && Character.isJavaIdentifierPart(s.charAt(pos))) pos++;
                    out.add(new Token(s.substring(start, pos), true, line, start - lineStart + 1));
                } else {
                    out.add(new Token(String.valueOf(c), false, line, pos - lineStart + 1));
                    pos++;
                }
            }
            return out;
        }

        /** Java reads \\uXXXX before anything else, even in strings and comments: \\u0053ystem is System. */
        private void refuseUnicodeEscapes(FileCheck report) {
            int ln = 1;
            int start = 0;
            for (int k = 0; k + 1 < s.length(); k++) {
                if (s.charAt(k) == '\n') {
                    ln++;
                    start = k + 1;
                } else if (s.charAt(k) == '\\' && s.charAt(k + 1) == 'u') {
                    report.refuse(new Token("\\u", false, ln, k - start + 1),
                            "unicode escapes (\\uXXXX) are not allowed in rule files: write the character itself");
                }
            }
        }

        private void advance() {
            if (s.charAt(pos) == '\n') {
                line++;
                lineStart = pos + 1;
            }
            pos++;
        }
    }
}
