package com.promisevalidator.common;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.DateTimeException;
import java.time.ZoneId;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** A string naming a time zone {@link ZoneId#of} knows (America/Sao_Paulo, UTC, +02:00). Null or blank is left to @NotBlank. */
@Documented
@Constraint(validatedBy = TimeZoneId.Validator.class)
@Target({ElementType.METHOD, ElementType.FIELD, ElementType.ANNOTATION_TYPE, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface TimeZoneId {

    String message() default "is not a known time zone";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<TimeZoneId, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null || value.isBlank()) return true;
            try {
                ZoneId.of(value);
                return true;
            } catch (DateTimeException e) {
                return Violations.reject(context, Violations.quoted(value) + " is not a known time zone");
            }
        }
    }
}
