package com.promisevalidator.bench;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import com.promisevalidator.common.PromiseConfig;
import com.promisevalidator.rules.model.RuleFile;
import com.promisevalidator.rules.service.RuleBaseHolder;
import com.promisevalidator.rules.service.RuleCompiler;
import com.promisevalidator.rules.service.ScenarioGate;
import com.promisevalidator.scenario.service.ScenarioGateRunner;
import com.promisevalidator.scenario.service.ScenarioRunner;

/**
 * Reload figures for docs/benchmarks.md (issue 8's reload bar), outside Quarkus, as the poll reloads:
 * <ol>
 * <li>reload of the shipped rules directory (read, policy gate, compile, run its scenario tests), each time with a
 *     fresh compiler (no build reused): must stay under 2 s;</li>
 * <li>heap after GC before and after N reloads alternating two valid versions (target-confidence 0.90 / 0.91 in
 *     parameters.yaml), and after M reloads that each change a DRL file (a new KieBase every time): within 10 %.</li>
 * </ol>
 * Run with src/bench/reload-bench.sh [reloads] [drlReloads]. Not a test: it times and prints.
 */
public final class ReloadBenchmark {

    public static void main(String[] args) throws Exception {
        int reloads = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int drlReloads = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Path dir = copyOfShippedRules();
        ScenarioRunner runner = new ScenarioRunner();
        ScenarioGate gate = new ScenarioGateRunner(runner);

        // 1. the shipped set, compiled from scratch each time
        List<Long> ms = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            RuleBaseHolder fresh = new RuleBaseHolder(new RuleCompiler(), config(dir), gate);
            long t0 = System.nanoTime();
            boolean ok = fresh.reloadFromDisk().ok();
            ms.add((System.nanoTime() - t0) / 1_000_000);
            if (!ok || !fresh.activeReport().ok()) throw new IllegalStateException("shipped set refused: " + fresh.lastError());
        }
        int scenarios = new RuleBaseHolder(new RuleCompiler(), config(dir), gate).runScenarios(
                new RuleCompiler().compile(filesOf(dir)).ruleSet(), RuleBaseHolder.readScenarios(dir)).run();
        System.out.printf("shipped-set reload (read + gate + compile + %d scenarios), fresh compiler each: first %d ms (cold JVM), then %s ms; max after the first %d ms%n",
                scenarios, ms.get(0), ms.subList(1, ms.size()), ms.subList(1, ms.size()).stream().max(Comparator.naturalOrder()).orElseThrow());

        // 2. heap across reloads of one holder, as the service keeps it
        RuleBaseHolder holder = new RuleBaseHolder(new RuleCompiler(), config(dir), gate);
        Path params = dir.resolve("parameters.yaml");
        String shipped = Files.readString(params, StandardCharsets.UTF_8);
        String other = shipped.replace("target-confidence: 0.90", "target-confidence: 0.91");
        if (other.equals(shipped)) throw new IllegalStateException("parameters.yaml has no 'target-confidence: 0.90' line");
        for (int i = 0; i < 20; i++) reload(holder, params, i % 2 == 0 ? other : shipped); // warm-up
        long before = heapAfterGc();
        long t0 = System.nanoTime();
        for (int i = 0; i < reloads; i++) reload(holder, params, i % 2 == 0 ? other : shipped);
        long perReload = (System.nanoTime() - t0) / 1_000_000 / Math.max(1, reloads);
        long after = heapAfterGc();
        System.out.printf("%d reloads alternating target-confidence 0.90/0.91 (~%d ms each): heap after GC %.1f MB -> %.1f MB (%+.1f %%)%n",
                reloads, perReload, before / 1e6, after / 1e6, 100.0 * (after - before) / before);

        Path drl = dir.resolve("calendar.drl");
        String calendar = Files.readString(drl, StandardCharsets.UTF_8);
        t0 = System.nanoTime();
        for (int i = 0; i < drlReloads; i++) reload(holder, drl, calendar + "\n// edit " + i + "\n");
        long perDrl = (System.nanoTime() - t0) / 1_000_000 / Math.max(1, drlReloads);
        Files.writeString(drl, calendar, StandardCharsets.UTF_8);
        reload(holder, drl, calendar);
        long afterDrl = heapAfterGc();
        System.out.printf("%d reloads each changing a DRL file (a new KieBase each, ~%d ms each): heap after GC %.1f MB -> %.1f MB (%+.1f %%)%n",
                drlReloads, perDrl, before / 1e6, afterDrl / 1e6, 100.0 * (afterDrl - before) / before);
    }

    private static void reload(RuleBaseHolder holder, Path file, String content) throws Exception {
        Files.writeString(file, content, StandardCharsets.UTF_8);
        if (!holder.reloadFromDisk().ok()) throw new IllegalStateException("reload refused: " + holder.lastError());
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static Path copyOfShippedRules() throws Exception {
        Path dir = Files.createTempDirectory("reload-bench");
        Files.createDirectory(dir.resolve("tests"));
        try (Stream<Path> s = Files.walk(Path.of("rules"))) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                Files.copy(p, dir.resolve(Path.of("rules").relativize(p).toString()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return dir;
    }

    private static List<RuleFile> filesOf(Path dir) throws Exception {
        List<RuleFile> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> RuleFile.belongs(p.getFileName().toString())).sorted().toList()) {
                out.add(new RuleFile(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8)));
            }
        }
        return out;
    }

    private static PromiseConfig config(Path dir) {
        return (PromiseConfig) Proxy.newProxyInstance(PromiseConfig.class.getClassLoader(), new Class<?>[] {PromiseConfig.class},
                (proxy, method, a) -> {
                    if (method.getName().equals("rulesDir")) return dir.toString();
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
