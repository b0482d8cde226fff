package com.promisevalidator.capacity.rest;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import com.promisevalidator.capacity.service.DayNames;
import com.promisevalidator.common.Violations;

/** A string naming a day of the week as {@link DayNames#parse} reads it (MON or MONDAY). Null or blank is left to @NotBlank. */
@Documented
@Constraint(validatedBy = DayName.Validator.class)
@Target({ElementType.METHOD, ElementType.FIELD, ElementType.ANNOTATION_TYPE, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface DayName {

    String message() default "is not a day of the week (MON..SUN)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<DayName, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null || value.isBlank()) return true;
            try {
                DayNames.parse(value);
                return true;
            } catch (IllegalArgumentException e) {
                return Violations.reject(context, Violations.quoted(value) + " is not a day of the week (MON..SUN)");
            }
        }
    }
}
