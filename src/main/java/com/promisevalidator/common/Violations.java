package com.promisevalidator.common;

import jakarta.validation.ConstraintValidatorContext;

/** For custom constraints whose message names the rejected value. */
public final class Violations {

    private Violations() {
    }

    /**
     * Replaces the constraint's default message with {@code message}, taken literally: a value echoed in it (a client's
     * text) is escaped, so its braces or dollar signs are never read as message parameters or expressions.
     */
    public static boolean reject(ConstraintValidatorContext context, String message) {
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(message.replaceAll("([\\\\{}$])", "\\\\$1")).addConstraintViolation();
        return false;
    }

    /** A client's value as echoed in a message: quoted, and cut short when long. */
    public static String quoted(String value) {
        return "'" + JsonErrors.shorten(value) + "'";
    }
}
