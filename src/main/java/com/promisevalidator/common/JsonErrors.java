package com.promisevalidator.common;

import java.util.Collection;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/** Turns a JSON reading failure into one field error: the JSON path of the bad value (or "body") and what is wrong. */
public final class JsonErrors {

    private JsonErrors() {
    }

    public static FieldError fieldError(JsonProcessingException e) {
        Throwable root = e;
        while (root.getCause() instanceof JsonProcessingException j && root.getCause() != root) root = j;
        String field = e instanceof JsonMappingException m ? path(m) : "";
        String message;
        if (root instanceof StreamConstraintsException c) {
            field = ""; // about the document as a whole
            // Jackson's sentence names its own Java settings: say which limit in JSON words
            String what = String.valueOf(c.getOriginalMessage()).toLowerCase(java.util.Locale.ROOT);
            message = what.contains("nesting") ? "the document's nesting is too deep (at most " + Limits.JSON_MAX_DEPTH + " levels)"
                    : what.contains("string") ? "a string is too long (at most " + Limits.JSON_MAX_STRING + " characters)"
                    : what.contains("number") ? "a number is too long (at most " + Limits.JSON_MAX_NUMBER_DIGITS + " digits)"
                    : "the document is too large";
        } else if (root instanceof InputCoercionException c) {
            message = "number out of range for " + simpleType(c.getTargetType());
        } else if (root instanceof JsonParseException || String.valueOf(e.getOriginalMessage()).contains("end-of-input")) {
            // a syntax error (truncated or invalid JSON) is about the whole body, wherever the parser stopped
            field = "";
            message = "malformed JSON: " + readable(e.getOriginalMessage()) + where(e);
        } else if (e instanceof UnrecognizedPropertyException u) {
            message = "unknown field '" + u.getPropertyName() + "'";
        } else if (e instanceof InvalidFormatException f) {
            message = "'" + shorten(String.valueOf(f.getValue())) + "' is not a valid " + simpleType(f.getTargetType());
        } else if (e instanceof JsonMappingException m && m.getCause() instanceof IllegalArgumentException iae && iae.getMessage() != null) {
            message = readable(iae.getMessage());
        } else if (e instanceof MismatchedInputException m && m.getTargetType() != null && !field.isEmpty()) {
            message = "must be a " + simpleType(m.getTargetType());
        } else if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            message = "the body must be a JSON " + (Collection.class.isAssignableFrom(m.getTargetType()) ? "array" : "object");
        } else {
            message = field.isEmpty() ? "malformed JSON: " + readable(e.getOriginalMessage()) : "is not a valid value here: " + readable(e.getOriginalMessage());
        }
        return new FieldError(field.isEmpty() ? "body" : field, shorten(message));
    }

    /**
     * Jackson's own sentences name Java types ({@code `java.lang.Integer`}, {@code `com.promisevalidator...Line`}) and
     * mention Jackson features: callers know JSON, so such parts become JSON words.
     */
    static String readable(String message) {
        if (message == null) return "not valid";
        String m = message;
        int cut = m.indexOf("\n at [Source");
        if (cut >= 0) m = m.substring(0, cut);
        // where an unclosed object began, in Jackson's own notation ("[Source: REDACTED (…); line: 1, column: 1]")
        m = m.replaceAll("\\s*\\(start marker at \\[Source:[^\\]]*?line: (\\d+), column: (\\d+)\\]\\)", ", opened at line $1, column $2");
        java.util.regex.Matcher t = java.util.regex.Pattern.compile("`([^`]*)`").matcher(m);
        StringBuilder sb = new StringBuilder();
        while (t.find()) t.appendReplacement(sb, java.util.regex.Matcher.quoteReplacement(jsonWord(t.group(1))));
        t.appendTail(sb);
        m = sb.toString().replaceAll("\\s*\\((?:through reference chain|for Object starting at|[^)]*DeserializationFeature|[^)]*MapperFeature|[^)]*JsonReadFeature|[^)]*Feature '[A-Z_]+')[^)]*\\)", "");
        // advice to switch a parser feature on is for Jackson's users, not for a caller of the API ("…: enable X to allow")
        m = m.replaceAll("[:;,]?\\s*enable [^:;]*? to allow\\b.*$", "");
        // the parser's token names, as JSON says them
        m = m.replace("VALUE_STRING", "a string").replace("VALUE_NUMBER_INT", "a whole number").replace("VALUE_NUMBER_FLOAT", "a number")
                .replace("VALUE_TRUE", "true").replace("VALUE_FALSE", "false").replace("VALUE_NULL", "null")
                .replace("START_OBJECT", "an object").replace("END_OBJECT", "the end of an object").replace("START_ARRAY", "a list")
                .replace("END_ARRAY", "the end of a list").replace("FIELD_NAME", "a field name");
        // anything still shaped like a Java name (package.Class) is dropped rather than shown
        m = m.replaceAll("\\b(?:java|javax|jakarta|com|org|io)\\.[A-Za-z0-9_.$]+", "value");
        return m.trim();
    }

    /** Where the parser stopped, for a syntax error: " at line 1, column 20" (nothing when it does not say). */
    static String where(JsonProcessingException e) {
        com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
        return at == null || at.getLineNr() <= 0 ? "" : " (at line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    /** A Java type named by Jackson, said as the JSON it is read from. */
    private static String jsonWord(String javaType) {
        String t = javaType.replaceAll("<.*", "");
        if (t.endsWith("[]") || t.endsWith("List") || t.endsWith("Set") || t.endsWith("Collection")) return "list";
        if (t.endsWith("Map")) return "JSON object";
        String simple = t.substring(t.lastIndexOf('.') + 1).replaceAll(".*\\$", "");
        return switch (simple) {
            case "String" -> "string";
            case "Integer", "int", "Long", "long", "Short", "short" -> "whole number";
            case "Double", "double", "Float", "float", "BigDecimal", "Number" -> "number";
            case "Boolean", "boolean" -> "boolean";
            case "LocalDate" -> "date (YYYY-MM-DD)";
            case "OffsetDateTime", "Instant", "ZonedDateTime" -> "timestamp (ISO-8601 with offset)";
            case "LocalTime" -> "time (HH:MM)";
            default -> "JSON object";
        };
    }

    static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) sb.append('.');
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return shorten(sb.toString());
    }

    /** An echoed value stays readable: a 1 MB string is not repeated back in full. */
    static String shorten(String s) {
        return s == null || s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }

    static String simpleType(Class<?> type) {
        if (type == null) return "value";
        if (type.isEnum()) {
            StringBuilder sb = new StringBuilder("value (one of");
            for (Object c : type.getEnumConstants()) sb.append(' ').append(c);
            return sb.append(')').toString();
        }
        return switch (type.getSimpleName()) {
            case "LocalDate" -> "date (YYYY-MM-DD)";
            case "OffsetDateTime", "Instant" -> "timestamp (ISO-8601 with offset)";
            case "LocalTime" -> "time (HH:MM)";
            case "Integer", "int", "Long", "long" -> "whole number";
            case "Double", "double", "BigDecimal" -> "number";
            case "String" -> "string";
            case "Boolean", "boolean" -> "boolean";
            default -> Collection.class.isAssignableFrom(type) || type.isArray() ? "list" : "JSON object"; // never a Java class name
        };
    }
}
