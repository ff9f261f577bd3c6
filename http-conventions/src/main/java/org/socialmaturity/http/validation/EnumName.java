package org.socialmaturity.http.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A text naming a constant of {@link #value()}, checked with the body's other rules (Jackson would stop at the first
 * unknown name, before any other field is checked). Absent passes: add {@code @NotNull} when it is required.
 */
@Documented
@Constraint(validatedBy = EnumName.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface EnumName {

    Class<? extends Enum<?>> value();

    String message() default "must be one of the documented values";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<EnumName, String> {

        private Enum<?>[] constants;

        @Override
        public void initialize(EnumName annotation) {
            constants = annotation.value().getEnumConstants();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null || Arrays.stream(constants).anyMatch(constant -> constant.name().equals(value))) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate("must be one of " + Arrays.toString(constants))
                    .addConstraintViolation();
            return false;
        }
    }
}
