package com.promisevalidator.validation.wording;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.promisevalidator.common.PromiseConfig;
import com.promisevalidator.rules.model.RuleFile;
import com.promisevalidator.rules.model.RuleSet;
import com.promisevalidator.rules.service.MessagesCheck;
import com.promisevalidator.rules.service.RuleBaseHolder;

import io.quarkus.scheduler.Scheduled;

/**
 * The one writer of answer sentences: templates from {@code messages.properties} (English) and
 * {@code messages_<language>.properties} of the active rule set, taken when a set is activated (the files are checked
 * with the rest of the set, so a refused set never changes the wording); outside the service, from a directory, re-read
 * when they change. A missing file falls back to the built-in English, key by key for a missing template; a broken one
 * (only possible outside the service) is set aside and logged ({@link #problems()}).
 */
@Singleton
public class ReasonWriter {

    private static final Logger LOG = Logger.getLogger(ReasonWriter.class);
    static final String BUILT_IN = "/wording/messages.properties";

    /** The loaded languages, English first. */
    public record Loaded(Map<String, Messages> byLanguage, String fingerprint, List<String> problems,
                         java.util.concurrent.ConcurrentHashMap<String, Wording> wordings) {
        Loaded(Map<String, Messages> byLanguage, String fingerprint, List<String> problems) {
            this(byLanguage, fingerprint, problems, new java.util.concurrent.ConcurrentHashMap<>());
        }
    }

    private final Path dir;
    private final Messages builtIn;
    private final AtomicReference<Loaded> loaded = new AtomicReference<>();
    /** Whether the wording follows the active rule set (in the service) rather than polling the directory. */
    private final boolean followsRules;

    @jakarta.inject.Inject
    public ReasonWriter(PromiseConfig config, RuleBaseHolder rules) {
        this.dir = Path.of(config.rulesDir());
        this.builtIn = builtIn();
        this.followsRules = true;
        RuleSet active = rules.activeOrNull();
        if (active != null) take(active);
        else loaded.set(read(disk(list()), fingerprint(list()))); // until the first set is active (start-up)
        rules.onActivate(this::take);
    }

    public ReasonWriter(Path rulesDir) {
        this.dir = rulesDir;
        this.builtIn = builtIn();
        this.followsRules = false;
        refresh();
    }

    /** The messages files of a rule set just activated (they passed its check). */
    private void take(RuleSet set) {
        Map<String, String> texts = new java.util.TreeMap<>();
        for (RuleFile f : set.files()) if (f.name().matches(MessagesCheck.NAME)) texts.put(f.name(), f.content() == null ? "" : f.content());
        loaded.set(read(texts, "set:" + set.version()));
    }

    private static Messages builtIn() {
        try (InputStream in = ReasonWriter.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) throw new IllegalStateException("the built-in wording " + BUILT_IN + " is missing from the build");
            return Messages.read(Locale.ENGLISH, new String(in.readAllBytes(), StandardCharsets.UTF_8), null);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the built-in wording", e);
        }
    }

    /**
     * The languages of an Accept-Language header, most wanted first ("pt-BR,pt;q=0.9,en;q=0.8"); empty
     * when absent or unreadable (a bad header never fails a quote: the answer is in English).
     */
    public static List<Locale> languages(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank() || acceptLanguage.length() > 200) return List.of();
        try {
            List<Locale> out = new ArrayList<>();
            for (Locale.LanguageRange r : Locale.LanguageRange.parse(acceptLanguage)) {
                if (r.getWeight() > 0 && !r.getRange().equals("*")) out.add(Locale.forLanguageTag(r.getRange()));
            }
            return out;
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    /** Wording in the first of the {@code wanted} languages there is a file for, else English. */
    public Wording wording(List<Locale> wanted, LocalDate today) {
        Loaded l = loaded.get();
        Messages m = messages(l, wanted);
        // formatters are built once per language and year, not per answer
        return l.wordings().computeIfAbsent(m.locale().toLanguageTag() + "/" + today.getYear(),
                k -> new Wording(m, LocalDate.of(today.getYear(), 1, 1)));
    }

    public Wording english(LocalDate today) {
        return wording(List.of(), today);
    }

    private static Messages messages(Loaded l, List<Locale> wanted) {
        Map<String, Messages> by = l.byLanguage();
        if (wanted != null) {
            for (Locale w : wanted) {
                Messages m = by.get(w.getLanguage());
                if (m != null) return m;
            }
        }
        return by.get("en");
    }

    /** What was wrong with the messages files at the last read (empty: all fine). */
    public List<String> problems() {
        return loaded.get().problems();
    }

    /** Re-reads the messages files if any changed (name, size, modification time). */
    @Scheduled(every = "${promise.rules-poll-interval:5s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void refresh() {
        if (followsRules) return; // taken from each activated rule set instead
        List<Path> files = list();
        String fingerprint = fingerprint(files);
        Loaded current = loaded.get();
        if (current != null && current.fingerprint().equals(fingerprint)) return;
        loaded.set(read(disk(files), fingerprint));
    }

    /** The files' texts by name; an unreadable one maps to null (set aside when read). */
    private static Map<String, String> disk(List<Path> files) {
        Map<String, String> texts = new java.util.TreeMap<>();
        for (Path f : files) {
            try {
                texts.put(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8));
            } catch (IOException e) {
                texts.put(f.getFileName().toString(), null);
            }
        }
        return texts;
    }

    private Loaded read(Map<String, String> files, String fingerprint) {
        List<String> problems = new ArrayList<>();
        Messages english = builtIn;
        if (files.containsKey("messages.properties")) {
            try {
                String text = files.get("messages.properties");
                if (text == null) throw new IllegalArgumentException("not readable as UTF-8");
                english = Messages.read(Locale.ENGLISH, text, builtIn);
            } catch (IllegalArgumentException e) {
                problems.add("messages.properties: " + e.getMessage() + " (the built-in English is used)");
            }
        }
        Map<String, Messages> by = new LinkedHashMap<>();
        by.put("en", english);
        for (var f : files.entrySet()) {
            String name = f.getKey();
            if (name.equals("messages.properties")) continue;
            String lang = name.substring("messages_".length(), name.length() - ".properties".length());
            try {
                if (f.getValue() == null) throw new IllegalArgumentException("not readable as UTF-8");
                Locale locale = Locale.forLanguageTag(lang.replace('_', '-'));
                by.put(locale.getLanguage(), Messages.read(locale, f.getValue(), english));
            } catch (IllegalArgumentException e) {
                problems.add(name + ": " + e.getMessage() + " (answers in this language use English)");
            }
        }
        for (String p : problems) LOG.warnf("wording: %s", p);
        if (problems.isEmpty()) LOG.debugf("wording loaded: %s", by.keySet());
        return new Loaded(Map.copyOf(by), fingerprint, List.copyOf(problems));
    }

    private List<Path> list() {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches(MessagesCheck.NAME))
                    .sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String fingerprint(List<Path> files) {
        StringBuilder sb = new StringBuilder();
        for (Path p : files) {
            try {
                sb.append(p.getFileName()).append(':').append(Files.size(p)).append(':').append(Files.getLastModifiedTime(p).toMillis()).append(';');
            } catch (IOException e) {
                sb.append(p.getFileName()).append(":?;");
            }
        }
        return sb.toString();
    }
}
