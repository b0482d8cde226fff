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
            message = "the document is too large or too deeply nested: " + c.getOriginalMessage();
        } else if (root instanceof InputCoercionException c) {
            message = "number out of range for " + simpleType(c.getTargetType());
        } else if (root instanceof JsonParseException || String.valueOf(e.getOriginalMessage()).contains("end-of-input")) {
            // a syntax error (truncated or invalid JSON) is about the whole body, wherever the parser stopped
            field = "";
            message = "malformed JSON: " + e.getOriginalMessage();
        } else if (e instanceof UnrecognizedPropertyException u) {
            message = "unknown field '" + u.getPropertyName() + "'";
        } else if (e instanceof InvalidFormatException f) {
            message = "'" + shorten(String.valueOf(f.getValue())) + "' is not a valid " + simpleType(f.getTargetType());
        } else if (e instanceof JsonMappingException m && m.getCause() instanceof IllegalArgumentException iae && iae.getMessage() != null) {
            message = iae.getMessage();
        } else if (e instanceof MismatchedInputException m && m.getTargetType() != null && !field.isEmpty()) {
            message = "must be a " + simpleType(m.getTargetType());
        } else if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            message = "the body must be a JSON " + (Collection.class.isAssignableFrom(m.getTargetType()) ? "array" : "object");
        } else {
            message = "malformed JSON: " + e.getOriginalMessage();
        }
        return new FieldError(field.isEmpty() ? "body" : field, shorten(message));
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
            default -> Collection.class.isAssignableFrom(type) ? "list" : java.util.Map.class.isAssignableFrom(type) ? "JSON object" : type.getSimpleName();
        };
    }
}
