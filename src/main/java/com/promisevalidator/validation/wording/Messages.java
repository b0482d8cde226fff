package com.promisevalidator.validation.wording;

import java.io.IOException;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The templates of one language: its own file's entries over the fallback's (the English file, then
 * the built-in English), so a file need only hold what it words differently.
 */
public final class Messages {

    private final Locale locale;
    private final Map<String, String> templates;
    private final Messages fallback;
    /** Templates parsed once (they were all checked when the file was read). */
    private final Map<String, java.util.List<com.promisevalidator.rules.model.MessageTemplate.Part>> parsed = new java.util.concurrent.ConcurrentHashMap<>();

    Messages(Locale locale, Map<String, String> templates, Messages fallback) {
        this.locale = locale;
        this.templates = Map.copyOf(templates);
        this.fallback = fallback;
    }

    public Locale locale() {
        return locale;
    }

    public String templateOrNull(String key) {
        String t = templates.get(key);
        return t != null ? t : fallback == null ? null : fallback.templateOrNull(key);
    }

    /** Whether this language's own file has {@code key} (not through its fallback). */
    boolean hasOwn(String key) {
        return templates.containsKey(key);
    }

    java.util.List<com.promisevalidator.rules.model.MessageTemplate.Part> parts(String template) {
        return parsed.computeIfAbsent(template, Wording::parse);
    }

    /** A template that must exist (the date formats). */
    String template(String key) {
        String t = templateOrNull(key);
        if (t == null) throw new IllegalStateException("no template " + key);
        return t;
    }

    /**
     * Reads a messages file (UTF-8 properties text) and checks every template and date format;
     * throws IllegalArgumentException naming the key and what is wrong.
     */
    static Messages read(Locale locale, String text, Messages fallback) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a properties file: " + e.getMessage());
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (String k : p.stringPropertyNames()) {
            String v = p.getProperty(k);
            try {
                if (k.startsWith("format.")) java.time.format.DateTimeFormatter.ofPattern(v, locale);
                else Wording.parse(v);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(k + ": " + e.getMessage());
            }
            m.put(k, v);
        }
        return new Messages(locale, m, fallback);
    }
}
