package com.promisevalidator.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Arrows point one way between features: when one feature needs another's work the other way round, it asks through an
 * interface of its own that the other implements (as {@code rules.service.ScenarioGate} does for scenarios), so no two
 * feature packages import each other.
 */
class FeatureArrowsTest {

    private static final Path ROOT = Path.of("src/main/java/com/promisevalidator");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?com\\.promisevalidator\\.([a-z]+)\\.", Pattern.MULTILINE);

    @Test
    void noTwoFeaturesImportEachOther() throws IOException {
        Map<String, Set<String>> uses = featureImports();
        assertTrue(uses.size() > 10, "features found: " + uses.keySet());
        List<String> both = new ArrayList<>();
        uses.forEach((a, targets) -> targets.stream()
                .filter(b -> a.compareTo(b) < 0 && uses.getOrDefault(b, Set.of()).contains(a))
                .forEach(b -> both.add(a + " <-> " + b)));
        assertEquals(List.of(), both);
    }

    /** Each top-level package under the root, with the other top-level packages its sources import. */
    private static Map<String, Set<String>> featureImports() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(ROOT)) {
            files = s.filter(p -> p.toString().endsWith(".java") && p.getNameCount() > ROOT.getNameCount() + 1).toList();
        }
        for (Path f : files) {
            String feature = f.getName(ROOT.getNameCount()).toString();
            Set<String> targets = uses.computeIfAbsent(feature, k -> new TreeSet<>());
            Matcher m = IMPORT.matcher(Files.readString(f));
            while (m.find()) {
                if (!m.group(1).equals(feature)) targets.add(m.group(1));
            }
        }
        return uses;
    }
}
