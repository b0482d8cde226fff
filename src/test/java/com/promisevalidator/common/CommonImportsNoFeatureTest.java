package com.promisevalidator.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** Arrows point one way: every feature may use {@code common}, so {@code common} uses no feature (only the datasource layer). */
class CommonImportsNoFeatureTest {

    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?com\\.promisevalidator\\.([a-z]+)\\.", Pattern.MULTILINE);

    @Test
    void commonImportsOnlyItselfAndTheDatasourceLayer() throws IOException {
        List<String> found = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(Path.of("src/main/java/com/promisevalidator/common"))) {
            files = s.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertFalse(files.isEmpty());
        for (Path f : files) {
            Matcher m = IMPORT.matcher(Files.readString(f));
            while (m.find()) {
                if (!m.group(1).equals("common") && !m.group(1).equals("db")) found.add(f.getFileName() + " imports " + m.group(1));
            }
        }
        assertEquals(List.of(), found);
    }
}
