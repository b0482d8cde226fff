package com.promisevalidator.rules.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The syntax of a template in a rule set's messages files ("{source} took up to {days,plural,day,days}"): literal text
 * and placeholders with an optional format. The rules feature checks the files with it, the wording writes with it.
 */
public final class MessageTemplate {

    private MessageTemplate() {
    }

    /** Literal text (name null) or a placeholder. */
    public record Part(String text, String name, String format, String one, String other) {
    }

    public static final List<String> FORMATS = List.of("", "number", "pct", "chance", "day", "time", "plural", "minutes");

    /** The parts of a template; throws IllegalArgumentException saying what is wrong with it. */
    public static List<Part> parse(String t) {
        List<Part> parts = new ArrayList<>();
        int i = 0;
        while (i < t.length()) {
            int open = t.indexOf('{', i);
            int close = t.indexOf('}', i);
            if (close >= 0 && (open < 0 || close < open)) throw new IllegalArgumentException("a '}' without its '{'");
            if (open < 0) {
                parts.add(new Part(t.substring(i), null, null, null, null));
                break;
            }
            if (open > i) parts.add(new Part(t.substring(i, open), null, null, null, null));
            close = t.indexOf('}', open);
            if (close < 0) throw new IllegalArgumentException("a '{' without its '}'");
            String[] bits = t.substring(open + 1, close).split(",", -1);
            String name = bits[0].strip();
            if (name.isEmpty() || !name.chars().allMatch(Character::isLetterOrDigit)) {
                throw new IllegalArgumentException("'{" + t.substring(open + 1, close) + "}': a placeholder starts with a name of letters and digits");
            }
            String format = bits.length > 1 ? bits[1].strip() : "";
            if (!FORMATS.contains(format)) {
                throw new IllegalArgumentException("'{" + t.substring(open + 1, close) + "}': unknown format '" + format
                        + "' (use number, pct, chance, day, time, plural or minutes)");
            }
            boolean plural = format.equals("plural");
            if (plural != (bits.length == 4) || !plural && bits.length > 2) {
                throw new IllegalArgumentException("'{" + t.substring(open + 1, close) + "}': "
                        + (plural ? "plural needs the singular and the plural noun, e.g. {n,plural,order,orders}" : "too many parts"));
            }
            parts.add(new Part(null, name, format, plural ? bits[2].strip() : null, plural ? bits[3].strip() : null));
            i = close + 1;
        }
        return parts;
    }
}
