package com.promisevalidator.capacity.rest;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.LocalTime;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import com.promisevalidator.common.Violations;

/** Opening hours HH:MM-HH:MM (the close may be 24:00) that close after they open. Null is left to @NotNull. */
@Documented
@Constraint(validatedBy = OpeningHours.Validator.class)
@Target({ElementType.METHOD, ElementType.FIELD, ElementType.ANNOTATION_TYPE, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface OpeningHours {

    String PATTERN = "([01]\\d|2[0-3]):[0-5]\\d-(([01]\\d|2[0-3]):[0-5]\\d|24:00)";

    String message() default "must look like 08:00-18:00";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<OpeningHours, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) return true;
            if (!value.matches(PATTERN)) return false;
            return closes(value).isAfter(opens(value)) || Violations.reject(context, "must close after it opens");
        }

        /** When hours (valid as above) open. */
        static LocalTime opens(String hours) {
            return LocalTime.parse(hours.substring(0, 5));
        }

        /** When hours (valid as above) close; 24:00 is {@link LocalTime#MAX}. */
        static LocalTime closes(String hours) {
            String close = hours.substring(6);
            return close.equals("24:00") ? LocalTime.MAX : LocalTime.parse(close);
        }
    }
}
