package com.promisevalidator.common;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A string holding a day, YYYY-MM-DD (or, with {@code timestamps}, also an ISO-8601 timestamp with offset), between
 * {@link Limits#MIN_DATE} and {@link Limits#MAX_DATE}. A body takes such a field as a string so that a bad one is
 * reported with every other bad field of the body, not alone as a JSON reading failure. Null is valid.
 */
@Documented
@Constraint(validatedBy = IsoDate.Validator.class)
@Target({ElementType.METHOD, ElementType.FIELD, ElementType.ANNOTATION_TYPE, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface IsoDate {

    /** Also an ISO-8601 timestamp with offset (2026-03-04T10:00:00Z); its date is checked against the range. */
    boolean timestamps() default false;

    String message() default "is not a valid date (YYYY-MM-DD)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<IsoDate, String> {
        private boolean timestamps;

        @Override
        public void initialize(IsoDate a) {
            timestamps = a.timestamps();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) return true;
            LocalDate day = parse(value, timestamps);
            if (day == null) {
                return Violations.reject(context, Violations.quoted(value)
                        + (timestamps ? " is not a date (YYYY-MM-DD) or ISO-8601 timestamp" : " is not a valid date (YYYY-MM-DD)"));
            }
            return Limits.dateInRange(day) || Violations.reject(context, Limits.dateRangeMessage());
        }

        /** The day {@code text} names (a timestamp's own local date), or null when it is neither a date nor, if allowed, a timestamp. */
        static LocalDate parse(String text, boolean timestamps) {
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                if (!timestamps) return null;
                try {
                    return OffsetDateTime.parse(text).toLocalDate();
                } catch (DateTimeParseException e2) {
                    return null;
                }
            }
        }
    }
}
