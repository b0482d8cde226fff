package com.promisevalidator.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** A local rules directory as the API takes it: {"name","content"} for each rule-set file, sorted by name. */
final class RuleFiles {

    /** The files a rule set is made of (the service's own RuleFile.NAME_PATTERN): rules, parameters, wording. */
    private static final String NAME = "[A-Za-z0-9][A-Za-z0-9_.\\-]*\\.(drl|yaml|properties)";

    static List<Map<String, String>> read(Path dir) {
        if (!Files.isDirectory(dir)) throw new CliFailure(CliFailure.BAD_FILE, dir + " is not a directory of rule files");
        List<Map<String, String>> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                String name = p.getFileName().toString();
                if (Files.isRegularFile(p) && name.matches(NAME)) files.add(file(name, p));
            }
            Path tests = dir.resolve("tests");
            if (Files.isDirectory(tests)) {
                try (Stream<Path> t = Files.list(tests)) {
                    for (Path p : t.sorted().toList()) {
                        String name = p.getFileName().toString();
                        if (Files.isRegularFile(p) && name.matches(NAME) && name.endsWith(".yaml")) files.add(file("tests/" + name, p));
                    }
                }
            }
        } catch (IOException e) {
            throw CliFailure.unreadable(dir, e);
        }
        if (files.isEmpty()) throw new CliFailure(CliFailure.BAD_FILE, dir + " holds no rule files (*.drl, parameters.yaml, messages*.properties)");
        return files;
    }

    static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw CliFailure.unreadable(file, e);
        }
    }

    private static Map<String, String> file(String name, Path p) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("name", name);
        f.put("content", text(p));
        return f;
    }

    private RuleFiles() {
    }
}
