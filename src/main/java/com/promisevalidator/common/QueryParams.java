package com.promisevalidator.common;

/** Query parameters read as text, so a bad value is a 400 naming the parameter (JAX-RS would answer 404). */
public final class QueryParams {

    private QueryParams() {
    }

    public static int integer(String name, String text, int defaultValue, int min, int max) {
        if (text == null || text.isBlank()) return defaultValue;
        try {
            int v = Integer.parseInt(text.trim());
            if (v >= min && v <= max) return v;
        } catch (NumberFormatException e) {
            // fall through to the same message
        }
        throw ProblemException.badRequest(name, "must be a whole number between " + min + " and " + max);
    }

    public static boolean bool(String name, String text, boolean defaultValue) {
        if (text == null || text.isBlank()) return defaultValue;
        return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ProblemException.badRequest(name, "'" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "' must be true or false");
        };
    }
}
